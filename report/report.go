// Package report renders the plain data of package result as Markdown
// (GitHub tables), terminal tables, an HTML review page and JSON:
// comparisons ([Markdown], [Table], [TableWidth], [HTML], [JSON]),
// evaluations ([EvalMarkdown], …) and deduplication summaries and groups
// ([DedupMarkdown], [DedupTable], [DedupGroups]). It imports no analysis
// package, only result, and computes nothing but layout: column widths,
// a word diff of shared passages, where a statement sits in its article.
// Every Markdown table goes through one writer and every terminal table
// through tablewriter; it is the only package that imports tablewriter.
//
// A comparison reads in the order an editor needs it: an overview; per
// cluster of two or more articles a summary (sources by outlet and date,
// conflicts counted by sureness and kind, what could be compared), the
// conflicts surest first with every source's wording and line, the fact
// matrix and the shared passages; then the articles that stand alone;
// last, an appendix with the run's parameters and the scored pairs. The
// arrangement is built once (story.go, conflict.go) for every renderer:
// sources are listed in natural order ("27_ecb_2" before "27_ecb_10"), a
// conflict most of many sources agree on reads summary-first with the
// majority on one line, and the matrix of more than five sources is
// listed by fact. Clusters are printed in the order of
// [result.Result.Clusters]; nothing is read from a map in iteration order
// and scores have a fixed precision, so identical results give
// byte-identical output. No timestamps are printed.
//
// Article text is untrusted: every Markdown cell and heading goes through
// [EscapeMarkdown], terminal cells lose their control characters, and the
// HTML page is escaped by html/template under a Content-Security-Policy
// that runs only its own script.
package report

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/storydiff/storydiff/result"
)

// errNilResult is returned by the renderers when given no result.
var errNilResult = errors.New("report: nil result")

// maxInputs is how many input paths the header lists before summarising.
const maxInputs = 20

// view is a result prepared for rendering: documents indexed by ID and the
// clusters split into groups (two or more documents) and singletons.
type view struct {
	res        *result.Result
	docs       map[string]*result.Document
	groups     []*result.Cluster
	singletons []*result.Cluster
}

func newView(res *result.Result) *view {
	v := &view{res: res, docs: make(map[string]*result.Document, len(res.Documents))}
	for i := range res.Documents {
		d := &res.Documents[i]
		if _, dup := v.docs[d.ID]; !dup { // the first wins, predictably
			v.docs[d.ID] = d
		}
	}
	for i := range res.Clusters {
		c := &res.Clusters[i]
		switch len(c.Documents) {
		case 0:
			// Nothing to show.
		case 1:
			v.singletons = append(v.singletons, c)
		default:
			v.groups = append(v.groups, c)
		}
	}
	return v
}

// doc returns the document with the given ID, or one carrying only the ID
// when the result does not describe it.
func (v *view) doc(id string) *result.Document {
	if d, ok := v.docs[id]; ok {
		return d
	}
	return &result.Document{ID: id}
}

// leadTitle names a cluster: the title of its first source (in the order
// of [view.sources]) that reads as a headline (see [titleHeader]), else
// the first title.
func (v *view) leadTitle(c *result.Cluster) string {
	first := ""
	for _, s := range v.sources(c) {
		t := sanitize(s.doc.Title)
		if t == "" {
			continue
		}
		if s.doc.TitleLine <= 0 || readsAsHeadline(t) {
			return t
		}
		if first == "" {
			first = t
		}
	}
	return first
}

