package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/storydiff/storydiff/result"
)

// DefaultWidth is the width in columns [Table] wraps to: a terminal's
// when its width is unknown.
const DefaultWidth = 80

// Table writes res as plain terminal text and tables, [DefaultWidth]
// columns wide: see [TableWidth].
func Table(w io.Writer, res *result.Result) error { return TableWidth(w, res, DefaultWidth) }

// TableWidth writes res as plain terminal text and tables that fit in
// width columns, in the order of [Markdown]: the overview, per cluster of
// two or more articles its sources, conflict counts, the conflicts (as
// wrapped text, each source's wording under its line), the fact matrix,
// and the shared passages (a word diff, [-lacking-] and {+added+}); then
// the articles that stand alone, and the appendix of settings and pairs.
// The fact matrix has a column per source when every source column can be
// at least 24 columns wide, and a row per source and fact otherwise. Text
// is wrapped at spaces (a word longer than a column is broken) and reduced
// to lines without control characters. A width below 60 is taken as 60.
func TableWidth(w io.Writer, res *result.Result, width int) error {
	if res == nil {
		return errNilResult
	}
	bw := bufio.NewWriter(w)
	ew := &errWriter{w: bw}
	if err := writeTable(ew, newView(res), max(width, minWidth)); err != nil {
		return err
	}
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}

const (
	minWidth        = 60 // narrowest table output
	minSourceColumn = 24 // narrowest source column of the fact matrix
)

func writeTable(ew *errWriter, v *view, width int) error {
	ew.printf("storydiff report\n\n")
	ew.printf("%s", wrapParagraph(v.overview(), width, ""))
	if len(v.groups) > 1 {
		if err := writeTextTableWidth(ew, summaryHeader, summaryAlign, v.summaryRows(textTitleWidth), width); err != nil {
			return err
		}
	}
	for _, c := range v.groups {
		if err := writeTableCluster(ew, v, c, width); err != nil {
			return fmt.Errorf("report: cluster %s: %w", c.ID, err)
		}
	}

	ew.printf("\nArticles that stand alone\n")
	if len(v.singletons) == 0 {
		ew.printf("\nNo article stands alone.\n")
	} else if err := writeTextSources(ew, v.singletonSources(), width); err != nil {
		return err
	}

	ew.printf("\nAppendix: engine settings and pair similarities\n\n")
	inputs, more, ps := v.params()
	cleaned := make([]string, len(inputs))
	for i, in := range inputs {
		cleaned[i] = plainCell(in)
	}
	list := strings.Join(cleaned, ", ")
	if more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	ew.printf("%s", wrapParagraph(fmt.Sprintf("%-11s %s", "Inputs:", orDash(list)), width, strings.Repeat(" ", 12)))
	for _, p := range ps {
		ew.printf("%s", wrapParagraph(fmt.Sprintf("%-11s %s", p.label+":", plainCell(p.value)), width, strings.Repeat(" ", 12)))
	}
	for _, c := range v.groups {
		ew.printf("\nPairs in %s\n", plainCell(c.ID))
		if len(c.Pairs) == 0 {
			ew.printf("\nNo scored pairs.\n")
		} else if err := writeTextTableWidth(ew, pairHeader, pairAlign, pairRows(c), width); err != nil {
			return err
		}
	}
	return nil
}

