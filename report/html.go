package report

import (
	"bufio"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/storydiff/storydiff/result"
)

// The review page is one file: its style and script are inline, and its
// Content-Security-Policy allows exactly them (by hash) and nothing else,
// so the page loads nothing from anywhere, and a script that an article's
// text smuggled past the escaping would not run either.

//go:embed review.html.tmpl
var reviewTemplate string

//go:embed review.css
var reviewCSS string

//go:embed review.js
var reviewJS string

var reviewPage = template.Must(template.New("review").Parse(reviewTemplate))

// HTML writes res as one self-contained HTML review page, for an editor's
// browser: the overview, then per cluster of two or more articles its
// summary (sources, conflict counts, what was compared), the conflicts
// surest first, and the articles side by side. Every sentence that
// carries a conflicting fact, or a fact only its source states, is
// highlighted; clicking a conflict scrolls every article to its
// statement. The fact matrix, the shared passages (their differing words
// marked), the articles that stand alone and the run's settings and pairs
// follow. Line numbers link to the article's file when the result gives
// its Link.
//
// The page needs no network: its style and script are inline and its
// Content-Security-Policy forbids loading anything. All text taken from
// the result, article text included, is escaped by html/template; the
// output is the same bytes for the same result.
func HTML(w io.Writer, res *result.Result) error {
	if res == nil {
		return errNilResult
	}
	bw := bufio.NewWriter(w)
	if err := reviewPage.Execute(bw, newView(res).htmlPage()); err != nil {
		return err
	}
	return bw.Flush()
}

// What the template shows. Every string is raw text: the template
// escapes it in its context.
type (
	htmlPage struct {
		Overview   string
		CSP        string
		Style      template.CSS
		Script     template.JS
		Clusters   []htmlCluster
		Singletons htmlSources
		Inputs     string
		Params     []htmlParam
	}
	htmlParam   struct{ Label, Value string }
	htmlCluster struct {
		ID, Anchor, Heading string
		Sources             htmlSources
		Compared            bool
		Counts, Coverage    string
		Conflicts           []htmlConflict
		Articles            []htmlArticle
		MatrixHeader        []string
		Matrix              []htmlMatrixRow
		// ByFact is set for many sources: the matrix is FactRows and
		// Only instead of a column per source (see writeMarkdownByFact).
		ByFact   bool
		NSources int
		FactRows []htmlFactRow
		Only     []htmlOnly
		Passages []htmlPassage
		Pairs    [][]string
	}
	// htmlSources is a sources table: its date column only when a
	// source has a date, its title column named as in [sourceTable].
	htmlSources struct {
		Date       bool
		TitleLabel string
		Rows       []htmlSource
		Fold       bool // many sources: the table is folded, so that the conflicts show first
	}
	htmlSource struct {
		Label, Date, Title, Href string
		Words                    string
	}
	htmlConflict struct {
		N                int
		Sureness         string // a CSS class: high, medium, low
		Heading, About   string
		Values           []htmlValue
		MatrixConflictIn string
		// Summary and Groups are set when the statements are grouped
		// by value (see groupValues); Values then is not shown.
		Summary []htmlSummaryPart
		Groups  []htmlGroup
	}
	htmlSummaryPart struct {
		Text string
		Em   bool
	}
	// htmlGroup is the statements of one value: listed one by one, or
	// (Compact) as references, their sentences folded.
	htmlGroup struct {
		Value, Head string
		Compact     bool
		Values      []htmlValue
		Refs        []htmlRefs
	}
	htmlRefs struct {
		Label string
		Lines []htmlLineRef
	}
	htmlLineRef struct{ Text, Href string }
	htmlValue   struct {
		Label, Value, Wording string
		Line                  int
		Href                  string
	}
	htmlArticle struct {
		ID, Label, Date, Href string
		Title                 []htmlSeg // the headline, highlighted
		TitleLine             int
		Lines                 []htmlLine
	}
	htmlLine struct {
		N    int
		Href string
		Segs []htmlSeg
	}
	htmlSeg struct {
		Text  string
		Class string // "" (plain), or marks: hc (conflict), hu (only this source), hv (the value)
		K     string // conflict numbers, space-separated, for the script
		Note  string // a tooltip: what the highlight means
	}
	htmlMatrixRow struct {
		Fact, Kind, In string
		Cells          [][]htmlValue
	}
	htmlFactRow struct {
		Fact, Kind, In string
		Wordings       []htmlWording
	}
	htmlWording struct {
		Text string
		Refs []htmlSourceLine
	}
	htmlSourceLine struct {
		Label, Text, Href string
	}
	htmlOnly struct {
		Label string
		Kinds []htmlOnlyKind
	}
	htmlOnlyKind struct {
		Label string
		Items []htmlWording // each with its one line
	}
	htmlPassage struct {
		Similarity string
		Copies     []htmlPassageCopy
	}
	htmlPassageCopy struct {
		Label, Href string
		Line        int
		Diff        []htmlDiff
		Same        bool // a copy with the same words as the first
	}
	htmlDiff struct {
		Op   string // "", "ins" or "del"
		Text string
	}
)

