// Package shingle turns article text into normalised tokens, hashed word or
// character shingles, seeded MinHash signatures, and LSH band keys.
//
// Everything here is deterministic: the same text, options and seed give the
// same shingles and signatures in every process on every machine.
package shingle
