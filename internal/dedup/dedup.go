// Package dedup finds near-duplicate articles in corpora of millions of
// articles with MinHash signatures and banded locality-sensitive hashing.
//
// [Run] streams its inputs: a reader goroutine cuts JSON Lines files into
// batches of lines (other inputs go through [input.Walk]), workers on every
// core decode the records ([input.ParseRecord]) and compute their MinHash
// signatures, and a collector puts the results back in input order, keeping
// only the id, the text length and the signature of each article: about
// 4×perms bytes per article, in one flat slab. Texts are dropped once signed.
//
// Once all inputs are read, the signatures go through package shingle's LSH
// banding one band at a time ([shingle.SortBand]): articles sharing a band
// bucket are candidates, candidates whose estimated Jaccard similarity
// ([shingle.Signature.Similarity]) reaches the threshold are linked, and
// linked articles form groups ([shingle.UnionFind]). Each group has a
// representative ([KeepFirst] or [KeepLongest]) and the similarity of every
// member to it.
//
// The result depends only on the inputs and the options, never on the number
// of workers or on scheduling.
//
// # Memory
//
// Per article: the signature (4 bytes × perms, in 8 MB blocks that never
// move), the id and its entry in the duplicate-id set, and 4 bytes of
// length; while linking, one 8-byte key per article per worker and one
// union-find entry. Texts are held only while a batch is being signed (at
// most 4 batches of 1 MB per worker).
//
// # Scale runs
//
// Quality against exact ground truth at any scale:
//
//	go test ./internal/dedup -run TestQualityScale -v -timeout 1h -dedup.scale 100000
//
// Time and peak memory end to end:
//
//	storydiff generate --n 1000000 -o corpus.jsonl --truth truth.jsonl
//	/usr/bin/time -v storydiff dedup --groups groups.jsonl --kept kept.txt --save corpus.sig corpus.jsonl
//
// Throughput, and the candidate search alone: go test ./internal/dedup -bench . -benchtime 3x
package dedup

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"

	"github.com/storydiff/storydiff/shingle"
)

// Keep selects a group's representative: the article a filtered corpus keeps.
type Keep int

const (
	KeepFirst   Keep = iota // the first member in input order
	KeepLongest             // the member with the longest text (first on ties)
)

// String returns "first" or "longest".
func (k Keep) String() string {
	if k == KeepLongest {
		return "longest"
	}
	return "first"
}

// DefaultMaxBytes is the default size limit of one article (record line).
const DefaultMaxBytes = 16 << 20

// DefaultOptions returns the defaults of `storydiff dedup`: word 5-shingles,
// 128 permutations and seed 1 ([shingle.DefaultOptions]), threshold
// [shingle.DefaultNearDuplicate] (0.5) with bands and rows chosen from it,
// [KeepFirst], all cores and [DefaultMaxBytes].
func DefaultOptions() Options {
	return Options{Shingle: shingle.DefaultOptions(), Threshold: shingle.DefaultNearDuplicate, MaxBytes: DefaultMaxBytes}
}

// Options configures [Run]. The zero value of a field selects its default,
// except for Shingle.Seed: seed 0 is a seed like any other, so the zero
// Options sign with seed 0 where [DefaultOptions] has
// [shingle.DefaultSeed].
type Options struct {
	Shingle   shingle.Options // shingle kind, size (0: 5), permutations (0: 128) and seed
	Threshold float64         // estimated Jaccard similarity to link two articles (0: shingle.DefaultNearDuplicate)
	// Containment, when above 0, also finds excerpts: pairs whose
	// estimated containment of the shorter text in the longer reaches it
	// (and whose similarity does not reach Threshold), in Result.Contained.
	// The bands are then chosen for excerpts too (see Banding).
	Containment float64
	Bands       int  // LSH bands; 0 chooses bands and rows from Threshold and Containment (see Banding)
	Rows        int  // rows per band; used with Bands
	Keep        Keep // representative of a group
	Workers     int  // signing goroutines (default GOMAXPROCS)
	MaxBytes    int  // longer records and files are skipped with a warning (default DefaultMaxBytes)

	// Meta asks Stream for the source, title, date and URL of each
	// article (for an index).
	Meta bool

	// Pairs asks for every linked pair in [Result.Pairs] (for evaluation;
	// costs memory proportional to the number of pairs).
	Pairs bool

	Warn     func(error)                               // called, in input order, for every skipped record or file; may be nil
	Open     func(name string, info fs.FileInfo) error // called before a file is read; an error stops Run (see input.Options.Open)
	Progress func(Progress)                            // called from one goroutine as articles are signed; may be nil
	Stdin    io.Reader                                 // read for the path "-"
}

