package compare

import "github.com/storydiff/storydiff/internal/corpus"

// API CONTRACT (skeleton). The clustering helper replaces these stubs.

// DefaultOptions returns the measured defaults.
func DefaultOptions() Options { return Options{} }

// Run clusters the articles (sorted by ID, as corpus.Load returns them) and,
// when opt.Facts is set, compares the facts inside each cluster. The result
// is identical whatever the order of arts.
func Run(arts []*corpus.Article, opt Options) (*Result, error) { return &Result{}, nil }

// PairSimilarity scores two articles with the same measure Run uses,
// returning the pair with its relation ("" when below both thresholds).
func PairSimilarity(a, b *corpus.Article, opt Options) Pair { return Pair{} }
