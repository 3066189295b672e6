package facts

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/storydiff/storydiff/internal/corpus"
)

// item is one fact of one article, before alignment.
type item struct {
	kind       string
	key        string // identity within the article
	base       string // key without position: repeats of a figure or date share it
	text       string // wording as written
	start, end int
	sent       int
	count      int

	value    *Value       // figure
	siblings []Value      // figure: the other figures of its sentence
	date     *dateMention // date
	name     string       // entity: canonical full name
	role     string
	// spellings of an entity inside the article: wording → first offset
	spellings map[string]int

	quoteWords []string // quote: normalised words
	speaker    speaker

	ctx map[string]bool // content words of the sentence outside the fact
}

// speaker is who a quotation is attributed to.
type speaker struct {
	name    string // named person (canonical), or the attribution as written
	as      string // attribution as written
	named   bool
	person  bool            // named, and a person (not an organisation)
	kind    string          // entity kind of a named speaker that is not a person
	names   []string        // every person the attribution names ("Zadan and Meron")
	roleSet map[string]bool // affiliation words of the attribution (see affiliation)
	head    string          // the title heading an unnamed attribution ("chief")
	heads   map[string]bool // every title word of the attribution
	// weak marks an attribution too uncertain to conflict with another: a
	// pronoun, or a phrase with
	// neither a name nor a role ("it was", "Tuesday").
	weak bool
}

// docFacts is the extraction of one article.
type docFacts struct {
	art   *corpus.Article
	sents []sentence
	items []item // deduplicated
	all   []item // every mention, in extraction order
}

// Extracted is the public view of one article's facts, for inspection and
// tests: every mention, unaligned.
type Extracted struct {
	Kind     string
	Text     string
	Line     int
	Span     [2]int
	Sentence string
	Value    *Value
	Date     string
	Name     string
	Role     string
	Speaker  string
}

// Extract returns the facts of one article, in text order within each kind.
func Extract(a *corpus.Article) []Extracted {
	d := extractDoc(a, lowerVocabulary([]*corpus.Article{a}))
	out := make([]Extracted, 0, len(d.items))
	for _, it := range d.items {
		m := d.mention(it)
		out = append(out, Extracted{Kind: it.kind, Text: m.Text, Line: m.Line, Span: m.Span, Sentence: m.Sentence,
			Value: m.Value, Date: m.Date, Name: m.Name, Role: m.Role, Speaker: m.Speaker})
	}
	return out
}

// lowerVocabulary returns the words the articles use in lower case.
func lowerVocabulary(arts []*corpus.Article) map[string]bool {
	v := map[string]bool{}
	for _, a := range arts {
		if a == nil {
			continue
		}
		for _, f := range strings.Fields(a.Text) {
			f = strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
			if f != "" && unicode.IsLower([]rune(f)[0]) {
				v[f] = true
			}
		}
	}
	return v
}

// extractDoc extracts and deduplicates the facts of one article.
func extractDoc(a *corpus.Article, vocab map[string]bool) *docFacts {
	text := a.Text
	d := &docFacts{art: a, sents: splitSentences(text)}
	toks := make([][]token, len(d.sents))
	for i, s := range d.sents {
		toks[i] = tokenize(text, s.start, s.end)
	}
	ents := extractEntities(text, d.sents, toks, vocab)
	var raw []item
	// A dateline near the top ("Published: June 13, 2013 4:59 PM") is the
	// article's date when the input gave none; datelines are metadata, not
	// facts to compare.
	ref := a.Time
	datelines := make([]bool, len(d.sents))
	for si := range d.sents {
		mask := make([]bool, len(toks[si]))
		ds := extractDates(toks[si], time.Time{}, mask)
		if isDateline(toks[si], ds, mask) {
			datelines[si] = true
			if ref.IsZero() && si < 6 {
				for _, dm := range ds {
					if dm.class == dDay {
						ref, _ = time.Parse("2006-01-02", dm.key)
						break
					}
				}
			}
		}
	}
	// Dates, then figures on the remaining tokens.
	var meta []item
	for si := range d.sents {
		if datelines[si] {
			mask := make([]bool, len(toks[si]))
			for _, dm := range extractDates(toks[si], time.Time{}, mask) {
				meta = append(meta, item{kind: KindDate, text: text[dm.start:dm.end], start: dm.start, end: dm.end, sent: si})
			}
			continue
		}
		mask := make([]bool, len(toks[si]))
		for _, dm := range extractDates(toks[si], ref, mask) {
			dm := dm
			base := "date:" + dm.class + ":" + dm.key
			raw = append(raw, item{kind: KindDate, key: base + "@" + strconv.Itoa(si), base: base, text: text[dm.start:dm.end],
				start: dm.start, end: dm.end, sent: si, date: &dm})
		}
		figs := extractFigures(toks[si], mask)
		for fi, f := range figs {
			v := f.val
			var sib []Value // the nearest other figures of the sentence
			for fj := max(0, fi-maxSiblings); fj < min(len(figs), fi+maxSiblings+1); fj++ {
				if fj != fi {
					sib = append(sib, figs[fj].val)
				}
			}
			raw = append(raw, item{kind: KindFigure, key: figureKey(v) + "@" + strconv.Itoa(si), base: figureKey(v), text: text[f.start:f.end],
				start: f.start, end: f.end, sent: si, value: &v, siblings: sib})
		}
	}
	quotes := extractQuotes(text, d.sents, toks, ents) // may decide speakers' kinds
	for _, e := range ents {
		if e.kind == "" {
			continue
		}
		raw = append(raw, item{kind: e.kind, key: e.kind + ":" + plainFold(e.canonical), text: e.name,
			start: e.start, end: e.end, sent: e.sent, name: e.canonical, role: e.role,
			spellings: map[string]int{e.name: e.start}})
	}
	raw = append(raw, quotes...)
	d.all = append(slices.Clip(raw), meta...)
	// Deduplicate by key: the first occurrence stands for the others.
	index := map[string]int{}
	perBase := map[string]int{} // positioned figures and dates kept per value
	firstKey := map[string]string{}
	for _, it := range raw {
		if it.base != "" && it.base != it.key {
			// Keep a few positioned copies of a repeated figure or date
			// (they may align with different sentences); count the rest.
			if perBase[it.base] >= maxRepeats {
				it.key = firstKey[it.base]
			} else if _, dup := index[it.key]; !dup {
				if perBase[it.base] == 0 {
					firstKey[it.base] = it.key
				}
				perBase[it.base]++
			}
		}
		k, ok := index[it.key]
		if !ok {
			if it.base == "" {
				it.base = it.key
			}
			it.ctx = contextWords(toks[it.sent], it.start, it.end)
			it.count = 1
			index[it.key] = len(d.items)
			d.items = append(d.items, it)
			continue
		}
		p := &d.items[k]
		p.count++
		if p.role == "" {
			p.role = it.role
		}
		for sp, off := range it.spellings {
			if o, ok := p.spellings[sp]; !ok || off < o {
				p.spellings[sp] = off
			}
		}
		if p.kind == KindQuote && p.speaker.name == "" {
			p.speaker = it.speaker
		}
	}
	return d
}