// relationMix summarises the relations of a cluster's pairs, such as
// "2 same-event, 1 near-duplicate": most frequent first, then by name. Pairs
// with no relation are counted as "unrelated".
func relationMix(c *result.Cluster) string {
	counts := map[string]int{}
	for _, p := range c.Pairs {
		rel := string(p.Relation)
		if rel == "" {
			rel = string(result.Unrelated)
		}
		counts[rel]++
	}
	rels := make([]string, 0, len(counts))
	for rel := range counts {
		rels = append(rels, rel)
	}
	slices.SortFunc(rels, func(a, b string) int {
		if d := counts[b] - counts[a]; d != 0 {
			return d
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, len(rels))
	for i, rel := range rels {
		parts[i] = strconv.Itoa(counts[rel]) + " " + rel
	}
	return strings.Join(parts, ", ")
}

// Table headers and rows, shared by the Markdown and terminal renderers.
// Cells are raw text: each renderer escapes or cleans them.
var (
	summaryHeader = []string{"event", "sources", "conflicts", "lead title"}
	pairHeader    = []string{"a", "b", "similarity", "jaccard", "relation"}
)

// Column alignments of the report's tables: numbers to the right.
var (
	summaryAlign = []string{"", "right", "right", ""}
	pairAlign    = []string{"", "", "right", "right", ""}
)

// overview is the report's first line: "5 articles: 1 event reported by
// two or more of them, 3 that stand alone; 3 conflicts to check."
func (v *view) overview() string {
	n := len(v.res.Documents)
	s := fmt.Sprintf("%d %s: %d %s reported by two or more of them, %d that %s alone",
		n, plural(n, "article", "articles"),
		len(v.groups), plural(len(v.groups), "event", "events"),
		len(v.singletons), plural(len(v.singletons), "stands", "stand"))
	compared, conflicts := false, 0
	for _, c := range v.groups {
		if c.Comparison != nil {
			compared = true
			conflicts += len(c.Conflicts)
		}
	}
	if compared {
		s += fmt.Sprintf("; %d %s to check", conflicts, plural(conflicts, "conflict", "conflicts"))
	}
	return s + "."
}

func (v *view) summaryRows(titleWidth int) [][]string {
	rows := make([][]string, 0, len(v.groups))
	for _, c := range v.groups {
		conflicts := ""
		if c.Comparison != nil {
			conflicts = strconv.Itoa(len(c.Conflicts))
		}
		rows = append(rows, []string{
			c.ID,
			strconv.Itoa(len(c.Documents)),
			conflicts,
			truncate(v.leadTitle(c), titleWidth),
		})
	}
	return rows
}

// singletonSources returns the articles that stand alone, as sources in
// the order of [view.sources].
func (v *view) singletonSources() []source {
	var ids []string
	for _, c := range v.singletons {
		ids = append(ids, c.Documents...)
	}
	return v.sources(&result.Cluster{Documents: ids})
}

// A sourceTable says which columns a table of sources has: Source, Date
// only when one of them has a date, the title column named for what the
// titles are (see [titleHeader]), and Words.
type sourceTable struct {
	header, align []string
	date          bool
}

func newSourceTable(srcs []source) sourceTable {
	t := sourceTable{header: []string{"Source"}, align: []string{""}}
	t.date = slices.ContainsFunc(srcs, func(s source) bool { return sanitize(s.doc.Date) != "" })
	if t.date {
		t.header, t.align = append(t.header, "Date"), append(t.align, "")
	}
	t.header = append(t.header, titleHeader(srcs), "Words")
	t.align = append(t.align, "", "right")
	return t
}

// row is the row of s: its label, date (when the table has the column),
// title cut to titleWidth and length, raw.
func (t sourceTable) row(s source, titleWidth int) []string {
	row := []string{s.label}
	if t.date {
		row = append(row, s.doc.Date)
	}
	return append(row, truncate(s.doc.Title, titleWidth), wordsCell(s.doc))
}

// rows are the rows of the table of srcs, raw.
func (t sourceTable) rows(srcs []source, titleWidth int) [][]string {
	rows := make([][]string, len(srcs))
	for i, s := range srcs {
		rows[i] = t.row(s, titleWidth)
	}
	return rows
}

// titleHeader names the column of the sources' titles for what it holds.
// A title given as such (a Title header, front matter, the page's or the
// record's title) is a headline; so is the first line of a text file that
// reads as one. The first line of a text file that reads as a sentence
// (it ends with a full stop, or runs past maxHeadlineWords words) is not:
// when some are, the column is "First line" (or "Headline or first line"
// when some titles were given as such).
func titleHeader(srcs []source) string {
	given, sentences := false, false
	for _, s := range srcs {
		t := sanitize(s.doc.Title)
		switch {
		case t == "":
		case s.doc.TitleLine <= 0:
			given = true
		case !readsAsHeadline(t):
			sentences = true
		}
	}
	switch {
	case !sentences:
		return "Headline"
	case given:
		return "Headline or first line"
	}
	return "First line"
}

// A first line is taken for a headline when it has from minHeadlineWords
// words (with letters) to maxHeadlineWords words.
const (
	minHeadlineWords = 3
	maxHeadlineWords = 20
)

// readsAsHeadline reports whether a first line reads as a headline rather
// than as the opening sentence or a dateline: headlines do not end with a
// full stop (an ellipsis aside), are short, and have words.
func readsAsHeadline(t string) bool {
	fields := strings.Fields(t)
	if len(fields) > maxHeadlineWords {
		return false
	}
	// A dateline ("May 2, 2013, 1:12 PM") is no headline: it has hardly
	// any words.
	words := 0
	for _, f := range fields {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 && !datelineWords[datelineKey(f)] {
			words++
		}
	}
	if words < minHeadlineWords {
		return false
	}
	t = strings.TrimRight(t, `"'”’)`)
	return !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "...")
}

// datelineWords are the words of a dateline ("Last Updated: Monday, 28
// November 2005, 02:24 GMT", "Posted 11/27/2005 7:21 AM"), which do not
// make it a headline.
var datelineWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`posted updated last first published modified on at by
		january february march april may june july august september october november december
		jan feb mar apr jun jul aug sep sept oct nov dec
		monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
		am pm a.m p.m gmt utc bst cet cest et est edt ct cst cdt mt mst mdt pt pst pdt ist
		st nd rd th`) {
		m[w] = true
	}
	return m
}()

