package shingle

import "strconv"

// API CONTRACT. The functions of the contract live in the files named after
// their concern (token.go, normalize.go, hash.go, shingle.go, minhash.go,
// lsh.go, params.go); this file holds the shared types.

// Kind selects word or character shingles.
type Kind int

const (
	Word Kind = iota // word k-shingles (k consecutive normalised words)
	Char             // character k-shingles over the normalised text
)

// String returns the name of k: "word" or "char".
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Char:
		return "char"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// DefaultK is the shingle size used when [Options].K is less than 1.
const DefaultK = 5

// Options configures shingling and MinHash. The zero value means word
// 5-shingles; Perms and Seed are read by [Options.MinHasher].
type Options struct {
	Kind  Kind
	K     int    // shingle size in words or characters; < 1 means DefaultK
	Perms int    // number of MinHash permutations
	Seed  uint64 // seed for the permutations
}

// Token is one normalised word with its byte span in the original text.
type Token struct {
	Text       string // normalised (NFKC, case-folded, quotes/dashes unified)
	Start, End int    // byte offsets into the input string
}

// Signature is a MinHash signature: one minimum per permutation. A slot
// holding [EmptySlot] came from an empty set.
type Signature []uint32

// EmptySlot fills every slot of the signature of an empty shingle set. No
// slot of a non-empty set holds it.
const EmptySlot = ^uint32(0)
