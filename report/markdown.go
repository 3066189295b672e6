package report

import (
	"bufio"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// Markdown writes res as a GitHub-flavoured Markdown report, in the order
// an editor reads it: a line saying what was found; per cluster of two or
// more articles (an event) a summary (the event, its sources with outlet
// and date, the conflicts counted by sureness and kind, how many facts
// could be compared), the conflicts surest first with every source's
// wording and line, the fact matrix with a column per source, and the
// passages several sources share, their differing words marked; then the
// articles that stand alone; last, in an appendix, the run's settings and
// the similarity of every scored pair. Line references link to the
// article's file (Link#L12) when the result gives its Link.
//
// Every block is separated from the previous one by a blank line and the
// output ends with a single newline. All text taken from the result is
// escaped with [EscapeMarkdown]; long titles are cut at 90 characters.
func Markdown(w io.Writer, res *result.Result) error {
	if res == nil {
		return errNilResult
	}
	bw := bufio.NewWriter(w)
	ew := &errWriter{w: bw}
	if err := writeMarkdown(ew, newView(res)); err != nil {
		return err
	}
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}

func writeMarkdown(ew *errWriter, v *view) error {
	ew.printf("# storydiff report\n\n%s\n", EscapeMarkdown(v.overview()))
	if len(v.groups) > 1 {
		if err := writeMarkdownTableAligned(ew, summaryHeader, summaryAlign, v.summaryRows(markdownTitleWidth)); err != nil {
			return err
		}
	}
	for _, c := range v.groups {
		if err := writeMarkdownCluster(ew, v, c); err != nil {
			return fmt.Errorf("report: cluster %s: %w", c.ID, err)
		}
	}

	ew.printf("\n## Articles that stand alone\n")
	if len(v.singletons) == 0 {
		ew.printf("\nNo article stands alone.\n")
	} else if err := writeMarkdownSources(ew, v.singletonSources()); err != nil {
		return err
	}

	ew.printf("\n## Appendix: engine settings and pair similarities\n\n")
	inputs, more, ps := v.params()
	escaped := make([]string, len(inputs))
	for i, in := range inputs {
		escaped[i] = escapeCell(in)
	}
	list := strings.Join(escaped, ", ")
	if more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	ew.printf("- **Inputs:** %s\n", orDash(list))
	for _, p := range ps {
		ew.printf("- **%s:** %s\n", p.label, escapeCell(p.value))
	}
	for _, c := range v.groups {
		ew.printf("\n### Pairs in %s\n", escapeInline(c.ID))
		if len(c.Pairs) == 0 {
			ew.printf("\nNo scored pairs.\n")
		} else if err := writeMarkdownTableAligned(ew, pairHeader, pairAlign, pairRows(c)); err != nil {
			return err
		}
	}
	return nil
}

// writeMarkdownCluster writes the section of one cluster of two or more.
func writeMarkdownCluster(ew *errWriter, v *view, c *result.Cluster) error {
	heading := escapeInline(c.ID)
	if t := escapeInline(truncate(v.leadTitle(c), markdownTitleWidth)); t != "" {
		heading += " — " + t
	}
	ew.printf("\n## %s\n", heading)
	srcs := v.sources(c)
	if err := writeMarkdownSources(ew, srcs); err != nil {
		return err
	}
	cmp := c.Comparison
	if cmp == nil {
		return nil
	}
	ew.printf("\n**%s**\n%s\n", EscapeMarkdown(conflictCounts(cmp)), EscapeMarkdown(coverageText(cmp)))

	conflicts := v.conflicts(cmp, srcs)
	ew.printf("\n### Conflicts to check\n\n")
	if len(conflicts) == 0 {
		ew.printf("No conflict among the facts compared.\n")
	}
	for _, it := range conflicts {
		ew.printf("%d. **%s**", it.n, escapeInline(it.heading()))
		if it.about != "" {
			ew.printf(" — %s", escapeInline(it.about))
		}
		if it.groups == nil {
			ew.printf("\n")
			for _, x := range it.values {
				writeMarkdownStatement(ew, x)
			}
			continue
		}
		// A hard line break (a backslash) keeps the summary in the item.
		ew.printf("\\\n   %s\n", summaryOf(it.c.Kind, it.groups, markdownEm, EscapeMarkdown))
		for _, g := range it.groups {
			if !g.compact {
				for _, x := range g.values {
					writeMarkdownStatement(ew, x)
				}
				continue
			}
			ew.printf("   - **%s** — %s: %s\n", escapeCell(orDash(g.value)), EscapeMarkdown(g.groupHead()),
				refList(g.compactRefs(), EscapeMarkdown, markdownLineText))
		}
	}

	ew.printf("\n### Fact matrix\n")
	rows := v.matrix(cmp, srcs, conflicts)
	switch {
	case len(rows) == 0:
		ew.printf("\nNo facts extracted.\n")
	case byFact(len(srcs)):
		if err := writeMarkdownByFact(ew, srcs, rows); err != nil {
			return err
		}
	default:
		header := []string{"Fact", "Kind", "In"}
		align := []string{"", "", ""}
		for _, s := range srcs {
			header = append(header, escapeCell(s.label))
		}
		var cells [][]string
		for _, r := range rows {
			row := []string{escapeCell(r.fact), escapeCell(r.label), escapeCell(r.in)}
			for _, items := range r.cells {
				parts := make([]string, len(items))
				for i, it := range items {
					parts[i] = escapeInline(it.text) + " (" + markdownLine(it.ref) + ")"
				}
				row = append(row, strings.Join(parts, "; "))
			}
			cells = append(cells, row)
		}
		if err := writeEscapedMarkdownTable(ew, header, align, cells); err != nil {
			return err
		}
	}

	ew.printf("\n### Shared passages\n\n")
	ps := v.passages(cmp, srcs)
	if len(ps) == 0 {
		ew.printf("No sentence appears near-verbatim in two sources.\n")
		return nil
	}
	ew.printf("Sentences that two or more sources share near-verbatim. Words a copy adds to the first are in **bold**, words it lacks are ~~struck out~~.\n\n")
	for i, p := range ps {
		ew.printf("%d. Similarity %s\n", i+1, p.similarity)
		for j, cp := range p.copies {
			same := ""
			if j > 0 && !changed(cp.diff) {
				same = " (the same words)"
			}
			ew.printf("   - %s, %s: %s%s\n", EscapeMarkdown(cp.label), markdownLine(cp.ref), markdownDiff(cp.diff), same)
		}
	}
	return nil
}

// writeMarkdownByFact writes the fact matrix of many sources by fact: a
// row per aligned fact with its wordings, each followed by the sources
// that use it, then a row per source with what it alone states.
func writeMarkdownByFact(ew *errWriter, srcs []source, rows []matrixRow) error {
	refs := func(rs []ref, label bool) string {
		parts := make([]string, len(rs))
		for i, r := range rs {
			parts[i] = markdownLineText(r, "L"+orDash(lineCell(r.line)))
			if label {
				parts[i] = EscapeMarkdown(r.label) + " " + parts[i]
			}
		}
		return strings.Join(parts, ", ")
	}
	ew.printf("\n%d sources are too many for a column each: each fact gives its wordings, the most used first, each with the sources that use it and their lines (L12: line 12).\n", len(srcs))
	var cells [][]string
	for _, r := range rows {
		if r.only {
			continue
		}
		ws := r.wordings()
		parts := make([]string, len(ws))
		for i, w := range ws {
			parts[i] = escapeInline(w.text) + ": " + refs(w.refs, true)
		}
		cells = append(cells, []string{escapeCell(r.fact), escapeCell(r.label), escapeCell(r.in), strings.Join(parts, "; ")})
	}
	if len(cells) > 0 {
		if err := writeEscapedMarkdownTable(ew, []string{"Fact", "Kind", "In", "As written, by source and line"}, nil, cells); err != nil {
			return err
		}
	}
	only := onlyBySource(rows, srcs)
	if len(only) == 0 {
		return nil
	}
	ew.printf("\n**Stated by one source only**, by source:\n")
	cells = cells[:0]
	for _, o := range only {
		kinds := make([]string, len(o.kinds))
		for i, k := range o.kinds {
			items := make([]string, len(k.items))
			for j, it := range k.items {
				items[j] = escapeInline(it.text) + " (" + refs([]ref{it.ref}, false) + ")"
			}
			kinds[i] = "*" + escapeInline(k.label) + ":* " + strings.Join(items, "; ")
		}
		cells = append(cells, []string{escapeCell(o.label), strings.Join(kinds, " · ")})
	}
	return writeEscapedMarkdownTable(ew, []string{"Source", "Facts no other source states"}, nil, cells)
}

// writeMarkdownStatement writes one statement of a conflict: its source,
// line, value and wording.
func writeMarkdownStatement(ew *errWriter, x conflictValue) {
	ew.printf("   - %s, %s: **%s** — %s\n", EscapeMarkdown(x.label), markdownLine(x.ref),
		escapeCell(orDash(x.value)), escapeCell(x.wording))
}

// markdownEm is a value in a summary: escaped, in italics.
func markdownEm(s string) string { return "*" + escapeInline(s) + "*" }

// markdownLineText is text linked to the line of r when it has a link.
func markdownLineText(r ref, text string) string {
	if r.link == "" || r.line <= 0 {
		return text
	}
	return "[" + text + "](" + linkTarget(r.link, r.line) + ")"
}

// markdownLine is a line reference, "line 12", linked to the article's
// file when it has a Link.
func markdownLine(r ref) string {
	if r.line <= 0 {
		return "line " + emptyCell
	}
	text := "line " + strconv.Itoa(r.line)
	if r.link == "" {
		return text
	}
	return "[" + text + "](" + linkTarget(r.link, r.line) + ")"
}

// linkTarget is the URL of line n of the file at link (a relative path
// with forward slashes): every path segment percent-encoded, so that no
// space, parenthesis, bracket, '|' or ':' (which could make a scheme such
// as javascript:) reaches the Markdown or HTML, then "#L" and n, the
// anchor GitHub gives a line. n <= 0 links to the file.
func linkTarget(link string, n int) string {
	segs := strings.Split(link, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	t := strings.Join(segs, "/")
	if n > 0 {
		t += "#L" + strconv.Itoa(n)
	}
	return t
}

// markdownDiff writes a word diff: insertions bold, deletions struck out.
func markdownDiff(ops []diffOp) string {
	var parts []string
	for _, o := range ops {
		t := escapeInline(o.text)
		if t == "" {
			continue
		}
		switch o.op {
		case diffInsert:
			t = "**" + t + "**"
		case diffDelete:
			t = "~~" + t + "~~"
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, " ")
}

// writeMarkdownSources writes the table of srcs (see [sourceTable]),
// each outlet linked to the article's file.
func writeMarkdownSources(w io.Writer, srcs []source) error {
	t := newSourceTable(srcs)
	rows := make([][]string, len(srcs))
	for i, s := range srcs {
		row := t.row(s, markdownTitleWidth)
		for j := range row {
			row[j] = escapeCell(row[j])
		}
		if s.doc.Link != "" {
			row[0] = "[" + row[0] + "](" + linkTarget(s.doc.Link, 0) + ")"
		}
		rows[i] = row
	}
	return writeEscapedMarkdownTable(w, escapeCells(t.header), t.align, rows)
}

func escapeCells(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = escapeCell(c)
	}
	return out
}

// writeMarkdownTable writes a GitHub-flavoured Markdown table: a blank line,
// the header row, the delimiter row and one line per row. Header and cells
// are raw text: each is escaped with [EscapeMarkdown] (so a '|', a newline
// or HTML in it cannot break the table), and an empty cell shows "—". Every
// row must have as many cells as the header; otherwise nothing is written
// and an error is returned.
func writeMarkdownTable(w io.Writer, header []string, rows [][]string) error {
	return writeMarkdownTableAligned(w, header, nil, rows)
}

// writeMarkdownTableAligned is [writeMarkdownTable] with a column alignment
// per header cell: "left", "right", "center", or "" for the default. A nil
// or short align leaves the remaining columns at the default.
func writeMarkdownTableAligned(w io.Writer, header, align []string, rows [][]string) error {
	esc := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = escapeCell(c)
		}
		return out
	}
	escRows := make([][]string, len(rows))
	for i, r := range rows {
		escRows[i] = esc(r)
	}
	return writeEscapedMarkdownTable(w, esc(header), align, escRows)
}