// hashSource is the CSP source of an inline style or script.
func hashSource(s string) string {
	h := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(h[:]) + "'"
}

func (v *view) htmlPage() *htmlPage {
	p := &htmlPage{
		Overview: v.overview(),
		Style:    template.CSS(reviewCSS),
		Script:   template.JS(reviewJS),
		CSP: "default-src 'none'; style-src " + hashSource(reviewCSS) + "; script-src " + hashSource(reviewJS) +
			"; img-src data:; base-uri 'none'; form-action 'none'",
	}
	inputs, more, ps := v.params()
	cleaned := make([]string, len(inputs))
	for i, in := range inputs {
		cleaned[i] = plainCell(in)
	}
	p.Inputs = orDash(strings.Join(cleaned, ", "))
	if more > 0 {
		p.Inputs += " and " + strconv.Itoa(more) + " more"
	}
	for _, x := range ps {
		p.Params = append(p.Params, htmlParam{x.label, sanitize(x.value)})
	}
	for i, c := range v.groups {
		p.Clusters = append(p.Clusters, v.htmlCluster(c, "e"+strconv.Itoa(i+1)))
	}
	p.Singletons = htmlSourcesOf(v.singletonSources())
	return p
}

func htmlSourcesOf(srcs []source) htmlSources {
	t := newSourceTable(srcs)
	out := htmlSources{Date: t.date, TitleLabel: t.header[len(t.header)-2], Fold: byFact(len(srcs))}
	for _, s := range srcs {
		out.Rows = append(out.Rows, htmlSource{Label: s.label, Date: orDash(sanitize(s.doc.Date)),
			Title: sanitize(s.doc.Title), Href: linkTarget(s.doc.Link, 0), Words: wordsCell(s.doc)})
	}
	return out
}

func href(r ref) string {
	if r.link == "" {
		return ""
	}
	return linkTarget(r.link, r.line)
}

// htmlCluster prepares one cluster; anchor prefixes its element ids.
func (v *view) htmlCluster(c *result.Cluster, anchor string) htmlCluster {
	srcs := v.sources(c)
	hc := htmlCluster{ID: sanitize(c.ID), Anchor: anchor, Heading: v.leadTitle(c), Sources: htmlSourcesOf(srcs)}
	hc.Pairs = pairRows(c)
	cmp := c.Comparison
	var conflicts []conflictItem
	if cmp != nil {
		hc.Compared = true
		hc.Counts, hc.Coverage = conflictCounts(cmp), coverageText(cmp)
		conflicts = v.conflicts(cmp, srcs)
		for _, it := range conflicts {
			x := htmlConflict{N: it.n, Sureness: string(it.c.Sureness), Heading: it.heading(), About: it.about}
			statement := func(val conflictValue) htmlValue {
				return htmlValue{Label: val.label, Value: orDash(val.value), Wording: val.wording, Line: val.line, Href: href(val.ref)}
			}
			for _, val := range it.values {
				x.Values = append(x.Values, statement(val))
			}
			if it.groups != nil {
				for _, p := range summaryParts(it.c.Kind, it.groups) {
					x.Summary = append(x.Summary, htmlSummaryPart{Text: p.text, Em: p.em})
				}
			}
			for _, g := range it.groups {
				hg := htmlGroup{Value: orDash(g.value), Head: g.groupHead(), Compact: g.compact}
				for _, val := range g.values {
					hg.Values = append(hg.Values, statement(val))
				}
				if g.compact {
					for _, cr := range g.compactRefs() {
						refs := htmlRefs{Label: cr.label}
						refList([]compactRef{cr}, identity, func(r ref, text string) string {
							refs.Lines = append(refs.Lines, htmlLineRef{Text: text, Href: href(r)})
							return ""
						})
						hg.Refs = append(hg.Refs, refs)
					}
				}
				x.Groups = append(x.Groups, hg)
			}
			hc.Conflicts = append(hc.Conflicts, x)
		}
		hc.MatrixHeader = []string{"Fact", "Kind", "In"}
		for _, s := range srcs {
			hc.MatrixHeader = append(hc.MatrixHeader, s.label)
		}
		rows := v.matrix(cmp, srcs, conflicts)
		hc.NSources = len(srcs)
		if hc.ByFact = byFact(len(srcs)); hc.ByFact {
			hc.FactRows, hc.Only = htmlByFact(srcs, rows)
			rows = nil
		}
		for _, r := range rows {
			row := htmlMatrixRow{Fact: orDash(r.fact), Kind: r.label, In: r.in}
			for _, items := range r.cells {
				var cell []htmlValue
				for _, it := range items {
					cell = append(cell, htmlValue{Wording: it.text, Line: it.line, Href: href(it.ref)})
				}
				row.Cells = append(row.Cells, cell)
			}
			hc.Matrix = append(hc.Matrix, row)
		}
		for _, ps := range v.passages(cmp, srcs) {
			hp := htmlPassage{Similarity: ps.similarity}
			for _, cp := range ps.copies {
				x := htmlPassageCopy{Label: cp.label, Href: href(cp.ref), Line: cp.line, Same: len(hp.Copies) > 0 && !changed(cp.diff)}
				for _, o := range cp.diff {
					op := map[diffKind]string{diffInsert: "ins", diffDelete: "del"}[o.op]
					x.Diff = append(x.Diff, htmlDiff{Op: op, Text: o.text})
				}
				hp.Copies = append(hp.Copies, x)
			}
			hc.Passages = append(hc.Passages, hp)
		}
	}
	for i, s := range srcs {
		hc.Articles = append(hc.Articles, htmlArticleOf(s, cmp, anchor+"-a"+strconv.Itoa(i+1)))
	}
	return hc
}