// maxRepeats bounds the positioned copies of one figure or date value kept
// per article, so a pathological article cannot make alignment quadratic.
const maxRepeats = 4

// maxSiblings and contextWindow bound the neighbours a figure is judged
// with: the figures and the words around it in its sentence.
const (
	maxSiblings   = 4
	contextWindow = 40
)

// datelineWords are the words of a publication line besides the date.
var datelineWords = set("published", "updated", "posted", "last", "first", "on", "at", "by", "modified",
	"gmt", "utc", "edt", "est", "pdt", "pst", "cdt", "cst", "bst", "ist", "cet", "am", "pm", "a.m.", "p.m.",
	"a", "m", "p", "date", "time", "filed", "created", "and", "of")

// isDateline reports whether a sentence is a date line: a date and little
// else besides times and publication words.
func isDateline(toks []token, ds []dateMention, mask []bool) bool {
	if len(ds) == 0 {
		return false
	}
	other := 0
	for i, t := range toks {
		if mask[i] || !t.isWord() || isDigitStart(t.text) || datelineWords[t.lower()] || weekdays[t.lower()] != 0 || t.lower() == "sunday" {
			continue
		}
		if _, ok := months[t.lower()]; ok {
			continue
		}
		other++
	}
	return other <= 2
}

func figureKey(v Value) string {
	hi := "+"
	if v.Hi != nil {
		hi = strconv.FormatFloat(*v.Hi, 'g', -1, 64)
	}
	return "figure:" + v.Noun + "|" + v.Unit + "|" + strconv.FormatFloat(v.Lo, 'g', -1, 64) + "|" + hi + "|" + strconv.FormatBool(v.Exact)
}

// contextWords returns the lower-cased content words of a sentence outside [start, end).
func contextWords(toks []token, start, end int) map[string]bool {
	m := map[string]bool{}
	// Only the words near the fact: a sentence can be a whole article.
	i := sort.Search(len(toks), func(i int) bool { return toks[i].start >= start })
	toks = toks[max(0, i-contextWindow):min(len(toks), i+contextWindow)]
	for _, t := range toks {
		if t.start >= start && t.end <= end || !t.isWord() || isDigitStart(t.text) {
			continue
		}
		l := t.lower()
		if len(l) < 3 || nounStop[l] || commonWords[l] {
			continue
		}
		m[lemma(l)] = true
	}
	return m
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// mention converts an item to its JSON mention.
func (d *docFacts) mention(it item) Mention {
	s := d.sents[it.sent]
	m := Mention{Doc: d.art.ID, Line: d.art.Line(it.start), Span: [2]int{it.start, it.end}, Text: it.text,
		Sentence: d.art.Text[s.start:s.end], Count: it.count, Value: it.value, Role: it.role}
	if it.date != nil {
		m.Date = it.date.resolved
	}
	if it.name != "" && it.name != it.text {
		m.Name = it.name
	}
	if it.kind == KindQuote {
		m.Speaker, m.SpeakerAs = it.speaker.name, it.speaker.as
		if m.SpeakerAs == m.Speaker {
			m.SpeakerAs = ""
		}
	}
	return m
}
