package shingle

import "github.com/zeebo/xxh3"

// HashString is a stable 64-bit hash (XXH3-64 of the UTF-8 bytes), identical
// across processes, machines and releases of this package.
func HashString(s string) uint64 { return xxh3.HashString(s) }

func hashBytes(b []byte) uint64 { return xxh3.Hash(b) }

// mix64 is the MurmurHash3 64-bit finaliser: a bijection with full
// avalanche.
func mix64(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	h ^= h >> 33
	return h
}

// splitmix64 advances *state and returns the next value of the SplitMix64
// generator; used to derive permutation parameters from a seed.
func splitmix64(state *uint64) uint64 {
	*state += 0x9e3779b97f4a7c15
	z := *state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
