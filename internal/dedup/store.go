package dedup

import "github.com/storydiff/storydiff/shingle"

// Signatures holds the ids, text lengths and signatures of a run's
// articles, the signatures in fixed blocks, so a growing batch never copies
// (or holds twice) what it has. The zero value is not usable: start with
// [NewSignatures].
type Signatures struct {
	Params  shingle.Options // what the signatures were made with
	IDs     []string
	Lengths []uint32 // text length in bytes, for --keep longest

	blocks [][]uint32 // blockArticles signatures per block
}

// blockArticles is the number of signatures per storage block (8 MB at 128
// permutations).
const blockArticles = 1 << 14

// NewSignatures returns an empty batch for signatures made with p.
func NewSignatures(p shingle.Options) *Signatures { return &Signatures{Params: p} }

// Len returns the number of articles.
func (s *Signatures) Len() int { return len(s.IDs) }

// Sig returns the signature of article i (not a copy).
func (s *Signatures) Sig(i int) shingle.Signature {
	p := s.Params.Perms
	k := i % blockArticles * p
	return s.blocks[i/blockArticles][k : k+p : k+p]
}

// Append adds an article. len(sig) must be Params.Perms.
func (s *Signatures) Append(id string, length uint32, sig []uint32) {
	j := len(s.IDs)
	if j/blockArticles == len(s.blocks) {
		s.blocks = append(s.blocks, make([]uint32, 0, blockArticles*s.Params.Perms))
	}
	b := &s.blocks[j/blockArticles]
	*b = append(*b, sig[:s.Params.Perms]...)
	s.IDs = append(s.IDs, id)
	s.Lengths = append(s.Lengths, length)
}