// writeTableCluster writes the section of one cluster of two or more.
func writeTableCluster(ew *errWriter, v *view, c *result.Cluster, width int) error {
	heading := "Event " + plainCell(c.ID)
	if t := truncate(v.leadTitle(c), textTitleWidth); t != "" {
		heading += " — " + t
	}
	ew.printf("\n%s", wrapParagraph(heading, width, "  "))
	srcs := v.sources(c)
	if err := writeTextSources(ew, srcs, width); err != nil {
		return err
	}
	cmp := c.Comparison
	if cmp == nil {
		return nil
	}
	ew.printf("\n%s%s", wrapParagraph(conflictCounts(cmp), width, ""), wrapParagraph(coverageText(cmp), width, ""))

	conflicts := v.conflicts(cmp, srcs)
	ew.printf("\nConflicts to check\n\n")
	if len(conflicts) == 0 {
		ew.printf("No conflict among the facts compared.\n")
	}
	for _, it := range conflicts {
		num := strconv.Itoa(it.n) + ". "
		indent := strings.Repeat(" ", len(num))
		head := num + it.heading()
		if it.about != "" {
			head += " — " + it.about
		}
		ew.printf("%s", wrapParagraph(head, width, indent))
		statement := func(x conflictValue) {
			ew.printf("%s", wrapParagraph(indent+"* "+x.label+", "+textLine(x.line)+": "+orDash(x.value), width, indent+"  "))
			ew.printf("%s", wrapParagraph(indent+"  "+orDash(x.wording), width, indent+"  "))
		}
		if it.groups == nil {
			for _, x := range it.values {
				statement(x)
			}
			continue
		}
		quote := func(s string) string { return "“" + s + "”" }
		ew.printf("%s", wrapParagraph(indent+summaryOf(it.c.Kind, it.groups, quote, identity), width, indent))
		for _, g := range it.groups {
			if !g.compact {
				for _, x := range g.values {
					statement(x)
				}
				continue
			}
			refs := make([]string, len(g.values))
			for i, x := range g.values {
				refs[i] = x.label + ":" + orDash(lineCell(x.line))
			}
			ew.printf("%s", wrapParagraph(indent+"* "+orDash(g.value)+", "+g.groupHead()+" (source:line): "+
				strings.Join(refs, ", "), width, indent+"  "))
		}
	}

	ew.printf("\nFact matrix\n")
	rows := v.matrix(cmp, srcs, conflicts)
	if len(rows) == 0 {
		ew.printf("\nNo facts extracted.\n")
	} else if err := writeTextMatrix(ew, srcs, rows, width); err != nil {
		return err
	}

	ew.printf("\nShared passages\n\n")
	ps := v.passages(cmp, srcs)
	if len(ps) == 0 {
		ew.printf("No sentence appears near-verbatim in two sources.\n")
		return nil
	}
	ew.printf("%s", wrapParagraph("Sentences that two or more sources share near-verbatim; words a copy adds to the first are marked {+like this+}, words it lacks [-like this-].", width, ""))
	for i, p := range ps {
		num := strconv.Itoa(i+1) + ". "
		indent := strings.Repeat(" ", len(num))
		ew.printf("\n%s", wrapParagraph(num+"Similarity "+p.similarity, width, indent))
		for j, cp := range p.copies {
			same := ""
			if j > 0 && !changed(cp.diff) {
				same = " (the same words)"
			}
			ew.printf("%s", wrapParagraph(indent+"* "+cp.label+", "+textLine(cp.line)+": "+textDiff(cp.diff)+same, width, indent+"  "))
		}
	}
	return nil
}

// writeTextSources writes the table of srcs (see [sourceTable]). A title
// longer than textTitleWidth is cut to what fits on one line beside the
// other columns, so that no title is both cut and wrapped.
func writeTextSources(w io.Writer, srcs []source, width int) error {
	t := newSourceTable(srcs)
	rows := t.rows(srcs, textTitleWidth)
	title := len(t.header) - 2
	fit := width - overhead(len(t.header))
	for c := range t.header {
		if c == title {
			continue
		}
		colw := displayWidth(t.header[c])
		for _, r := range rows {
			colw = max(colw, displayWidth(plainCell(r[c])))
		}
		fit -= colw
	}
	fit = min(max(fit, minTitleFit), textTitleWidth)
	for i, s := range srcs {
		// A title that is cut anyway is cut to one line; a shorter one
		// is shown whole, wrapped if it must be.
		if t := sanitize(s.doc.Title); displayWidth(t) > textTitleWidth {
			rows[i][title] = truncate(t, fit)
		}
	}
	return writeTextTableWidth(w, t.header, t.align, rows, width)
}

