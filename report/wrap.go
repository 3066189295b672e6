package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/clipperhouse/uax29/v2/graphemes"
	"github.com/olekukonko/tablewriter/pkg/twwidth"
)

// Terminal text is wrapped to a width in columns, measured as tablewriter
// measures its cells (wide East Asian characters and emoji take two).

func displayWidth(s string) int { return twwidth.Width(s) }

// overhead is the width a terminal table of n columns spends on borders
// and padding: "│ " before every cell, " " after it, and a closing "│".
func overhead(n int) int { return 3*n + 1 }

// wrapText breaks s (one line, as sanitize leaves it) into lines of at
// most width columns, at spaces; a word longer than width is broken
// between characters. It returns at least one line.
func wrapText(s string, width int) []string {
	width = max(width, 1)
	var lines []string
	line, lw := "", 0
	for _, word := range strings.Fields(s) {
		ww := displayWidth(word)
		if lw > 0 && lw+1+ww <= width {
			line += " " + word
			lw += 1 + ww
			continue
		}
		if lw > 0 {
			lines = append(lines, line)
			line, lw = "", 0
		}
		for ww > width { // break a long word
			cut, cw := breakAt(word, width)
			lines = append(lines, word[:cut])
			word, ww = word[cut:], ww-cw
		}
		line, lw = word, ww
	}
	return append(lines, line)
}

// breakAt returns the byte offset of the longest prefix of s (whole
// grapheme clusters, at least one) at most width columns wide, and its
// width.
func breakAt(s string, width int) (int, int) {
	it := graphemes.FromString(s)
	cut, w := 0, 0
	for it.Next() {
		gw := displayWidth(it.Value())
		if w+gw > width && cut > 0 {
			break
		}
		cut, w = it.End(), w+gw
	}
	return cut, w
}

// wrapParagraph cleans s, wraps it to width and returns its lines, each
// ending in a newline: the first keeps the spaces s starts with, the
// others start with indent.
func wrapParagraph(s string, width int, indent string) string {
	prefix := s[:len(s)-len(strings.TrimLeft(s, " "))]
	words := sanitize(s)
	if words == "" {
		return prefix + "\n"
	}
	var b strings.Builder
	for words != "" {
		line := wrapText(words, width-displayWidth(prefix))[0]
		b.WriteString(prefix + line + "\n")
		words = strings.TrimLeft(words[len(line):], " ")
		prefix = indent
	}
	return b.String()
}

// fitColumns returns the width of each column of a table whose cells are
// natural columns wide at most, so that the table fits in width: the
// widest columns are narrowed to one common width, as little as needed.
// Columns are at least minColumn wide (or their natural width, if less),
// so a table with many columns may still be wider than width.
func fitColumns(natural []int, width int) []int {
	const minColumn = 6
	out := append([]int(nil), natural...)
	avail := width - overhead(len(natural))
	total := 0
	for _, n := range natural {
		total += n
	}
	if total <= avail {
		return out
	}
	fits := func(c int) bool {
		sum := 0
		for _, n := range natural {
			sum += min(n, c)
		}
		return sum <= avail
	}
	lo, hi := minColumn, 0 // the largest common width that fits, at least minColumn
	for _, n := range natural {
		hi = max(hi, n)
	}
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fits(mid) {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	for i, n := range natural {
		out[i] = min(n, lo)
	}
	return out
}

// sameAbove is a cell of a terminal table left blank because the cell
// above says it (where an empty cell would show "—").
const sameAbove = "\x1f"

// textCell cleans a terminal table cell: [plainCell], but blank for
// sameAbove.
func textCell(c string) string {
	if c == sameAbove {
		return ""
	}
	return plainCell(c)
}

// writeTextTableWidth is [writeTextTableAligned] for a table that fits in
// width columns: the widest columns are narrowed (see [fitColumns]) and
// their cells wrapped onto several lines. Width 0 wraps nothing.
func writeTextTableWidth(w io.Writer, header, align []string, rows [][]string, width int) error {
	return writeTextTableFit(w, header, align, nil, rows, width)
}

// writeTextTableFit is [writeTextTableWidth] with, for the first columns,
// the width they narrow to first when the table does not fit (0 for
// none), so that the text column keeps the room.
func writeTextTableFit(w io.Writer, header, align []string, narrow []int, rows [][]string, width int) error {
	if width <= 0 {
		return writeTextTableAligned(w, header, align, rows)
	}
	for i, r := range rows {
		if len(r) != len(header) {
			return fmt.Errorf("report: table row %d has %d cells, want %d", i+1, len(r), len(header))
		}
	}
	natural := make([]int, len(header))
	measure := func(cells []string) {
		for i, c := range cells {
			natural[i] = max(natural[i], displayWidth(textCell(c)))
		}
	}
	measure(header)
	for _, r := range rows {
		measure(r)
	}
	total := 0
	for _, n := range natural {
		total += n
	}
	if total > width-overhead(len(natural)) {
		for i, n := range narrow {
			if n > 0 && i < len(natural) {
				natural[i] = min(natural[i], n)
			}
		}
	}
	widths := fitColumns(natural, width)
	wrap := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			c = textCell(c)
			if displayWidth(c) > widths[i] {
				c = strings.Join(wrapText(c, widths[i]), "\n")
			}
			out[i] = c
		}
		return out
	}
	wrapped := make([][]string, len(rows))
	for i, r := range rows {
		wrapped[i] = wrap(r)
	}
	return renderTextTable(w, wrap(header), align, wrapped)
}
