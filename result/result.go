// Package result holds the plain data that storydiff's analyses produce
// and its reports print: the clusters of a comparison with their scored
// pairs and fact comparisons ([Result]), the scores of an evaluation
// ([EvalReport]), and the summary and groups of a deduplication
// ([DedupSummary], [DedupGroups]).
//
// It computes nothing and imports no other storydiff package: compare,
// compare/facts and internal/dedup fill these values in, package report
// renders them as Markdown, terminal tables or JSON. The json tags are the
// schema of `--format json`.
package result

// Relation says how the two articles of a [Pair] are related.
type Relation string

// Relations between two articles of a cluster.
const (
	NearDuplicate Relation = "near-duplicate" // the same text, lightly edited
	SameEvent     Relation = "same-event"     // independent reports of one event
	Unrelated     Relation = "unrelated"      // diff only: two articles the clustering puts in different events
)

// Document is the JSON and report view of one article.
type Document struct {
	ID     string `json:"id"`
	Path   string `json:"path"`
	Source string `json:"source"`
	Title  string `json:"title"`
	Date   string `json:"date"`
	Words  int    `json:"words"`

	// The article itself, for the reports that show it (the HTML review
	// page) and link to its lines; none of it is in the JSON, whose
	// documents describe the articles without repeating them.

	// Text is the article's body and TitleLine and FirstLine the input
	// lines of its title and of the first line of Text (see
	// corpus.Article): mention lines and spans index them.
	Text      string `json:"-"`
	TitleLine int    `json:"-"`
	FirstLine int    `json:"-"`
	// Link is where the report links line n of the article, as Link#Ln:
	// its file, relative to the report's directory, with forward slashes,
	// when the article's line numbers are those of that file (a text or
	// Markdown file); "" otherwise (HTML, JSON Lines, standard input).
	Link string `json:"-"`
}

// Pair is a scored relation between two documents of a cluster (A < B).
type Pair struct {
	A          string   `json:"a"`
	B          string   `json:"b"`
	Similarity float64  `json:"similarity"` // the score that decided the relation, in [0,1]
	Jaccard    float64  `json:"jaccard"`    // estimated Jaccard of the shingle sets
	Relation   Relation `json:"relation"`   // NearDuplicate or SameEvent (Unrelated in diff)
}

// Cluster is a group of documents about one event. Every document is in
// exactly one cluster; singletons are clusters of one.
type Cluster struct {
	ID        string   `json:"id"`
	Documents []string `json:"documents"`
	Pairs     []Pair   `json:"pairs"`
	// Fact comparison, present when facts were compared and the cluster
	// has two or more documents (or for diff).
	*Comparison
}

// Params records the parameters of a run for the report header.
type Params struct {
	ShingleKind   string  `json:"shingle_kind"` // "word" or "char"
	ShingleSize   int     `json:"shingle_size"`
	Permutations  int     `json:"permutations"`
	Seed          uint64  `json:"seed"`
	Bands         int     `json:"bands"` // the LSH banding of the candidate search
	Rows          int     `json:"rows"`
	NearDuplicate float64 `json:"near_duplicate_threshold"`
	SameEvent     float64 `json:"same_event_threshold"`
}

// Result is the outcome of a comparison: what the report and JSON print.
type Result struct {
	Version   string     `json:"version"`
	Command   string     `json:"command"`
	Inputs    []string   `json:"inputs"`
	Params    Params     `json:"params"`
	Documents []Document `json:"documents"`
	Clusters  []Cluster  `json:"clusters"`
	// Direct is set when the articles were compared as one cluster as
	// given (diff), so no candidate search ran: Params.Bands and Rows
	// are then the banding a clustering run would use, not one used.
	Direct bool `json:"-"`
}
