package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// This file arranges a cluster for the reader, the same way for every
// renderer: the sources by outlet, the conflicts surest first with each
// source's wording and line, the fact matrix (figures, dates, quotes, then
// names; what only one source states folded in as a row per kind), and
// the shared passages. Text stays raw: each renderer escapes it.

// A source is one article of a cluster as the reader meets it.
type source struct {
	doc   *result.Document
	label string // outlet, else the article id; the id is added when two articles share an outlet
}

// sources returns the articles of c with their labels, in natural order
// of label then id (see [naturalCompare]): "27_ecb_2" before "27_ecb_10".
// Every list of a cluster's sources (the sources table, a conflict's
// statements, the matrix columns, the articles of the review page)
// follows this order.
func (v *view) sources(c *result.Cluster) []source {
	out := make([]source, len(c.Documents))
	outlets := map[string]int{}
	for i, id := range c.Documents {
		out[i].doc = v.doc(id)
		outlets[sanitize(out[i].doc.Source)]++
	}
	for i := range out {
		d := out[i].doc
		name := sanitize(d.Source)
		switch {
		case name == "":
			out[i].label = d.ID
		case outlets[name] > 1:
			out[i].label = name + " (" + d.ID + ")"
		default:
			out[i].label = name
		}
	}
	slices.SortStableFunc(out, func(a, b source) int {
		if c := naturalCompare(a.label, b.label); c != 0 {
			return c
		}
		return naturalCompare(a.doc.ID, b.doc.ID)
	})
	return out
}

// sourceOrder returns a comparison of document ids by their place in srcs
// (ids not in srcs last, in natural order).
func sourceOrder(srcs []source) func(a, b string) int {
	pos := make(map[string]int, len(srcs))
	for i, s := range srcs {
		if _, dup := pos[s.doc.ID]; !dup {
			pos[s.doc.ID] = i
		}
	}
	return func(a, b string) int {
		pa, oka := pos[a]
		pb, okb := pos[b]
		switch {
		case oka && okb:
			return pa - pb
		case oka:
			return -1
		case okb:
			return 1
		}
		return naturalCompare(a, b)
	}
}

// labelOf returns the label of the source with id doc, or doc itself.
func labelOf(srcs []source, doc string) string {
	for _, s := range srcs {
		if s.doc.ID == doc {
			return s.label
		}
	}
	return doc
}

// linkOf returns the Link of the source with id doc, or "".
func linkOf(srcs []source, doc string) string {
	for _, s := range srcs {
		if s.doc.ID == doc {
			return s.doc.Link
		}
	}
	return ""
}

// A ref is a place in an article: its source and line.
type ref struct {
	doc, label, link string
	line             int
}

func (v *view) ref(srcs []source, doc string, line int) ref {
	return ref{doc: doc, label: labelOf(srcs, doc), link: linkOf(srcs, doc), line: line}
}

// Orders of the kinds, for counting and for the matrix.
var (
	conflictKindOrder = []result.ConflictKind{result.ConflictFigure, result.ConflictDate, result.ConflictAttribution, result.ConflictSpelling}
	surenessOrder     = []result.Sureness{result.SureHigh, result.SureMedium, result.SureLow}
	factKindOrder     = []result.FactKind{result.KindFigure, result.KindDate, result.KindQuote, result.KindPerson, result.KindOrganization, result.KindPlace}
)

// conflictCounts says how many conflicts there are by sureness and by
// kind: "3 conflicts to check, by sureness 2 high, 1 medium; by kind 2
// attribution, 1 spelling.", or "No conflict among the facts compared."
func conflictCounts(cmp *result.Comparison) string {
	if cmp == nil {
		return ""
	}
	n := len(cmp.Conflicts)
	if n == 0 {
		return "No conflict among the facts compared."
	}
	count := func(match func(result.Conflict) bool) int {
		k := 0
		for _, c := range cmp.Conflicts {
			if match(c) {
				k++
			}
		}
		return k
	}
	var sure, kinds []string
	for _, s := range surenessOrder {
		if k := count(func(c result.Conflict) bool { return c.Sureness == s }); k > 0 {
			sure = append(sure, fmt.Sprintf("%d %s", k, s))
		}
	}
	if k := count(func(c result.Conflict) bool { return !slices.Contains(surenessOrder, c.Sureness) }); k > 0 {
		sure = append(sure, fmt.Sprintf("%d unrated", k))
	}
	for _, kind := range conflictKindOrder {
		if k := count(func(c result.Conflict) bool { return c.Kind == kind }); k > 0 {
			kinds = append(kinds, fmt.Sprintf("%d %s", k, kind))
		}
	}
	if k := count(func(c result.Conflict) bool { return !slices.Contains(conflictKindOrder, c.Kind) }); k > 0 {
		kinds = append(kinds, fmt.Sprintf("%d other", k))
	}
	return fmt.Sprintf("%d %s to check, by sureness %s; by kind %s.", n, plural(n, "conflict", "conflicts"),
		strings.Join(sure, ", "), strings.Join(kinds, ", "))
}

