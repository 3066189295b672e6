package result

// DedupSummary is the summary of a deduplication run: its parameters and
// the counts, largest groups and similarity histogram package
// internal/dedup computes. `storydiff dedup` prints it with -o.
type DedupSummary struct {
	Version string   // storydiff version
	Inputs  []string // paths as given

	ShingleKind  string // "word" or "char"
	ShingleSize  int
	Permutations int
	Seed         uint64
	Bands, Rows  int     // the LSH banding
	Threshold    float64 // estimated Jaccard at or above which two articles are linked
	Containment  float64 // containment at or above which a pair is an excerpt pair; 0 when not looked for
	Keep         string  // which member represents a group: "first" or "longest"

	Articles    int   // articles read and signed in this run
	Bytes       int64 // input bytes read
	Skipped     int   // records or files skipped with a warning
	WithCommon  int   // articles holding text common to many (boilerplate), left out of their comparisons
	Groups      int   // near-duplicate groups (two or more articles)
	InGroups    int   // articles in a group
	Duplicates  int   // articles a filtered corpus drops
	Kept        int   // articles a filtered corpus keeps
	Candidates  int   // candidate pairs verified (each once)
	Chains      int   // sets of linked articles split into several groups (chains)
	LargeGroup  int   // the size above which a group is unusually large
	LargeGroups int   // groups above that size
	Excerpts    int   // excerpt pairs, when looked for

	Largest   []LargestGroup  // the largest groups, largest first (then in group order)
	Histogram []SimilarityBin // similarity of the members to their representative
}

// LargestGroup is one row of the largest groups of a [DedupSummary].
type LargestGroup struct {
	Group            int     // its number in the group output, from 1
	Size             int     // members
	Representative   string  // id of the member kept
	LowestSimilarity float64 // lowest similarity of a member to the representative
}

// SimilarityBin counts the group members (other than representatives)
// whose similarity to their representative is in [Lo, Hi), the last bin
// including 1.
type SimilarityBin struct {
	Lo, Hi  float64
	Members int
}

// DedupGroups are the near-duplicate groups of a deduplication run, in
// output order: `storydiff dedup` writes them as JSON Lines.
type DedupGroups struct {
	Groups []DedupGroup
}

// DedupGroup is one group of near-duplicate articles.
type DedupGroup struct {
	Members        []string  // ids in input order
	Representative string    // id of the member to keep
	Similarity     []float64 // estimated Jaccard of each member to the representative (1 for itself)
}

// DedupExcerpt is a pair of articles one of which is an excerpt of the
// other (a truncated reprint): `storydiff dedup --contained` writes them
// as JSON Lines.
type DedupExcerpt struct {
	Excerpt, Full string  // ids
	Containment   float64 // estimated share of the excerpt's shingles in the full text
	Similarity    float64 // estimated Jaccard similarity (below the threshold)
}