// minTitleFit is the narrowest a title is cut to in a terminal table.
const minTitleFit = 20

func identity(s string) string { return s }

func textLine(n int) string { return "line " + orDash(lineCell(n)) }

// writeTextMatrix writes the fact matrix of many sources by fact (see
// [writeMarkdownByFact]); of a few, with a column per source when they
// fit in width, and with a row per source and fact otherwise. The
// first column says which fact, its kind, and how many sources state it:
// "F2 figure 2/3, conflict 1", or "figure, only".
func writeTextMatrix(w io.Writer, srcs []source, rows []matrixRow, width int) error {
	cell := func(items []cellItem) string {
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = it.text + " (" + textLine(it.line) + ")"
		}
		return strings.Join(parts, "; ")
	}
	fact := func(r matrixRow) string {
		if r.only {
			return r.label + ", only"
		}
		return r.fact + " " + r.label + " " + r.in
	}
	const factColumn, sourceColumn = 16, 20 // widest, when columns must narrow
	if byFact(len(srcs)) {
		return writeTextByFact(w, srcs, rows, width, fact, factColumn, sourceColumn)
	}
	if overhead(1+len(srcs))+factColumn+len(srcs)*minSourceColumn <= width {
		header := []string{"Fact"}
		for _, s := range srcs {
			header = append(header, s.label)
		}
		var table [][]string
		for _, r := range rows {
			row := []string{fact(r)}
			for _, items := range r.cells {
				row = append(row, cell(items))
			}
			table = append(table, row)
		}
		return writeTextTableFit(w, header, nil, []int{factColumn}, table, width)
	}
	var table [][]string
	for _, r := range rows {
		first := true
		for k, items := range r.cells {
			if len(items) == 0 {
				continue
			}
			row := []string{sameAbove, srcs[k].label, cell(items)}
			if first {
				row[0], first = fact(r), false
			}
			table = append(table, row)
		}
	}
	return writeTextTableFit(w, []string{"Fact", "Source", "As written"}, nil, []int{factColumn, sourceColumn}, table, width)
}

// writeTextByFact writes the fact matrix of many sources by fact: a row
// per aligned fact with its wordings and the sources using each, then a
// row per source with what it alone states.
func writeTextByFact(w io.Writer, srcs []source, rows []matrixRow, width int, fact func(matrixRow) string, factColumn, sourceColumn int) error {
	// A reference is source:line, as grep gives it, so that no wrap
	// parts a source from its line.
	refs := func(rs []ref) string {
		parts := make([]string, len(rs))
		for i, r := range rs {
			parts[i] = r.label + ":" + orDash(lineCell(r.line))
		}
		return strings.Join(parts, ", ")
	}
	var table [][]string
	for _, r := range rows {
		if r.only {
			continue
		}
		ws := r.wordings()
		parts := make([]string, len(ws))
		for i, x := range ws {
			parts[i] = x.text + " — " + refs(x.refs)
		}
		table = append(table, []string{fact(r), strings.Join(parts, "; ")})
	}
	if len(table) > 0 {
		if _, err := fmt.Fprintf(w, "\n%s", wrapParagraph(fmt.Sprintf("%d sources are too many for a column each: each fact gives its wordings, the most used first, each with the sources that use it and their lines (source:line).", len(srcs)), width, "")); err != nil {
			return err
		}
		if err := writeTextTableFit(w, []string{"Fact", "As written, by source and line"}, nil, []int{factColumn}, table, width); err != nil {
			return err
		}
	}
	only := onlyBySource(rows, srcs)
	if len(only) == 0 {
		return nil
	}
	if _, err := fmt.Fprintf(w, "\nStated by one source only, by source:\n"); err != nil {
		return err
	}
	table = table[:0]
	for _, o := range only {
		kinds := make([]string, len(o.kinds))
		for i, k := range o.kinds {
			items := make([]string, len(k.items))
			for j, it := range k.items {
				items[j] = it.text + " (" + textLine(it.line) + ")"
			}
			kinds[i] = k.label + ": " + strings.Join(items, "; ")
		}
		table = append(table, []string{o.label, strings.Join(kinds, " · ")})
	}
	return writeTextTableFit(w, []string{"Source", "Facts no other source states"}, nil, []int{sourceColumn}, table, width)
}

