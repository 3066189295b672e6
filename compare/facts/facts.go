// Package facts extracts checkable facts (figures, dates, people,
// organisations, places, quotes) from articles and compares them across the
// sources of one event.
//
// Extraction is rule-based and works sentence by sentence: a sentence
// splitter that knows abbreviations and keeps a quotation with its
// attribution; figures in digits and words with the noun they count; absolute
// and relative dates resolved against the article's date; capitalised names
// classified with cue words and small gazetteers, later short mentions linked
// to the full name; direct quotations with their speaker.
//
// Alignment pairs facts of different sources greedily by score (names by
// transliteration-folded, transposition-aware matching; quotes by word
// containment; figures and dates by counted noun and sentence context), and
// reports conflicts (attribution, figure, date, spelling), a fact matrix,
// the facts only one source carries and near-verbatim shared sentences.
//
// Compare is safe for concurrent use on distinct articles; it does not
// modify the articles except for their lazily built line index.
//
// # JSON
//
// A [Comparison] is embedded in its cluster's JSON object, adding four keys:
//
//	"facts": [{"id": "F1", "kind": "figure|date|person|organization|place|quote",
//	           "text": "canonical wording",
//	           "mentions": [{"doc", "line", "span": [start, end], "text", "sentence",
//	                         "count", "value"?, "date"?, "name"?, "role"?,
//	                         "speaker"?, "speaker_as"?}]}]
//	"conflicts": [{"kind": "attribution|figure|date|spelling", "fact": "F7",
//	               "text": "what is at stake",
//	               "values": [{"doc", "line", "value", "wording"}]}]
//	"only_in": [{"doc", "facts": ["F3", ...]}]
//	"shared_passages": [{"similarity", "mentions": [{"doc", "line", "span", "text"}]}]
//
// A mention is a source's first occurrence of the fact (count gives how many);
// span is a byte range of the article's text, line the input line. Figures
// carry value {lo, hi (null when open-ended), exact, unit, noun}; dates the
// resolved date ("2006-01-02", "2006-01", "2006", "a/b" for a range, "" when
// unresolved); quotes the speaker (a named person when the article names one)
// and speaker_as, the attribution as written.
//
// # Name matching
//
// Two names match when one is part of the other token by token (Touadera,
// Faustin-Archange Touadera) and each token pair is equal after folding case,
// diacritics and transliteration (w/v, y/i/j, kh/h, ph/f, doubled letters), or
// differs by one edit spelling variants make — an adjacent transposition
// (Bogdanov/Bodganov), a close substitution (s/z, c/k, f/v, i/e, d/t), a
// dropped vowel in a long name — with a Jaro-Winkler (strutil) of at least
// 0.85 and the same initial. Wagner/Warner (r/g) stay apart.
package facts

import (
	"github.com/storydiff/storydiff/corpus"
)

// Fact kinds (Fact.Kind).
const (
	KindFigure       = "figure"
	KindDate         = "date"
	KindPerson       = "person"
	KindOrganization = "organization"
	KindPlace        = "place"
	KindQuote        = "quote"
)

// Conflict kinds (Conflict.Kind).
const (
	ConflictAttribution = "attribution"
	ConflictFigure      = "figure"
	ConflictDate        = "date"
	ConflictSpelling    = "spelling"
)

// How sure a conflict is (Conflict.Sureness).
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

// Comparison is the cross-source fact comparison of one cluster. It is
// embedded inline in the cluster's JSON object.
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

// Coverage counts the facts of one kind ("figure", "date", "quote", "name").
type Coverage struct {
	Kind      string `json:"kind"`
	Aligned   int    `json:"aligned"`   // facts stated by two or more sources
	Single    int    `json:"single"`    // facts stated by one source only
	Conflicts int    `json:"conflicts"` // aligned facts that conflict (spelling variants may be inside one source)
}

// Fact is one fact aligned across the sources: one mention per source that
// carries it.
type Fact struct {
	ID       string    `json:"id"`   // "F1", "F2", ... in matrix order
	Kind     string    `json:"kind"` // figure, date, person, organization, place, quote
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
	Kind     string          `json:"kind"`     // attribution, figure, date, spelling
	Fact     string          `json:"fact"`     // id of the aligned fact
	Text     string          `json:"text"`     // what is at stake: the quote, what the figure counts, the name
	Sureness string          `json:"sureness"` // high, medium or low (see SureHigh)
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

// Compare extracts the facts of every article and aligns them across
// sources. Articles are in ID order; the result is deterministic.
func Compare(arts []*corpus.Article) *Comparison {
	docs := make([]*docFacts, 0, len(arts))
	vocab := lowerVocabulary(arts)
	for _, a := range arts {
		if a == nil {
			continue
		}
		docs = append(docs, extractDoc(a, vocab))
	}
	return align(docs, vocab)
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
