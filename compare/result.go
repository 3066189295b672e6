// Package compare groups articles into clusters of near-duplicates and
// reports of the same event, using MinHash/LSH candidates verified by a
// similarity measure, and compares the facts of the articles in a cluster.
package compare

import (
	"github.com/storydiff/storydiff/compare/facts"
	"github.com/storydiff/storydiff/shingle"
)

// Relations between two articles of a cluster.
const (
	NearDuplicate = "near-duplicate" // the same text, lightly edited
	SameEvent     = "same-event"     // independent reports of one event
	Unrelated     = "unrelated"      // diff only: two articles the clustering would not link
)

// Options configures clustering. The zero value is not useful: start from
// DefaultOptions.
type Options struct {
	Shingle       shingle.Options // shingle kind and size, permutations, seed
	NearDuplicate float64         // Jaccard (word shingles) at or above which a pair is a near-duplicate
	SameEvent     float64         // same-event score at or above which two reports are linked
	Facts         bool            // extract and compare facts inside clusters of two or more
	Workers       int             // goroutines for signatures (0 = GOMAXPROCS)
}

// Document is the JSON and report view of one article.
type Document struct {
	ID     string `json:"id"`
	Path   string `json:"path"`
	Source string `json:"source"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Words  int    `json:"words"`
}

// Pair is a scored relation between two documents of a cluster (A < B).
type Pair struct {
	A          string  `json:"a"`
	B          string  `json:"b"`
	Similarity float64 `json:"similarity"` // the score that decided the relation, in [0,1]
	Jaccard    float64 `json:"jaccard"`    // estimated Jaccard of the shingle sets
	Relation   string  `json:"relation"`   // NearDuplicate or SameEvent (Unrelated in diff)
}

// Cluster is a group of documents about one event. Every document is in
// exactly one cluster; singletons are clusters of one.
type Cluster struct {
	ID        string   `json:"id"`
	Documents []string `json:"documents"`
	Pairs     []Pair   `json:"pairs"`
	// Fact comparison, present when Options.Facts is set and the cluster has
	// two or more documents (or for diff).
	*facts.Comparison
}

// Params records the parameters of a run for the report header.
type Params struct {
	ShingleKind   string  `json:"shingle_kind"`
	ShingleSize   int     `json:"shingle_size"`
	Permutations  int     `json:"permutations"`
	Seed          uint64  `json:"seed"`
	Bands         int     `json:"bands"`
	Rows          int     `json:"rows"`
	NearDuplicate float64 `json:"near_duplicate_threshold"`
	SameEvent     float64 `json:"same_event_threshold"`
}

// Result is the outcome of a run: what the report and JSON print.
type Result struct {
	Version   string     `json:"version"`
	Command   string     `json:"command"`
	Inputs    []string   `json:"inputs"`
	Params    Params     `json:"params"`
	Documents []Document `json:"documents"`
	Clusters  []Cluster  `json:"clusters"`
}