// datelineKey is a field as datelineWords holds it: lower-cased, without
// punctuation and digits ("28th" → "th", "Updated:" → "updated").
func datelineKey(f string) string {
	return strings.ToLower(strings.TrimRight(strings.TrimLeftFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }),
		".,:;)"))
}

// wordsCell is the length of a document, "" when the result does not
// describe it.
func wordsCell(d *result.Document) string {
	if d.Words == 0 && d.Path == "" && d.Title == "" {
		return ""
	}
	return strconv.Itoa(d.Words)
}

// pairRows are the rows of the pairs of c: each pair's ids in natural
// order, the pairs sorted by them (see [naturalCompare]).
func pairRows(c *result.Cluster) [][]string {
	rows := make([][]string, 0, len(c.Pairs))
	for _, p := range c.Pairs {
		a, b := p.A, p.B
		if naturalCompare(b, a) < 0 {
			a, b = b, a
		}
		rows = append(rows, []string{a, b, score(p.Similarity), score(p.Jaccard), string(p.Relation)})
	}
	slices.SortStableFunc(rows, func(x, y []string) int {
		if c := naturalCompare(x[0], y[0]); c != 0 {
			return c
		}
		return naturalCompare(x[1], y[1])
	})
	return rows
}

// score formats a similarity with the fixed precision of every report.
func score(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

// param is one line of the report header: a label and its raw value.
type param struct{ label, value string }

// params lists the run's parameters in header order. Values are raw text;
// the input paths are listed (up to maxInputs) as separate items.
func (v *view) params() (inputs []string, more int, ps []param) {
	res := v.res
	inputs = slices.Clone(res.Inputs)
	slices.SortStableFunc(inputs, naturalCompare)
	if len(inputs) > maxInputs {
		inputs, more = inputs[:maxInputs], len(inputs)-maxInputs
	}
	p := res.Params
	ps = []param{
		{"Command", res.Command},
		{"Articles", fmt.Sprintf("%d in %d %s of two or more and %d %s",
			len(res.Documents),
			len(v.groups), plural(len(v.groups), "cluster", "clusters"),
			len(v.singletons), plural(len(v.singletons), "singleton", "singletons"))},
		{"Shingles", fmt.Sprintf("%s, size %d", orDash(p.ShingleKind), p.ShingleSize)},
		{"MinHash", fmt.Sprintf("%d permutations, seed %d", p.Permutations, p.Seed)},
		{"LSH", lshParam(res)},
		{"Thresholds", fmt.Sprintf("near-duplicate %s, same-event %s", score(p.NearDuplicate), score(p.SameEvent))},
		{"Version", res.Version},
	}
	return inputs, more, ps
}

// lshParam describes the candidate index; a direct comparison (diff) uses none.
func lshParam(res *result.Result) string {
	if res.Direct {
		return "not used (direct comparison)"
	}
	return fmt.Sprintf("%d bands × %d rows", res.Params.Bands, res.Params.Rows)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func orDash(s string) string {
	if s == "" {
		return emptyCell
	}
	return s
}

// errWriter remembers the first write error so that the renderers can write
// freely and check once; after an error it writes nothing.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