// coverageText says what was compared, so that no conflict means
// something: "Compared 12 facts stated by two or more sources (figures 4,
// dates 2, names 6); 30 stated by one source only could not be compared."
func coverageText(cmp *result.Comparison) string {
	aligned, single := 0, 0
	var parts []string
	for _, c := range cmp.Coverage {
		aligned += c.Aligned
		single += c.Single
		if c.Aligned > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", c.Kind+"s", c.Aligned))
		}
	}
	if aligned == 0 {
		return fmt.Sprintf("Nothing could be compared: no fact is stated by two sources (%d stated by one source only).", single)
	}
	return fmt.Sprintf("Compared %d facts stated by two or more sources (%s); %d stated by one source only could not be compared.",
		aligned, strings.Join(parts, ", "), single)
}

// A conflictItem is one conflict as the reader sees it.
type conflictItem struct {
	n      int // 1-based, in report order (surest first)
	c      *result.Conflict
	about  string // what is at stake, cut to factCellWidth
	values []conflictValue
	// groups are the values grouped by value, minority first, when there
	// are too many statements to list one by one (see groupValues).
	groups []valueGroup
}

type conflictValue struct {
	ref
	value, wording string // as written; wording cut to factWordingWidth
}

// maxMatrixColumns is the most sources the fact matrix gives a column
// each; with more, it lists each fact's sources by wording instead.
const maxMatrixColumns = 5

// Widths (in characters) at which text is cut.
const (
	factCellWidth    = 80  // what a conflict is about; a quote in the matrix
	factWordingWidth = 400 // a sentence quoted in a conflict or a shared passage
	onlyItemWidth    = 50  // one fact of an "only" row of the matrix
	speakerWidth     = 60  // a quote's speaker
)

func (v *view) conflicts(cmp *result.Comparison, srcs []source) []conflictItem {
	order := sourceOrder(srcs)
	out := make([]conflictItem, len(cmp.Conflicts))
	for i := range cmp.Conflicts {
		c := &cmp.Conflicts[i]
		it := conflictItem{n: i + 1, c: c, about: truncate(c.Text, factCellWidth)}
		for _, x := range c.Values {
			it.values = append(it.values, conflictValue{ref: v.ref(srcs, x.Doc, x.Line),
				value: sanitize(x.Value), wording: truncate(x.Wording, factWordingWidth)})
		}
		slices.SortStableFunc(it.values, func(a, b conflictValue) int {
			if c := order(a.doc, b.doc); c != 0 {
				return c
			}
			return a.line - b.line
		})
		it.groups = groupValues(it.values)
		out[i] = it
	}
	return out
}

