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
	"github.com/storydiff/storydiff/result"
)

// The comparison's data types live in package result, so that reports
// render them without importing this package; these names are kept for
// this package's code.
type (
	Comparison     = result.Comparison
	Coverage       = result.Coverage
	Fact           = result.Fact
	Mention        = result.Mention
	Value          = result.Value
	Conflict       = result.Conflict
	ConflictValue  = result.ConflictValue
	OnlyIn         = result.OnlyIn
	SharedPassage  = result.SharedPassage
	PassageMention = result.PassageMention
)

// Fact kinds, conflict kinds and sureness: see [result.FactKind],
// [result.ConflictKind] and [result.Sureness].
const (
	KindFigure       = result.KindFigure
	KindDate         = result.KindDate
	KindPerson       = result.KindPerson
	KindOrganization = result.KindOrganization
	KindPlace        = result.KindPlace
	KindQuote        = result.KindQuote
	KindName         = result.KindName // coverage only: people, organisations and places together

	ConflictAttribution = result.ConflictAttribution
	ConflictFigure      = result.ConflictFigure
	ConflictDate        = result.ConflictDate
	ConflictSpelling    = result.ConflictSpelling

	SureHigh   = result.SureHigh
	SureMedium = result.SureMedium
	SureLow    = result.SureLow
)

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