// writeEscapedMarkdownTable is [writeMarkdownTableAligned] for header and
// cells that are already inline Markdown, escaped by the caller (to add
// emphasis or links of its own around [EscapeMarkdown] text). It still
// refuses a cell holding a line break, and shows an empty cell as "—"; an
// unescaped '|' in a cell is the caller's bug and splits the cell.
func writeEscapedMarkdownTable(w io.Writer, header, align []string, rows [][]string) error {
	if len(header) == 0 {
		return fmt.Errorf("report: markdown table without columns")
	}
	for i, r := range rows {
		if len(r) != len(header) {
			return fmt.Errorf("report: markdown table row %d has %d cells, want %d", i+1, len(r), len(header))
		}
	}
	var b strings.Builder
	line := func(cells []string) error {
		b.WriteByte('|')
		for _, c := range cells {
			if strings.ContainsAny(c, "\r\n") {
				return fmt.Errorf("report: markdown table cell %q holds a line break", c)
			}
			if c = strings.TrimSpace(c); c == "" {
				c = emptyCell
			}
			b.WriteString(" ")
			b.WriteString(c)
			b.WriteString(" |")
		}
		b.WriteByte('\n')
		return nil
	}
	b.WriteByte('\n')
	if err := line(header); err != nil {
		return err
	}
	b.WriteByte('|')
	for i := range header {
		a := ""
		if i < len(align) {
			a = align[i]
		}
		switch a {
		case "right":
			b.WriteString(" ---: |")
		case "center":
			b.WriteString(" :---: |")
		case "left":
			b.WriteString(" :--- |")
		default:
			b.WriteString(" --- |")
		}
	}
	b.WriteByte('\n')
	for _, r := range rows {
		if err := line(r); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
