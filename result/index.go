package result

// IndexParams are the parameters an index was made with.
type IndexParams struct {
	ShingleKind  string  `json:"shingle_kind"`
	ShingleSize  int     `json:"shingle_size"`
	Permutations int     `json:"permutations"`
	Seed         uint64  `json:"seed"`
	Bands        int     `json:"bands"`
	Rows         int     `json:"rows"`
	Threshold    float64 `json:"threshold"`
	Containment  float64 `json:"containment"` // 0 when the index does not look for excerpts
}

// IndexArticle is an article in an index, as `storydiff index export`
// writes it and as a match of a query names it.
type IndexArticle struct {
	ID     string `json:"id"`
	Source string `json:"source,omitempty"`
	Title  string `json:"title,omitempty"`
	Date   string `json:"date,omitempty"`
	URL    string `json:"url,omitempty"`
	Length int    `json:"length"` // bytes of title and text
}

// IndexMatch is an indexed article related to a new one.
type IndexMatch struct {
	IndexArticle
	Relation    string  // "near-duplicate", "contains" (the new article holds it) or "contained-in"
	Similarity  float64 // estimated Jaccard similarity (common text left out)
	Containment float64 // estimated share of the shorter text the longer holds
}

// IndexQueryLine is one new article of `storydiff index query` and what
// the index holds of it.
type IndexQueryLine struct {
	ID      string
	File    string // input path
	Line    int    // JSON Lines record, 0 for a whole file
	Matches []IndexMatch
}

// IndexQuerySummary is the summary of `storydiff index query`.
type IndexQuerySummary struct {
	Version string
	Index   string // the index directory
	Inputs  []string
	Params  IndexParams
	Indexed int // articles in the index

	Articles        int   // new articles read
	Bytes           int64 // input bytes read
	Skipped         int   // inputs skipped with a warning
	WithNearDup     int   // new articles with a near-duplicate in the index
	WithContainment int   // new articles with an excerpt relation (and no near-duplicate)
	Matches         int   // related indexed articles, all articles together
}

// IndexStats are the figures of `storydiff index stats`.
type IndexStats struct {
	Version      string
	Index        string
	Params       IndexParams
	Articles     int
	Postings     int   // band keys stored
	DiskBytes    int64 // bytes of the index's files
	CommonAt     int   // articles holding a slot value that make it common
	CommonSlots  int   // common slot values (about: counters at or above CommonAt)
	CountedUntil int   // articles the stored counts cover
}