// heading is the first line of a conflict: "Attribution, high sureness:
// credited to different named speakers".
func (it conflictItem) heading() string {
	h := capitalize(string(it.c.Kind))
	if it.c.Sureness != "" {
		h += ", " + string(it.c.Sureness) + " sureness"
	}
	if r := sanitize(it.c.Reason); r != "" {
		h += ": " + r
	}
	return h
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// A matrixRow is one row of the fact matrix: an aligned fact, or the
// facts of one kind that only one source states (only set).
type matrixRow struct {
	fact      string // fact id; "" for an only row
	kind      result.FactKind
	label     string // the kind as shown
	only      bool
	in        string       // "2/3", "2/3, conflict 1", "only"
	cells     [][]cellItem // per source, in source order
	conflicts []int        // conflict numbers of the fact
}

// A cellItem is a source's wording of a fact and its line.
type cellItem struct {
	text string
	ref
}

// matrix builds the fact matrix of a comparison: per kind (figures, dates,
// quotes, people, organisations, places), a row per fact two or more
// sources state, then one row holding, per source, the facts of that kind
// no other source states.
func (v *view) matrix(cmp *result.Comparison, srcs []source, conflicts []conflictItem) []matrixRow {
	single := map[string]bool{}
	for _, o := range cmp.OnlyIn {
		for _, id := range o.Facts {
			single[id] = true
		}
	}
	conflictsOf := map[string][]int{}
	for _, it := range conflicts {
		conflictsOf[it.c.Fact] = append(conflictsOf[it.c.Fact], it.n)
	}
	kinds := slices.Clone(factKindOrder)
	for _, f := range cmp.Facts {
		if !slices.Contains(kinds, f.Kind) {
			kinds = append(kinds, f.Kind)
		}
	}
	speakers := namedSpeakers(cmp)
	var rows []matrixRow
	for _, kind := range kinds {
		// A "person" the result shows no sign of being one is shown as a
		// name: its only row is apart from the people's.
		only := matrixRow{kind: kind, label: string(kind), only: true, in: "only", cells: make([][]cellItem, len(srcs))}
		onlyNames := matrixRow{kind: kind, label: result.KindName, only: true, in: "only", cells: make([][]cellItem, len(srcs))}
		for i := range cmp.Facts {
			f := &cmp.Facts[i]
			if f.Kind != kind {
				continue
			}
			label := string(kind)
			if kind == result.KindPerson && !knownPerson(f, speakers) {
				label = result.KindName
			}
			if single[f.ID] || len(f.Mentions) == 1 {
				o := &only
				if label == result.KindName {
					o = &onlyNames
				}
				for _, m := range f.Mentions {
					if k := sourceIndex(srcs, m.Doc); k >= 0 {
						o.cells[k] = append(o.cells[k], cellItem{mentionText(f, &m, onlyItemWidth), v.ref(srcs, m.Doc, m.Line)})
					}
				}
				continue
			}
			row := matrixRow{fact: f.ID, kind: kind, label: label, cells: make([][]cellItem, len(srcs)), conflicts: conflictsOf[f.ID]}
			n := 0
			for k, s := range srcs {
				if m := f.MentionOf(s.doc.ID); m != nil {
					row.cells[k] = []cellItem{{mentionText(f, m, factCellWidth), v.ref(srcs, m.Doc, m.Line)}}
					n++
				}
			}
			row.in = fmt.Sprintf("%d/%d", n, len(srcs))
			for _, c := range row.conflicts {
				row.in += ", conflict " + strconv.Itoa(c)
			}
			rows = append(rows, row)
		}
		for _, o := range []matrixRow{only, onlyNames} {
			if slices.ContainsFunc(o.cells, func(c []cellItem) bool { return len(c) > 0 }) {
				rows = append(rows, o)
			}
		}
	}
	return rows
}

// namedSpeakers are the speakers the comparison's quotes name, folded.
func namedSpeakers(cmp *result.Comparison) []string {
	var out []string
	for _, f := range cmp.Facts {
		if f.Kind != result.KindQuote {
			continue
		}
		for _, m := range f.Mentions {
			if m.SpeakerHow != "named" {
				continue
			}
			for _, sp := range []string{m.Speaker, m.SpeakerAs} {
				if sp = strings.ToLower(sanitize(sp)); sp != "" && !slices.Contains(out, sp) {
					out = append(out, sp)
				}
			}
		}
	}
	return out
}

// knownPerson reports whether the result shows a fact the extractor typed
// as a person to be one: a mention gives a role ("Kremlin spokesman"), or
// a quote names it as its speaker (the whole name, or a name of two words
// or more within the attribution as written). The extractor also types
// as people capitalised words it knows nothing of ("Web", "Windows
// Update"); those are shown as names.
func knownPerson(f *result.Fact, speakers []string) bool {
	names := []string{strings.ToLower(sanitize(f.Text))}
	for _, m := range f.Mentions {
		if sanitize(m.Role) != "" {
			return true
		}
		for _, n := range []string{m.Text, m.Name} {
			if n = strings.ToLower(sanitize(n)); n != "" && !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	for _, sp := range speakers {
		for _, n := range names {
			if sp == n || (strings.Contains(n, " ") && containsWords(sp, n)) {
				return true
			}
		}
	}
	return false
}

// containsWords reports whether s holds the words of w as whole words.
func containsWords(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		a, b := i+j, i+j+len(w)
		if (a == 0 || !isWordByte(s[a-1])) && (b == len(s) || !isWordByte(s[b])) {
			return true
		}
		i = a + 1
	}
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c >= 0x80
}

func sourceIndex(srcs []source, doc string) int {
	return slices.IndexFunc(srcs, func(s source) bool { return s.doc.ID == doc })
}

// mentionText is a source's wording of a fact, cut to width, with the
// speaker of a quote.
func mentionText(f *result.Fact, m *result.Mention, width int) string {
	t := truncate(m.Text, width)
	if f.Kind == result.KindQuote {
		t = "“" + t + "”"
		if sp := m.SpeakerAs; sp != "" {
			t += " — " + truncate(sp, speakerWidth)
		} else if m.Speaker != "" {
			t += " — " + truncate(m.Speaker, speakerWidth)
		}
	}
	return t
}

// A passage is a sentence several sources share near-verbatim: the first
// copy as written, and every other copy as a word diff against it.
type passage struct {
	similarity string
	copies     []passageCopy
}

type passageCopy struct {
	ref
	diff []diffOp // the first copy: its words, all equal
}

func (v *view) passages(cmp *result.Comparison, srcs []source) []passage {
	order := sourceOrder(srcs)
	byPlace := func(a, b result.PassageMention) int {
		if c := order(a.Doc, b.Doc); c != 0 {
			return c
		}
		return a.Line - b.Line
	}
	// The copies in source order, each after the first marked against it;
	// the passages in the order of their first copies.
	var sorted [][]result.PassageMention
	var sims []float64
	for _, p := range cmp.SharedPassages {
		if len(p.Mentions) == 0 {
			continue
		}
		ms := slices.Clone(p.Mentions)
		slices.SortStableFunc(ms, byPlace)
		sorted, sims = append(sorted, ms), append(sims, p.Similarity)
	}
	idx := make([]int, len(sorted))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return byPlace(sorted[a][0], sorted[b][0]) })
	out := make([]passage, 0, len(sorted))
	for _, k := range idx {
		ms := sorted[k]
		first := truncate(ms[0].Text, factWordingWidth)
		ps := passage{similarity: score(sims[k])}
		for i, m := range ms {
			text := truncate(m.Text, factWordingWidth)
			var d []diffOp
			if i == 0 {
				d = []diffOp{{op: diffEqual, text: text}}
			} else {
				d = wordDiff(first, text)
			}
			ps.copies = append(ps.copies, passageCopy{ref: v.ref(srcs, m.Doc, m.Line), diff: d})
		}
		out = append(out, ps)
	}
	return out
}

