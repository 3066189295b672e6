// Package shingle turns article text into normalised tokens, hashed word or
// character shingles and seeded MinHash signatures, and finds similar
// signatures with LSH banding. It is the one home of these operations:
// compare, compare/facts and the dedup command all tokenise, shingle, sign,
// band and group with it.
//
// Everything here is deterministic: the same text, options and seed give the
// same shingles and signatures in every process on every machine (hashing is
// XXH3, never hash/maphash; permutations come from the seed by SplitMix64).
//
// # The model
//
// Text is normalised ([Normalize]: NFKC, case folding, typographic quotes
// and dashes to ASCII) and split into word tokens ([Tokenize]), which keep
// their byte offsets in the original text. A document becomes the set of its
// shingles: every run of K consecutive words ([WordShingles]) or K
// characters ([CharShingles]), each hashed to 64 bits. Larger K makes
// shingles rarer and the sets more sensitive to edits: word 5-shingles
// suit reprints of one wire story, smaller K or character shingles looser
// matches. Two documents are compared by the Jaccard similarity of their
// sets, |A∩B| / |A∪B| ([Jaccard]).
//
// A [MinHasher] with P permutations condenses a set into a [Signature] of
// P 32-bit slots such that two signatures agree in each slot with
// probability J, the sets' Jaccard similarity; [Signature.Similarity]
// estimates J with standard error at most √(J(1−J)/P). The signatures use
// fast similarity sketching, O(n + P log P) per set instead of classic
// MinHash's O(nP), with the same (or smaller) error; see [MinHasher].
//
// An [LSH] index cuts signatures into B bands of R rows (B·R ≤ P). Two
// documents become candidates when all R rows of at least one band agree,
// which happens with probability 1 − (1 − J^R)^B: an S-curve in J whose
// steep part sits near (1/B)^(1/R). More rows per band move the curve
// right (fewer false candidates), more bands move it left (fewer misses).
// [Params] picks B and R for a similarity threshold by minimising the
// weighted areas of false positives (below the threshold) and false
// negatives (above it); [RecallParams] instead takes the most rows that
// keep a pair at the threshold a candidate with a given probability.
// Candidates are then verified with [Signature.Similarity] or [Jaccard],
// and the verified pairs grouped with a [UnionFind].
//
// The index is [LSH] (add, query, all pairs). A batch too large to hold
// every band at once is banded one band at a time with [SortBand] and
// [Buckets], which bucket by the same [BandKey].
//
// # Usage
//
//	opt := shingle.Options{Kind: shingle.Word, K: 5, Perms: 128, Seed: 1}
//	m := opt.MinHasher()
//	bands, rows := shingle.Params(0.8, opt.Perms, 0.5, 0.5)
//	index := shingle.NewLSH(bands, rows)
//	for id, text := range texts {
//		index.Add(id, m.SignText(opt, text, nil))
//	}
//	for _, p := range index.Pairs() { ... }
package shingle