// htmlByFact lays out the matrix of many sources by fact.
func htmlByFact(srcs []source, rows []matrixRow) ([]htmlFactRow, []htmlOnly) {
	line := func(r ref) htmlSourceLine {
		return htmlSourceLine{Label: r.label, Text: "L" + orDash(lineCell(r.line)), Href: href(r)}
	}
	var facts []htmlFactRow
	for _, r := range rows {
		if r.only {
			continue
		}
		fr := htmlFactRow{Fact: r.fact, Kind: r.label, In: r.in}
		for _, w := range r.wordings() {
			hw := htmlWording{Text: w.text}
			for _, x := range w.refs {
				hw.Refs = append(hw.Refs, line(x))
			}
			fr.Wordings = append(fr.Wordings, hw)
		}
		facts = append(facts, fr)
	}
	var only []htmlOnly
	for _, o := range onlyBySource(rows, srcs) {
		ho := htmlOnly{Label: o.label}
		for _, k := range o.kinds {
			hk := htmlOnlyKind{Label: k.label}
			for _, it := range k.items {
				hk.Items = append(hk.Items, htmlWording{Text: it.text, Refs: []htmlSourceLine{line(it.ref)}})
			}
			ho.Kinds = append(ho.Kinds, hk)
		}
		only = append(only, ho)
	}
	return facts, only
}

// A mark is a highlighted byte range of an article's title or text.
type mark struct {
	inTitle    bool
	start, end int
	class      string // hc, hu or hv
	conflict   int    // conflict number, for hc and hv
}

// htmlArticleOf lays out one article: its lines, with the sentences that
// carry a conflicting or source-unique fact marked.
func htmlArticleOf(s source, cmp *result.Comparison, id string) htmlArticle {
	d := s.doc
	a := htmlArticle{ID: id, Label: s.label, Date: sanitize(d.Date), Href: linkTarget(d.Link, 0), TitleLine: d.TitleLine}
	marks := articleMarks(d, cmp)
	a.Title = segments(d.Title, 0, len(d.Title), filterMarks(marks, true))
	body := filterMarks(marks, false)
	first := max(d.FirstLine, 1)
	off := 0
	for i, line := range strings.Split(d.Text, "\n") {
		n := first + i
		if strings.TrimSpace(line) != "" { // blank lines keep their number, not their space
			a.Lines = append(a.Lines, htmlLine{N: n, Href: linkTarget(d.Link, n), Segs: segments(d.Text, off, off+len(line), body)})
		}
		off += len(line) + 1
	}
	if d.Link == "" {
		for i := range a.Lines {
			a.Lines[i].Href = ""
		}
		a.Href = ""
	}
	return a
}

func filterMarks(ms []mark, inTitle bool) []mark {
	var out []mark
	for _, m := range ms {
		if m.inTitle == inTitle {
			out = append(out, m)
		}
	}
	return out
}

