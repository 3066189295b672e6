// Package compare groups articles into clusters of near-duplicates and
// reports of the same event, using MinHash/LSH candidates verified by a
// similarity measure, and compares the facts of the articles in a cluster.
package compare

import (
	"github.com/storydiff/storydiff/shingle"
)

// Options configures clustering. The zero value is not useful: start from
// [DefaultOptions].
type Options struct {
	Shingle       shingle.Options // shingle kind and size (0: 5), permutations (0: 128), seed
	NearDuplicate float64         // Jaccard (word shingles) at or above which a pair is a near-duplicate
	SameEvent     float64         // same-event score at or above which two reports are linked
	Facts         bool            // extract and compare facts inside clusters of two or more
	Workers       int             // goroutines for signatures (0 = GOMAXPROCS)
}