// textDiff writes a word diff as git's --word-diff=plain does.
func textDiff(ops []diffOp) string {
	var parts []string
	for _, o := range ops {
		switch o.op {
		case diffInsert:
			parts = append(parts, "{+"+o.text+"+}")
		case diffDelete:
			parts = append(parts, "[-"+o.text+"-]")
		default:
			parts = append(parts, o.text)
		}
	}
	return strings.Join(parts, " ")
}

// writeTextTable writes a terminal table: a blank line, then the table drawn
// with box characters. Header and cells are raw text: each is reduced to one
// line without control characters, and an empty cell shows "—". Headers are
// printed as given (not upper-cased) and rows are not wrapped. Every row
// must have as many cells as the header; otherwise nothing is written and an
// error is returned.
func writeTextTable(w io.Writer, header []string, rows [][]string) error {
	return writeTextTableAligned(w, header, nil, rows)
}

// writeTextTableAligned is [writeTextTable] with a column alignment per
// header cell: "left", "right", "center", or "" for left.
func writeTextTableAligned(w io.Writer, header, align []string, rows [][]string) error {
	if len(header) == 0 {
		return fmt.Errorf("report: table without columns")
	}
	for i, r := range rows {
		if len(r) != len(header) {
			return fmt.Errorf("report: table row %d has %d cells, want %d", i+1, len(r), len(header))
		}
	}
	clean := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = plainCell(c)
		}
		return out
	}
	cleaned := make([][]string, len(rows))
	for i, r := range rows {
		cleaned[i] = clean(r)
	}
	return renderTextTable(w, clean(header), align, cleaned)
}

// renderTextTable draws a table of clean cells, which may hold newlines
// (a cell of several lines), with tablewriter.
func renderTextTable(w io.Writer, header, align []string, rows [][]string) error {
	aligns := make([]tw.Align, len(header))
	for i := range aligns {
		aligns[i] = tw.AlignLeft
		if i < len(align) {
			switch align[i] {
			case "right":
				aligns[i] = tw.AlignRight
			case "center":
				aligns[i] = tw.AlignCenter
			}
		}
	}
	// Render into a buffer so that a failed table writes nothing.
	tr := textRenderers.Get().(*textRenderer)
	defer textRenderers.Put(tr)
	tr.buf.Reset()
	tr.buf.WriteByte('\n')
	t := tr.t
	t.Reset()
	t.Options(tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns}))
	t.Header(header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return fmt.Errorf("report: table: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("report: table: %w", err)
	}
	_, err := w.Write(tr.buf.Bytes())
	return err
}

// textRenderer is a tablewriter table with the buffer it renders into.
// Creating a tablewriter table allocates a large cache, so tables are
// reset and reused rather than created for each of a report's many tables.
type textRenderer struct {
	buf bytes.Buffer
	t   *tablewriter.Table
}

var textRenderers = sync.Pool{New: func() any {
	tr := &textRenderer{}
	tr.t = tablewriter.NewTable(&tr.buf,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithHeaderAlignment(tw.AlignLeft),
		tablewriter.WithTrimSpace(tw.Off),
		// Cells are strings: no Stringer lookups to cache, and the default
		// cache would be reallocated by every Reset.
		tablewriter.WithStringerCacheCustom(noCache{}),
	)
	return tr
}}

// noCache is a twcache.Cache that keeps nothing.
type noCache struct{}

func (noCache) Add(reflect.Type, reflect.Value) bool        { return false }
func (noCache) Get(reflect.Type) (v reflect.Value, ok bool) { return v, false }
func (noCache) Purge()                                      {}
