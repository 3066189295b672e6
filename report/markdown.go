package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// Markdown writes res as a GitHub-flavoured Markdown report: a header with
// the inputs and parameters, a summary table of the clusters of two or more
// articles, a section per such cluster (members, scored pairs, then the fact
// comparison when the cluster has one), and a table of the singletons.
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
	ew.printf("# storydiff report\n\n")

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

	ew.printf("\n## Clusters\n")
	if len(v.groups) == 0 {
		ew.printf("\nNo cluster has two or more articles.\n")
	} else if err := writeMarkdownTableAligned(ew, summaryHeader, summaryAlign, v.summaryRows(markdownTitleWidth)); err != nil {
		return err
	}

	for _, c := range v.groups {
		heading := "Cluster " + escapeInline(c.ID)
		if t := escapeInline(truncate(v.leadTitle(c), markdownTitleWidth)); t != "" {
			heading += " — " + t
		}
		ew.printf("\n## %s\n", heading)
		if err := writeMarkdownTableAligned(ew, memberHeader, memberAlign, v.documentRows([]*result.Cluster{c}, markdownTitleWidth)); err != nil {
			return err
		}
		if len(c.Pairs) == 0 {
			ew.printf("\nNo scored pairs.\n")
		} else if err := writeMarkdownTableAligned(ew, pairHeader, pairAlign, pairRows(c)); err != nil {
			return err
		}
		if c.Comparison != nil {
			if err := factsMarkdown(ew, c.Comparison, c.Documents); err != nil {
				return fmt.Errorf("report: facts of cluster %s: %w", c.ID, err)
			}
		}
	}

	ew.printf("\n## Singletons\n")
	if len(v.singletons) == 0 {
		ew.printf("\nNo article stands alone.\n")
		return nil
	}
	return writeMarkdownTableAligned(ew, memberHeader, memberAlign, v.documentRows(v.singletons, markdownTitleWidth))
}

// Column alignments of the report's tables: numbers to the right.
var (
	summaryAlign = []string{"", "right", "", ""}
	memberAlign  = []string{"", "", "", "", "right"}
	pairAlign    = []string{"", "", "right", "right", ""}
)

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