// Progress reports how far a run has got.
type Progress struct {
	Phase    Phase // what the run is doing
	Articles int   // articles signed so far
	Skipped  int   // records skipped so far
	Bytes    int64 // input bytes consumed so far
	Done     bool  // the last report of reading, sent when all inputs are read
	// Step of Steps is how far the phase has got: bands linked of all
	// bands while linking; 0 of 1 when a phase starts that has no steps.
	Step, Steps int
}

// Phase is a phase of [Run] (or of a run of [Stream]).
type Phase int

const (
	Reading  Phase = iota // reading, decoding and signing the inputs
	Counting              // counting the slot values of all signatures (common text)
	Linking               // finding and verifying candidates, band by band
	Grouping              // forming the groups
)

// String returns the name of the phase, as "reading".
func (p Phase) String() string {
	switch p {
	case Counting:
		return "counting"
	case Linking:
		return "linking"
	case Grouping:
		return "grouping"
	}
	return "reading"
}

func (o *Options) defaults() error {
	o.Shingle = o.Shingle.WithDefaults()
	if o.Threshold == 0 {
		o.Threshold = shingle.DefaultNearDuplicate
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if err := o.Shingle.Check(); err != nil {
		return err
	}
	switch {
	case !(o.Threshold > 0 && o.Threshold <= 1): // NaN too
		return errors.New("threshold must be in (0, 1]")
	case o.Bands < 0 || o.Rows < 0:
		return errors.New("bands and rows must not be negative")
	case o.Bands > 0 && (o.Rows < 1 || o.Bands*o.Rows > o.Shingle.Perms):
		return fmt.Errorf("bands × rows = %d × %d does not fit in %d permutations", o.Bands, o.Rows, o.Shingle.Perms)
	case !(o.Containment >= 0 && o.Containment <= 1):
		return errors.New("containment must be in [0, 1]")
	}
	if o.Bands == 0 {
		o.Bands, o.Rows = Banding(o.Threshold, o.Containment, o.Shingle.Perms)
	}
	return nil
}

// Banding chooses bands × rows for a similarity threshold and, when
// containment is above 0, for excerpts contained at that threshold: the
// most rows for which a pair at the threshold is a candidate with
// probability CandidateRecall ([shingle.RecallParams]), or, when excerpts
// need fewer, those for which an excerpt of ExcerptRatio of the full text
// is a candidate with probability ExcerptRecall. dedup and the index band
// alike.
func Banding(threshold, containment float64, perms int) (bands, rows int) {
	bands, rows = shingle.RecallParams(threshold, perms, CandidateRecall)
	if c := containment; c > 0 {
		j := c * ExcerptRatio / (1 + ExcerptRatio - c*ExcerptRatio)
		if b, r := shingle.RecallParams(j, perms, ExcerptRecall); r < rows {
			bands, rows = b, r
		}
	}
	return bands, rows
}

// ExcerptRatio is the shortest excerpt, as a share of the full text's
// shingles, that Banding makes a candidate: its Jaccard similarity with
// the full text is c·r / (1 + r − c·r), 0.19 for containment c = 0.8 and
// r = 1/4.
const ExcerptRatio = 0.25

// ExcerptRecall is the probability with which an excerpt of ExcerptRatio
// of the full text, contained at the containment threshold, becomes a
// candidate: 0.9 gives 64 bands of 2 rows at 128 permutations and
// containment 0.8 (0.95 would take 128 bands of one row, twice the band
// keys, each a single slot value, which unrelated articles share far more
// often); an excerpt of a third of the text is a candidate with
// probability 0.98.
const ExcerptRecall = 0.9

// CandidateRecall is the probability with which a pair at the threshold
// must become a candidate: Run chooses bands and rows with
// [shingle.RecallParams](Threshold, Perms, CandidateRecall), the most rows
// per band (the fewest chance candidates) that keep it, so that pairs above
// the threshold are missed by the verified estimate, not by the index. For
// 128 permutations, threshold 0.5 gives 42 bands of 3 rows.
const CandidateRecall = 0.95

// Group is one set of near-duplicate articles (two or more): a
// representative and the articles linked to it.
type Group struct {
	Members        []int     // article indices (see Result.ID), ascending
	Representative int       // the member to keep
	Similarity     []float64 // estimated Jaccard similarity of each member to the representative (1 for itself), at or above the threshold
}

// Excerpt is a pair of articles one of which holds most of the other: the
// estimated containment of the shorter in the longer reached
// Options.Containment, their similarity did not reach the threshold.
type Excerpt struct {
	Excerpt, Full int     // article indices
	Containment   float64 // estimated share of the excerpt's shingles in the full text
	Similarity    float64 // estimated Jaccard similarity
}

// Pair is a linked pair of articles: a candidate whose estimated similarity
// reached the threshold.
type Pair struct {
	A, B       int // article indices, A < B
	Similarity float64
}

// Result is the outcome of [Run].
type Result struct {
	Params      shingle.Options // what the signatures were made with
	Threshold   float64
	Containment float64 // Options.Containment
	Bands       int
	Rows        int
	Keep        Keep

	Articles int   // articles read and signed
	Skipped  int   // records or files skipped with a warning
	Renamed  int   // articles renamed for sharing an ID (see input.IDs)
	Bytes    int64 // input bytes read

	WithCommon int       // articles holding a common slot value (see shingle.Commons)
	Candidates int       // candidate pairs verified (each once, in the first band it shares)
	Groups     []Group   // groups of two or more, ordered by first member
	Chains     int       // sets of linked articles that became more than one group
	Pairs      []Pair    // linked pairs, sorted, when Options.Pairs is set
	Contained  []Excerpt // excerpt pairs, with Options.Containment, sorted by excerpt then full text

	store *Signatures
}

// ID returns the id of article i.
func (r *Result) ID(i int) string { return r.store.IDs[i] }

// Length returns the text length in bytes of article i.
func (r *Result) Length(i int) int { return int(r.store.Lengths[i]) }

// Len returns the number of articles.
func (r *Result) Len() int { return r.store.Len() }

// Sig returns the signature of article i.
func (r *Result) Sig(i int) shingle.Signature { return r.store.Sig(i) }

// Duplicates returns the number of articles a filtered corpus drops: group
// members other than the representative.
func (r *Result) Duplicates() int {
	n := 0
	for _, g := range r.Groups {
		n += len(g.Members) - 1
	}
	return n
}

// Kept returns, in input order, the indices of the articles a filtered
// corpus keeps: those in no group, and the representatives.
func (r *Result) Kept() []int {
	drop := make([]bool, r.Len())
	for _, g := range r.Groups {
		for _, m := range g.Members {
			if m != g.Representative {
				drop[m] = true
			}
		}
	}
	var kept []int
	for i := range r.Len() {
		if !drop[i] {
			kept = append(kept, i)
		}
	}
	return kept
}

// LargeGroup returns the size above which a group is reported as
// unusually large: [shingle.CommonThreshold] of the articles (100, or
// 0.5% of them when that is more). A group that large holds the same text
// in more articles than a slot value needs to count as boilerplate: its
// members are almost all common text (each is compared on all its slots
// only then), such as pages of one template or one press release run
// everywhere, and are worth a look before they are dropped.
func (r *Result) LargeGroup() int { return shingle.CommonThreshold(r.Articles) }
