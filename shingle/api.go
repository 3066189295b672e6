package shingle

// API CONTRACT (skeleton). The shingle helper replaces these stubs with the
// real implementation, keeping the exported names and signatures. Other
// packages are written against them.

// Kind selects word or character shingles.
type Kind int

const (
	Word Kind = iota // word k-shingles (k consecutive normalised words)
	Char             // character k-shingles over the normalised text
)

// Options configures shingling and MinHash.
type Options struct {
	Kind  Kind
	K     int    // shingle size in words or characters
	Perms int    // number of MinHash permutations
	Seed  uint64 // seed for the permutations
}

// Token is one normalised word with its byte span in the original text.
type Token struct {
	Text       string // normalised (NFKC, case-folded, quotes/dashes unified)
	Start, End int    // byte offsets into the input string
}

// Normalize applies NFKC, case folding and typographic quote/dash folding.
func Normalize(s string) string { return s }

// Tokenize splits s into normalised word tokens with byte offsets into s.
func Tokenize(s string) []Token { return nil }

// Words returns the normalised words of s (Tokenize without offsets).
func Words(s string) []string { return nil }

// HashString is a stable 64-bit hash (identical across processes/machines).
func HashString(s string) uint64 { return 0 }

// WordShingles returns the sorted, de-duplicated hashes of the k-word
// shingles of words. Fewer than k words give one shingle of all of them.
func WordShingles(words []string, k int) []uint64 { return nil }

// CharShingles returns the sorted, de-duplicated hashes of the k-character
// shingles of the normalised text s.
func CharShingles(s string, k int) []uint64 { return nil }

// Shingles normalises text and returns its shingle set per o.Kind and o.K.
func (o Options) Shingles(text string) []uint64 { return nil }

// Jaccard returns the exact Jaccard similarity of two sorted unique sets.
func Jaccard(a, b []uint64) float64 { return 0 }

// Signature is a MinHash signature: one minimum per permutation.
type Signature []uint32

// Similarity estimates Jaccard similarity as the fraction of equal slots.
func (s Signature) Similarity(t Signature) float64 { return 0 }

// MinHasher computes signatures with a fixed number of seeded permutations.
// It is safe for concurrent use.
type MinHasher struct{}

// NewMinHasher returns a MinHasher with perms permutations derived from seed.
func NewMinHasher(perms int, seed uint64) *MinHasher { return &MinHasher{} }

// Signature returns the MinHash signature of a shingle set.
func (m *MinHasher) Signature(shingles []uint64) Signature { return nil }

// Params chooses bands × rows (bands*rows <= perms) for an LSH threshold,
// minimising the weighted false-positive and false-negative areas.
func Params(threshold float64, perms int, fpWeight, fnWeight float64) (bands, rows int) {
	return 1, perms
}

// LSH is a banded locality-sensitive hash index over signatures.
type LSH struct{}

// NewLSH returns an index with the given bands and rows per band.
func NewLSH(bands, rows int) *LSH { return &LSH{} }

// Add inserts signature sig under the integer id.
func (l *LSH) Add(id int, sig Signature) {}

// Query returns the ids sharing at least one band with sig, sorted, unique.
func (l *LSH) Query(sig Signature) []int { return nil }

// Pairs returns every candidate pair (a < b) that shares a band, sorted.
func (l *LSH) Pairs() [][2]int { return nil }
