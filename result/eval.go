package result

// EvalReport is what `storydiff eval` prints: the run's parameters, the
// scores against the gold file, and the worst merges and splits.
type EvalReport struct {
	Version string      `json:"version"`
	Gold    string      `json:"gold"`
	Inputs  []string    `json:"inputs"`
	Params  Params      `json:"params"`
	Eval    *Evaluation `json:"evaluation"`
}

// Scores compares a predicted clustering with a gold one over the documents
// present in both.
type Scores struct {
	Documents    int     `json:"documents"`     // documents scored
	GoldClusters int     `json:"gold_clusters"` // gold clusters among them
	PredClusters int     `json:"pred_clusters"` // predicted clusters among them
	BCubedP      float64 `json:"bcubed_precision"`
	BCubedR      float64 `json:"bcubed_recall"`
	BCubedF1     float64 `json:"bcubed_f1"`
	PairP        float64 `json:"pairwise_precision"`
	PairR        float64 `json:"pairwise_recall"`
	PairF1       float64 `json:"pairwise_f1"`
	ARI          float64 `json:"adjusted_rand_index"`
}

// EvalDoc is one scored document in an evaluation.
type EvalDoc struct {
	ID    string `json:"id"`
	File  string `json:"file"` // the gold key it matched
	Title string `json:"title"`
}

// Group is a set of documents sharing a cluster label.
type Group struct {
	Cluster   string    `json:"cluster"`
	Documents []EvalDoc `json:"documents"`
}

// Merge is a predicted cluster that mixes gold clusters.
type Merge struct {
	Cluster    string  `json:"cluster"`     // predicted cluster id
	WrongPairs int     `json:"wrong_pairs"` // pairs joined against the gold
	Gold       []Group `json:"gold"`        // its documents by gold cluster
}

// Split is a gold cluster spread over predicted clusters.
type Split struct {
	Gold        string  `json:"gold"`         // gold cluster label
	MissedPairs int     `json:"missed_pairs"` // gold pairs not joined
	Predicted   []Group `json:"predicted"`    // its documents by predicted cluster
}

// Evaluation is the outcome of scoring a clustering against a gold file.
type Evaluation struct {
	Scores    Scores   `json:"scores"`
	Unmatched []string `json:"unmatched"`    // article ids not in the gold file (not scored)
	NotFound  int      `json:"gold_missing"` // gold entries with no article
	Merges    []Merge  `json:"worst_merges"`
	Splits    []Split  `json:"worst_splits"`
}
