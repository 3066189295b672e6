package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"reflect"
	"strings"
	"sync"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/storydiff/storydiff/result"
)

// Table writes res as plain terminal tables, with the same sections as
// [Markdown]: the header, the cluster summary, per cluster of two or more
// articles its members, pairs and fact comparison, then the singletons.
// Cell text is reduced to one line without control characters, and long
// titles are cut at 60 characters.
func Table(w io.Writer, res *result.Result) error {
	if res == nil {
		return errNilResult
	}
	bw := bufio.NewWriter(w)
	ew := &errWriter{w: bw}
	if err := writeTable(ew, newView(res)); err != nil {
		return err
	}
	if ew.err != nil {
		return ew.err
	}
	return bw.Flush()
}

func writeTable(ew *errWriter, v *view) error {
	ew.printf("storydiff report\n\n")

	inputs, more, ps := v.params()
	cleaned := make([]string, len(inputs))
	for i, in := range inputs {
		cleaned[i] = plainCell(in)
	}
	list := strings.Join(cleaned, ", ")
	if more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	ew.printf("%-11s %s\n", "Inputs:", orDash(list))
	for _, p := range ps {
		ew.printf("%-11s %s\n", p.label+":", plainCell(p.value))
	}

	ew.printf("\nClusters\n")
	if len(v.groups) == 0 {
		ew.printf("\nNo cluster has two or more articles.\n")
	} else if err := writeTextTableAligned(ew, summaryHeader, summaryAlign, v.summaryRows(textTitleWidth)); err != nil {
		return err
	}

	for _, c := range v.groups {
		heading := "Cluster " + plainCell(c.ID)
		if t := truncate(v.leadTitle(c), textTitleWidth); t != "" {
			heading += " — " + t
		}
		ew.printf("\n%s\n", heading)
		if err := writeTextTableAligned(ew, memberHeader, memberAlign, v.documentRows([]*result.Cluster{c}, textTitleWidth)); err != nil {
			return err
		}
		if len(c.Pairs) == 0 {
			ew.printf("\nNo scored pairs.\n")
		} else if err := writeTextTableAligned(ew, pairHeader, pairAlign, pairRows(c)); err != nil {
			return err
		}
		if c.Comparison != nil {
			if err := factsTable(ew, c.Comparison, c.Documents); err != nil {
				return fmt.Errorf("report: facts of cluster %s: %w", c.ID, err)
			}
		}
	}

	ew.printf("\nSingletons\n")
	if len(v.singletons) == 0 {
		ew.printf("\nNo article stands alone.\n")
		return nil
	}
	return writeTextTableAligned(ew, memberHeader, memberAlign, v.documentRows(v.singletons, textTitleWidth))
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
	clean := func(cells []string) []string {
		out := make([]string, len(cells))
		for i, c := range cells {
			out[i] = plainCell(c)
		}
		return out
	}

	// Render into a buffer so that a failed table writes nothing.
	tr := textRenderers.Get().(*textRenderer)
	defer textRenderers.Put(tr)
	tr.buf.Reset()
	tr.buf.WriteByte('\n')
	t := tr.t
	t.Reset()
	t.Options(tablewriter.WithRowAlignmentConfig(tw.CellAlignment{Global: tw.AlignLeft, PerColumn: aligns}))
	t.Header(clean(header))
	for _, r := range rows {
		if err := t.Append(clean(r)); err != nil {
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
