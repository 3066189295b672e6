package result

// FactKind is the kind of a [Fact]: one of the Kind constants.
type FactKind string

// ConflictKind is the kind of a [Conflict]: one of the Conflict constants.
type ConflictKind string

// Sureness says how sure a [Conflict] is: one of the Sure constants.
type Sureness string

// The kinds and sureness levels below are untyped constants, assignable to
// the fields of their type and usable as they are by package compare/facts,
// whose extraction and alignment handle kinds as strings.

// Fact kinds ([Fact].Kind, [Coverage].Kind).
const (
	KindFigure       = "figure"
	KindDate         = "date"
	KindPerson       = "person"
	KindOrganization = "organization"
	KindPlace        = "place"
	KindQuote        = "quote"
	// KindName stands, in [Coverage] only, for the people, organisations
	// and places counted together.
	KindName = "name"
)

// Conflict kinds ([Conflict].Kind).
const (
	ConflictAttribution = "attribution"
	ConflictFigure      = "figure"
	ConflictDate        = "date"
	ConflictSpelling    = "spelling"
)

// How sure a conflict is ([Conflict].Sureness).
const (
	// SureHigh: exact values differ (40 vs 43 dead, 7.6 vs 7.7), a name
	// spelled two ways where one spelling is the odd one out, a quote
	// credited to two named speakers.
	SureHigh = "high"
	// SureMedium: an approximate value outside an exact one ("40" vs "at
	// least 43", "about 1,000" vs "350"), values in different units, dates
	// resolved from relative wording, a spelling the sources split on.
	SureMedium = "medium"
	// SureLow: two bounds or approximations that do not overlap ("more than
	// 26,000" vs "more than 31,000"), values that may differ by rounding,
	// a spelling that may be a transliteration, a weak alignment.
	SureLow = "low"
)

// Comparison is the cross-source fact comparison of one cluster (see
// package compare/facts). It is embedded inline in the cluster's JSON
// object.
type Comparison struct {
	Facts          []Fact          `json:"facts"`           // aligned facts, sorted by kind then by number of sources
	Conflicts      []Conflict      `json:"conflicts"`       // items to check, surest first, then by kind
	OnlyIn         []OnlyIn        `json:"only_in"`         // per source (in document order), the facts no other source carries
	SharedPassages []SharedPassage `json:"shared_passages"` // sentences near-verbatim in several sources
	// Coverage says, per kind of fact, how much was compared: how many
	// facts two or more sources state (aligned), how many only one source
	// states (nothing to compare them with) and how many conflict. "No
	// conflict" means something only when facts were aligned.
	Coverage []Coverage `json:"coverage"`
}

// Coverage counts the facts of one kind ([KindFigure], [KindDate],
// [KindQuote] or [KindName]).
type Coverage struct {
	Kind      FactKind `json:"kind"`
	Aligned   int      `json:"aligned"`   // facts stated by two or more sources
	Single    int      `json:"single"`    // facts stated by one source only
	Conflicts int      `json:"conflicts"` // aligned facts that conflict (spelling variants may be inside one source)
}

// Fact is one fact aligned across the sources: one mention per source that
// carries it.
type Fact struct {
	ID       string    `json:"id"`   // "F1", "F2", ... in matrix order
	Kind     FactKind  `json:"kind"` // figure, date, person, organization, place, quote
	Text     string    `json:"text"` // canonical wording (the fullest one)
	Mentions []Mention `json:"mentions"`
}

// Mention is how one source states a fact: its first occurrence.
type Mention struct {
	Doc      string `json:"doc"`
	Line     int    `json:"line"`
	Span     [2]int `json:"span"`            // byte offsets in the article's Text (in its Title when Title is set)
	Title    bool   `json:"title,omitempty"` // the mention is in the headline
	Text     string `json:"text"`            // wording as written
	Sentence string `json:"sentence"`        // the sentence it occurs in
	Count    int    `json:"count"`           // occurrences in this document

	Value     *Value `json:"value,omitempty"`      // figures
	Date      string `json:"date,omitempty"`       // dates: resolved "2006-01-02", "2006-01", "2006", a range "a/b", or "" when unresolved
	Name      string `json:"name,omitempty"`       // entities: the full name a short mention is linked to
	Role      string `json:"role,omitempty"`       // people: role or title as written ("Kremlin spokesman")
	Speaker   string `json:"speaker,omitempty"`    // quotes: the speaker, resolved to a named person when possible
	SpeakerAs string `json:"speaker_as,omitempty"` // quotes: the attribution as written
	// SpeakerHow says how the speaker was found: "named" in the
	// attribution, "pronoun" (resolved to the last speaker or person
	// named), "continuation" (of the previous quote); only a named speaker
	// can raise an attribution conflict.
	SpeakerHow string `json:"speaker_how,omitempty"`
}

// Value is a figure as stated: a range [Lo, Hi] in the unit as written,
// Hi nil when open-ended ("more than 5,000"). For a win–loss record Lo and
// Hi are the wins and the losses.
type Value struct {
	Lo      float64  `json:"lo"`
	Hi      *float64 `json:"hi"`
	Exact   bool     `json:"exact"`
	Unit    string   `json:"unit,omitempty"`    // "%", "$", "€", "km", "years old", "magnitude", "record", ...
	Noun    string   `json:"noun,omitempty"`    // counted noun, lemmatised ("soldier")
	Measure string   `json:"measure,omitempty"` // what the figure states: "killed", "injured", "arrested", ...
	Approx  string   `json:"approx,omitempty"`  // the qualifier: "about", "at least", "up to", "nearly"
}

// Conflict is a fact the sources state incompatibly, or a name spelled in
// different ways.
type Conflict struct {
	Kind     ConflictKind    `json:"kind"`     // attribution, figure, date, spelling
	Fact     string          `json:"fact"`     // id of the aligned fact
	Text     string          `json:"text"`     // what is at stake: the quote, what the figure counts, the name
	Sureness Sureness        `json:"sureness"` // high, medium or low (see SureHigh)
	Reason   string          `json:"reason"`   // why it is a conflict, in a few words ("exact values differ")
	Values   []ConflictValue `json:"values"`
}

// ConflictValue is one source's version in a conflict.
type ConflictValue struct {
	Doc     string `json:"doc"`
	Line    int    `json:"line"`
	Value   string `json:"value"`   // the speaker, figure, date or spelling
	Wording string `json:"wording"` // the sentence or phrase as written
}

// OnlyIn lists the facts only one source reports.
type OnlyIn struct {
	Doc   string   `json:"doc"`
	Facts []string `json:"facts"` // fact ids
}

// SharedPassage is a sentence that appears near-verbatim in several sources.
type SharedPassage struct {
	Similarity float64          `json:"similarity"` // lowest word-shingle Jaccard to the first occurrence, 3 decimals
	Mentions   []PassageMention `json:"mentions"`
}

// PassageMention is one source's copy of a shared passage.
type PassageMention struct {
	Doc  string `json:"doc"`
	Line int    `json:"line"`
	Span [2]int `json:"span"`
	Text string `json:"text"`
}

// FactByID returns the fact with the given id, or nil.
func (c *Comparison) FactByID(id string) *Fact {
	if c == nil {
		return nil
	}
	for i := range c.Facts {
		if c.Facts[i].ID == id {
			return &c.Facts[i]
		}
	}
	return nil
}

// MentionOf returns the mention of doc in f, or nil when doc omits it.
func (f *Fact) MentionOf(doc string) *Mention {
	for i := range f.Mentions {
		if f.Mentions[i].Doc == doc {
			return &f.Mentions[i]
		}
	}
	return nil
}
