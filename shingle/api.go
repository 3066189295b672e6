package shingle

import (
	"fmt"
	"strconv"
)

// The functions live in the files named after their concern (token.go,
// normalize.go, hash.go, shingle.go, minhash.go, lsh.go, params.go,
// group.go); this file holds the shared types and defaults.

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

// The defaults of [Options]: every storydiff command starts from
// [DefaultOptions].
const (
	// DefaultK is the shingle size used when K is 0 (and by the shingle
	// functions for a k below 1): word 5-shingles suit reprints of one
	// wire story.
	DefaultK = 5
	// DefaultPerms is the number of permutations used when Perms is 0.
	DefaultPerms = 128
	// DefaultSeed is the seed of the permutations of [DefaultOptions]. The
	// comparison commands have always used 1, and every report, golden
	// file and measured figure of storydiff was made with it.
	DefaultSeed = 1
	// MaxPerms is the most permutations [Options.Check] accepts.
	MaxPerms = 4096
)

// DefaultNearDuplicate is the estimated Jaccard similarity of word
// 5-shingle sets at or above which two articles are near-duplicates. Word
// 5-shingles are strict: one changed word in twenty already brings a copy
// down to about 0.6, a reprint with a new headline, a dropped paragraph and
// a sign-off appended is at 0.6–0.8, while independently written reports of
// one event share almost no 5-word sequences (below 0.1). 0.5 thus catches
// lightly and moderately edited copies without linking distinct texts.
const DefaultNearDuplicate = 0.5

// Options configures shingling and MinHash. The zero value means word
// 5-shingles, [DefaultPerms] permutations and seed 0; start from
// [DefaultOptions] for the defaults of storydiff's commands.
type Options struct {
	Kind  Kind
	K     int    // shingle size in words or characters; 0 means DefaultK
	Perms int    // number of MinHash permutations; 0 means DefaultPerms
	Seed  uint64 // seed for the permutations
}

// DefaultOptions returns word 5-shingles, 128 permutations and seed 1.
func DefaultOptions() Options {
	return Options{Kind: Word, K: DefaultK, Perms: DefaultPerms, Seed: DefaultSeed}
}

// WithDefaults returns o with a zero K or Perms replaced by [DefaultK] or
// [DefaultPerms].
func (o Options) WithDefaults() Options {
	if o.K == 0 {
		o.K = DefaultK
	}
	if o.Perms == 0 {
		o.Perms = DefaultPerms
	}
	return o
}

// Check returns an [*OptionError] when o cannot make signatures: a Kind
// other than Word and Char, K below 1 or Perms outside [1, MaxPerms].
// Apply [Options.WithDefaults] first to accept zero values.
func (o Options) Check() error {
	switch {
	case o.Kind != Word && o.Kind != Char:
		return &OptionError{Option: "Kind", Want: "word or char"}
	case o.K < 1:
		return &OptionError{Option: "K", Want: "at least 1"}
	case o.Perms < 1 || o.Perms > MaxPerms:
		return &OptionError{Option: "Perms", Want: "between 1 and " + strconv.Itoa(MaxPerms)}
	}
	return nil
}

// An OptionError reports a field of [Options] out of its range.
type OptionError struct {
	Option string // the field: "Kind", "K" or "Perms"
	Want   string // what it must be, such as "at least 1"
}

func (e *OptionError) Error() string { return "shingle: " + e.Option + " must be " + e.Want }

// String describes o, as "word 5-shingles, 128 permutations, seed 1".
func (o Options) String() string {
	return fmt.Sprintf("%s %d-shingles, %d permutations, seed %d", o.Kind, o.K, o.Perms, o.Seed)
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