func lineCell(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// A matrix of more than maxMatrixColumns sources is listed by fact: a row
// per fact with its wordings, each followed by the sources that use it;
// and the facts only one source states, a row per source.

// byFact reports whether the matrix of n sources is listed by fact.
func byFact(n int) bool { return n > maxMatrixColumns }

// A wording is how some sources state a fact, and where.
type wording struct {
	text string
	refs []ref // in source order
}

// wordings groups the cells of an aligned fact's row by wording: the
// wording most sources use first, ties in source order.
func (r matrixRow) wordings() []wording {
	var out []wording
	for _, items := range r.cells {
		for _, it := range items {
			k := slices.IndexFunc(out, func(w wording) bool { return w.text == it.text })
			if k < 0 {
				out = append(out, wording{text: it.text})
				k = len(out) - 1
			}
			out[k].refs = append(out[k].refs, it.ref)
		}
	}
	slices.SortStableFunc(out, func(a, b wording) int { return len(b.refs) - len(a.refs) })
	return out
}

// An onlySource is what one source alone states, by kind.
type onlySource struct {
	source
	kinds []onlyKind
}

type onlyKind struct {
	kind  result.FactKind
	label string // the row's kind label, plural: "figures", "people", "names"
	items []cellItem
}

// onlyBySource turns the only rows of a matrix into a list by source
// (sources stating nothing alone left out).
func onlyBySource(rows []matrixRow, srcs []source) []onlySource {
	var out []onlySource
	for k, s := range srcs {
		o := onlySource{source: s}
		for _, r := range rows {
			if r.only && len(r.cells[k]) > 0 {
				o.kinds = append(o.kinds, onlyKind{kind: r.kind, label: kindPlural(r.label), items: r.cells[k]})
			}
		}
		if len(o.kinds) > 0 {
			out = append(out, o)
		}
	}
	return out
}

// kindPlural names the facts of a kind label: "figures", "people".
func kindPlural(label string) string {
	switch label {
	case result.KindPerson:
		return "people"
	case result.KindOrganization:
		return "organisations"
	case "":
		return "other facts"
	}
	return label + "s"
}