// articleMarks finds, in the article d, the sentence of every conflict
// value it states (and the value inside it) and of every fact only d
// states. A conflict value gives its line and sentence as written; the
// sentence is looked for in that line (in the title, when the line is the
// title's), and the whole line is marked when it is not found.
func articleMarks(d *result.Document, cmp *result.Comparison) []mark {
	if cmp == nil {
		return nil
	}
	var out []mark
	for i, c := range cmp.Conflicts {
		for _, x := range c.Values {
			if x.Doc != d.ID {
				continue
			}
			inTitle, start, end, ok := locateSentence(d, x.Line, x.Wording)
			if !ok {
				continue
			}
			out = append(out, mark{inTitle: inTitle, start: start, end: end, class: "hc", conflict: i + 1})
			text := d.Text
			if inTitle {
				text = d.Title
			}
			if v := strings.TrimSpace(x.Value); v != "" {
				if j := strings.Index(text[start:end], v); j >= 0 {
					out = append(out, mark{inTitle: inTitle, start: start + j, end: start + j + len(v), class: "hv", conflict: i + 1})
				}
			}
		}
	}
	for _, o := range cmp.OnlyIn {
		if o.Doc != d.ID {
			continue
		}
		for _, id := range o.Facts {
			f := cmp.FactByID(id)
			if f == nil {
				continue
			}
			m := f.MentionOf(d.ID)
			if m == nil {
				continue
			}
			text := d.Text
			if m.Title {
				text = d.Title
			}
			start, end := m.Span[0], m.Span[1]
			if start < 0 || end > len(text) || start > end {
				continue
			}
			if s, ok := sentenceAround(text, m.Sentence, start, end); ok {
				start, end = s, s+len(m.Sentence)
			}
			out = append(out, mark{inTitle: m.Title, start: start, end: end, class: "hu"})
		}
	}
	return out
}

// locateSentence finds sentence on the input line n of d: in the title
// when n is the title's line, else in the body line n and after it (a
// sentence may run over several lines). Failing that it returns the
// whole line.
func locateSentence(d *result.Document, n int, sentence string) (inTitle bool, start, end int, ok bool) {
	sentence = strings.TrimSpace(sentence)
	if d.Title != "" && (n == d.TitleLine || (d.TitleLine == 0 && n == max(d.FirstLine, 1))) {
		if j := strings.Index(d.Title, sentence); j >= 0 && sentence != "" {
			return true, j, j + len(sentence), true
		}
		if n == d.TitleLine {
			return true, 0, len(d.Title), true
		}
	}
	i := n - max(d.FirstLine, 1)
	if i < 0 {
		return false, 0, 0, false
	}
	ls := 0
	for ; i > 0; i-- {
		nl := strings.IndexByte(d.Text[ls:], '\n')
		if nl < 0 {
			return false, 0, 0, false
		}
		ls += nl + 1
	}
	le := len(d.Text)
	if nl := strings.IndexByte(d.Text[ls:], '\n'); nl >= 0 {
		le = ls + nl
	}
	if sentence != "" {
		if j := strings.Index(d.Text[ls:], sentence); j >= 0 && ls+j <= le {
			return false, ls + j, ls + j + len(sentence), true
		}
	}
	return false, ls, le, true
}

// sentenceAround returns the offset of the occurrence of sentence in text
// that holds [start, end).
func sentenceAround(text, sentence string, start, end int) (int, bool) {
	if sentence == "" {
		return 0, false
	}
	for from := max(0, end-len(sentence)); from <= start; {
		j := strings.Index(text[from:], sentence)
		if j < 0 || from+j > start {
			return 0, false
		}
		if from+j+len(sentence) >= end {
			return from + j, true
		}
		from += j + 1
	}
	return 0, false
}

// segments cuts text[start:end] where marks begin and end, each piece
// with the marks covering it.
func segments(text string, start, end int, marks []mark) []htmlSeg {
	cuts := []int{start, end}
	for _, m := range marks {
		for _, x := range []int{m.start, m.end} {
			if x > start && x < end {
				cuts = append(cuts, x)
			}
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	var out []htmlSeg
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		seg := htmlSeg{Text: cleanText(text[a:b])}
		var classes, ks, notes []string
		for _, m := range marks {
			if m.start > a || m.end < b {
				continue
			}
			if !slices.Contains(classes, m.class) {
				classes = append(classes, m.class)
			}
			if m.conflict > 0 {
				k := strconv.Itoa(m.conflict)
				if !slices.Contains(ks, k) {
					ks = append(ks, k)
					notes = append(notes, "conflict "+k)
				}
			}
		}
		if slices.Contains(classes, "hu") {
			notes = append(notes, "stated only by this source")
		}
		slices.Sort(classes)
		seg.Class, seg.K, seg.Note = strings.Join(classes, " "), strings.Join(ks, " "), strings.Join(notes, "; ")
		if n := len(out); n > 0 && out[n-1].Class == seg.Class && out[n-1].K == seg.K {
			out[n-1].Text += seg.Text
			continue
		}
		out = append(out, seg)
	}
	return out
}

// cleanText makes article text safe to show as it is, line breaks aside:
// invalid UTF-8 becomes U+FFFD, and control characters (a carriage
// return, an escape) and the format characters that reorder or hide text
// are dropped. Tabs stay.
func cleanText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if (unicode.IsControl(r) && r != '\t') || invisibleFormat(r) {
			return -1
		}
		return r
	}, s)
}
