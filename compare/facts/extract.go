package facts

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/storydiff/storydiff/corpus"
)

// item is one fact of one article, before alignment.
type item struct {
	kind string
	key  string // identity within the article: repeats share it
	// base identifies a figure's value whatever its sentence: a figure
	// repeated in several sentences is one item per sentence (each may
	// align with a different statement), and repeats no other article
	// states fold into one fact.
	base       string
	text       string // wording as written
	start, end int
	sent       int
	count      int

	fig  *figure      // figure
	date *dateMention // date
	name string       // entity: canonical full name
	// canonName: name with every word replaced by the most used spelling of
	// its variants in the comparison (set by align).
	canonName string
	role      string
	// spellings of an entity inside the article: wording → first offset
	spellings map[string]int

	quoteWords []string // quote: normalised words
	speaker    speaker

	// unique: no other fact of the article has its signature (see
	// signatureKind), counting repeats of one value once.
	unique bool
	// first: the article's first time of day (which most often dates its
	// event), or its first sum in a currency when in the lead
	// main event).
	first bool

	// ctx holds the words near the fact that say what it is about:
	// content-word lemmas, names (folded, prefixed "n:") and years ("y:").
	ctx map[string]bool
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
	// pronoun, or a phrase with neither a name nor a role ("it was",
	// "Tuesday").
	weak bool
	// how says how a named speaker was found: "named" (in the
	// attribution), "pronoun" (a pronoun resolved to the last speaker or
	// person named), "continuation" (a quote continuing the previous one).
	how string
}

// docFacts is the extraction of one article.
type docFacts struct {
	art *corpus.Article
	// text is what facts are extracted from: the title (a headline carries
	// the figures an editor checks first), a blank line, then the body.
	// Offsets of items and sentences index text; shift is where the body
	// starts in it (0 when the article has no title).
	text  string
	shift int
	sents []sentence
	ents  []entity // the names of the article, as extracted
	items []item   // deduplicated
	all   []item   // every mention, in extraction order
}

// newDocFacts prepares the text of an article for extraction.
func newDocFacts(a *corpus.Article) *docFacts {
	d := &docFacts{art: a, text: a.Text}
	if t := strings.TrimSpace(a.Title); t != "" && !strings.ContainsAny(t, "\r\n") {
		d.text = t + "\n\n" + a.Text
		d.shift = len(t) + 2
	}
	return d
}

// line returns the input line of offset off of d.text: the title's line
// for the title (the body's first line when the title is not a line of
// the input, as for JSON Lines).
func (d *docFacts) line(off int) int {
	if off < d.shift {
		if d.art.TitleLine > 0 {
			return d.art.TitleLine
		}
		return max(d.art.FirstLine, 1)
	}
	return d.art.Line(off - d.shift)
}

// span returns the public span of [a, b) of d.text: a byte range of the
// article's Text, or of its Title when inTitle.
func (d *docFacts) span(a, b int) (sp [2]int, inTitle bool) {
	if a < d.shift {
		return [2]int{a, min(b, d.shift-2)}, true
	}
	return [2]int{a - d.shift, b - d.shift}, false
}

// Extracted is the public view of one article's facts, for inspection and
// tests: every mention, unaligned.
type Extracted struct {
	Kind     string
	Text     string
	Line     int
	Span     [2]int
	Title    bool // the mention is in the headline: Span indexes the Title
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
	for i, it := range d.items {
		m := d.mention(&d.items[i])
		out = append(out, Extracted{Kind: it.kind, Text: m.Text, Line: m.Line, Span: m.Span, Title: m.Title, Sentence: m.Sentence,
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

// leadSentences is the index of the last sentence of an article's lead
// (the headline is sentence 0 when there is one).
const leadSentences = 2

// maxItems bounds the figures and dates kept per article (the first ones):
// a pathological article cannot make alignment costly.
const maxItems = 2000

// extractDoc extracts and deduplicates the facts of one article.
func extractDoc(a *corpus.Article, vocab map[string]bool) *docFacts {
	d := newDocFacts(a)
	text := d.text
	d.sents = splitSentences(text)
	toks := make([][]token, len(d.sents))
	for i, s := range d.sents {
		toks[i] = tokenize(text, s.start, s.end)
	}
	ents := extractEntities(text, d.sents, toks, vocab)
	d.ents = ents
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
	numbered := 0
	firstClock := true
	moneySeen := map[string]bool{}
	for si := range d.sents {
		if datelines[si] {
			mask := make([]bool, len(toks[si]))
			for _, dm := range extractDates(toks[si], time.Time{}, mask) {
				meta = append(meta, item{kind: KindDate, text: text[dm.start:dm.end], start: dm.start, end: dm.end, sent: si})
			}
			continue
		}
		if numbered >= maxItems {
			continue
		}
		mask := make([]bool, len(toks[si]))
		times := sentenceTimes(toks[si], ref)
		dms := extractDates(toks[si], ref, mask)
		day := ""
		for _, dm := range dms {
			if dm.clock == nil && (dm.class == dDay || dm.class == dWeekday) {
				day = dm.key // the day a sentence's times of day fall on
				if dm.weekday != "" {
					day = dm.weekday
				}
				break
			}
		}
		for _, dm := range dms {
			dm := dm
			dm.happening, dm.near = happeningOf(toks[si], dm.t0, dm.t1)
			if dm.clock != nil {
				dm.day = day
			}
			base := "date:" + dm.class + ":" + dm.key + "|" + dm.happening
			raw = append(raw, item{kind: KindDate, key: base + "@" + strconv.Itoa(si), base: base,
				text: text[dm.start:dm.end], start: dm.start, end: dm.end, sent: si, date: &dm,
				ctx:   withTimes(contextWords(toks[si], dm.t0, dm.t1), times, text[dm.start:dm.end]),
				first: dm.clock != nil && firstClock && !reportingTime(&dm)})
			if dm.clock != nil && !reportingTime(&dm) {
				firstClock = false
			}
			numbered++
		}
		figs := extractFigures(toks[si], mask)
		for fi := range figs {
			leadMoney := false
			f := figs[fi]
			if fi > 0 {
				f.convOf = conversionOf(toks[si], &figs[fi-1], &f)
			}
			if f.measure == "" && contextMeasured[f.dim] {
				f.measure, f.near = figureMeasure(toks[si], f.t0, f.t1)
			}
			f.pred = figurePredicate(toks[si], f.t0, f.t1)
			if f.dim == dimAge && f.owner == "" {
				f.owner, f.ownerName = ageOwner(toks[si], f.t0, f.t1)
			}
			if f.owner == "" && (statNouns[f.noun] || f.dim == dimLength && f.val.Unit == "yd") {
				f.subject = statOwner(toks[si], f.t0) // a player's points, a running back's yards
			}
			if f.dim == dimMoney && !moneySeen[f.currency] {
				// The first sum in a currency, in the lead, is most often the
				// story's own (the haul, the deal, the damage).
				moneySeen[f.currency] = true
				leadMoney = si <= leadSentences
			}
			raw = append(raw, item{kind: KindFigure, key: figureKey(&f) + "@" + strconv.Itoa(si), base: figureKey(&f), text: text[f.start:f.end],
				start: f.start, end: f.end, sent: si, fig: &f, ctx: withTimes(figureContext(toks[si], figs, fi), times, text[f.start:f.end]),
				first: leadMoney})
			numbered++
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
	d.all = append(raw[:len(raw):len(raw)], meta...)
	// Deduplicate by key: the first occurrence stands for the others.
	index := map[string]int{}
	for _, it := range raw {
		k, ok := index[it.key]
		if !ok {
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
		for w := range it.ctx {
			if len(p.ctx) < 4*contextWindow {
				p.ctx[w] = true
			}
		}
		if p.kind == KindQuote && p.speaker.name == "" {
			p.speaker = it.speaker
		}
	}
	return d
}

// reportingTime reports a time of day that dates a statement or an
// announcement ("he said shortly before noon"), not the event.
func reportingTime(dm *dateMention) bool {
	return dm.near && (dm.happening == "statement" || dm.happening == "announcement")
}

// contextWindow bounds the words around a figure or date that say what it
// is about: its clause, at most this many tokens either side.
const contextWindow = 12

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

// figureKey identifies a figure within its article: repeats of one value,
// stating one measure of one noun, are one fact.
func figureKey(f *figure) string {
	hi := "+"
	if !isInf(f.hi) {
		hi = strconv.FormatFloat(f.hi, 'g', -1, 64)
	}
	return "figure:" + f.dim + "|" + f.currency + "|" + f.measure + "|" + f.noun + "|" + f.owner + "|" +
		strconv.FormatFloat(f.lo, 'g', -1, 64) + "|" + hi + "|" + strconv.Itoa(f.qual)
}

// clauseStop are tokens that end the clause a figure or date is read in.
var clauseStop = set(";", ":", "—", "–", "(", ")", "\"", "“", "”", "?", "!")

// contextWords returns what the clause around tokens [a, b) is about:
// lower-cased content-word lemmas, names folded ("n:" prefix) and years
// ("y:"), at most contextWindow tokens either side, not crossing a clause
// stop.
func contextWords(toks []token, a, b int) map[string]bool {
	m := map[string]bool{}
	add := func(k int) bool {
		t := toks[k]
		if clauseStop[t.text] {
			return false
		}
		if !t.isWord() {
			return true
		}
		l := t.lower()
		switch {
		case isDigitStart(t.text) || isCalendarWord(l):
		case t.isCap() && !commonWords[l] && !isCalendarWord(l) && k > 0:
			m["n:"+foldName(strings.TrimSuffix(t.text, "'s"))] = true
		case len(l) < 3 || nounStop[l] || commonWords[l] || speechVerbs[l]:
		default:
			m[lemma(l)] = true
		}
		return true
	}
	for k := a - 1; k >= 0 && k >= a-contextWindow; k-- {
		if !add(k) {
			break
		}
	}
	for k := b; k < len(toks) && k < b+contextWindow; k++ {
		if !add(k) {
			break
		}
	}
	return m
}

// timeAnchors returns the years ("y:2003") and months ("t:february") a
// sentence names: they date everything it says.
func sentenceTimes(toks []token, ref time.Time) []string {
	var out []string
	add := func(w string) {
		if !ref.IsZero() {
			w = "b:" + w[2:] // the article's date is known: another time is background
		}
		out = append(out, w)
	}
	for k, t := range toks {
		l := t.lower()
		switch {
		case isDigitStart(t.text) && len(t.text) == 4:
			if y, err := strconv.Atoi(t.text); err == nil && y >= 1800 && y <= 2100 && (ref.IsZero() || y != ref.Year()) {
				add("y:" + t.text)
			}
		case months[l] > 0 && t.isCap() && (isCalendarWord(l) || k > 0 && datePreps[toks[k-1].lower()] || k+1 < len(toks) && isDigitStart(toks[k+1].text)):
			m := time.Month(months[l])
			switch {
			case ref.IsZero() && k > 0 && (toks[k-1].lower() == "in" || toks[k-1].lower() == "last") &&
				(k+1 == len(toks) || !isDigitStart(toks[k+1].text)):
				// "in September", "last March" with no day: news dates its
				// own event to the day, so a bare month is another time.
				out = append(out, "b:"+l)
			case ref.IsZero() || m != ref.Month() && !(m == ref.Month()-1 && ref.Day() <= 7):
				add("t:" + l)
			}
		case l == "ago" && k > 0 && (toks[k-1].lower() == "years" || toks[k-1].lower() == "months" || toks[k-1].lower() == "decades"),
			l == "earlier" && k+2 < len(toks) && toks[k+1].lower() == "this" && (toks[k+2].lower() == "year" || toks[k+2].lower() == "month"),
			l == "last" && k+1 < len(toks) && (toks[k+1].lower() == "year" || toks[k+1].lower() == "month"),
			l == "previously" || l == "formerly":
			out = append(out, "b:past")
		}
		if len(out) > 8 {
			break
		}
	}
	return out
}

// datePreps come before a month name that may also be a word (March, May).
var datePreps = set("in", "early", "late", "mid", "since", "until", "by", "of", "last", "next", "this", "until")

// withTimes adds a sentence's time anchors to a context, except the
// fact's own wording (a date is not dated by itself).
func withTimes(ctx map[string]bool, times []string, own string) map[string]bool {
	for _, w := range times {
		if !strings.Contains(strings.ToLower(own), w[2:]) {
			ctx[w] = true
		}
	}
	return ctx
}

// weightedJaccard is the Jaccard similarity of two word sets, each word
// weighing w(word).
func weightedJaccard(a, b map[string]bool, w func(string) float64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter, union := 0.0, 0.0
	for x := range a {
		wx := w(x)
		union += wx
		if b[x] {
			inter += wx
		}
	}
	for x := range b {
		if !a[x] {
			union += w(x)
		}
	}
	if union == 0 {
		return 0
	}
	return inter / union
}

// mention converts an item to its JSON mention.
func (d *docFacts) mention(it *item) Mention {
	sp, inTitle := d.span(it.start, it.end)
	m := Mention{Doc: d.art.ID, Line: d.line(it.start), Span: sp, Title: inTitle, Text: it.text,
		Sentence: d.sentenceText(it.sent), Count: it.count, Role: it.role}
	if it.fig != nil {
		v := it.fig.val
		m.Value = &v
		m.Value.Measure = it.fig.measure
	}
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
		m.SpeakerHow = it.speaker.how
	}
	return m
}

// sentenceText returns the text of sentence si.
func (d *docFacts) sentenceText(si int) string {
	s := d.sents[si]
	return d.text[s.start:s.end]
}

// sentenceAt returns the sentence holding byte offset off, or "".
func (d *docFacts) sentenceAt(off int) string {
	i := sort.Search(len(d.sents), func(i int) bool { return d.sents[i].end > off })
	if i < len(d.sents) && d.sents[i].start <= off {
		return d.sentenceText(i)
	}
	return ""
}

// figureContext returns the context words of figs[fi]; a conversion in
// brackets ("85 million euros ($108 million)") has those of the figure it
// converts.
func figureContext(toks []token, figs []figure, fi int) map[string]bool {
	f := &figs[fi]
	ctx := contextWords(toks, f.t0, f.t1)
	if f.convOf != "" && fi > 0 {
		for w := range contextWords(toks, figs[fi-1].t0, figs[fi-1].t1) {
			ctx[w] = true
		}
	}
	return ctx
}
