package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// Widths (in characters) at which fact cells are cut.
const (
	factCellWidth    = 80  // a source's wording in the fact matrix
	factWordingWidth = 160 // a sentence in conflicts and shared passages
)

// factSection is one titled table of the fact comparison.
type factSection struct {
	title  string
	intro  string // printed before the table, when not empty
	empty  string // printed instead of the table when there are no rows
	header []string
	align  []string
	rows   [][]string
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

// factSections builds the four sections, in report order: conflicts first
// (what a fact-checker must verify), then the fact matrix, the facts only
// one source carries, and the passages shared near-verbatim.
func factSections(cmp *result.Comparison, docIDs []string, width int) []factSection {
	conf := factSection{title: "Conflicts to check", intro: coverageText(cmp),
		empty:  "No conflict among the facts compared.",
		header: []string{"#", "Kind", "Sureness", "About", "Source", "Line", "Version", "As written"},
		align:  []string{"right", "", "", "", "", "right", "", ""}}
	for i, c := range cmp.Conflicts {
		for j, v := range c.Values {
			sure, about := "", truncate(c.Text, factCellWidth)
			if j == 0 {
				sure = string(c.Sureness)
				if c.Reason != "" {
					about += " (" + c.Reason + ")"
				}
			}
			conf.rows = append(conf.rows, []string{strconv.Itoa(i + 1), string(c.Kind), sure, about, v.Doc,
				lineCell(v.Line), truncate(v.Value, factCellWidth), truncate(v.Wording, width)})
		}
	}

	matrix := factSection{title: "Fact matrix", empty: "No facts extracted.",
		header: append([]string{"Fact", "Kind", "Sources"}, docIDs...),
		align:  []string{"", "", "right"}}
	for _, f := range cmp.Facts {
		row := []string{f.ID, string(f.Kind), fmt.Sprintf("%d/%d", len(f.Mentions), len(docIDs))}
		for _, d := range docIDs {
			row = append(row, mentionCell(&f, f.MentionOf(d)))
		}
		matrix.rows = append(matrix.rows, row)
	}

	only := factSection{title: "Only in this source", empty: "Every fact is reported by at least two sources.",
		header: []string{"Source", "Fact", "Kind", "Line", "As written"},
		align:  []string{"", "", "", "right", ""}}
	for _, o := range cmp.OnlyIn {
		for _, id := range o.Facts {
			f := cmp.FactByID(id)
			if f == nil || len(f.Mentions) == 0 {
				continue
			}
			m := f.Mentions[0]
			only.rows = append(only.rows, []string{o.Doc, f.ID, string(f.Kind), lineCell(m.Line), mentionText(f, &m)})
		}
	}

	shared := factSection{title: "Shared passages", empty: "No sentence appears near-verbatim in two sources.",
		header: []string{"#", "Similarity", "Source", "Line", "Text"},
		align:  []string{"right", "right", "", "right", ""}}
	for i, p := range cmp.SharedPassages {
		for _, m := range p.Mentions {
			shared.rows = append(shared.rows, []string{strconv.Itoa(i + 1), score(p.Similarity), m.Doc,
				lineCell(m.Line), truncate(m.Text, width)})
		}
	}
	return []factSection{conf, matrix, only, shared}
}

func lineCell(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// mentionText is a source's wording of a fact, with the speaker of a quote.
func mentionText(f *result.Fact, m *result.Mention) string {
	t := truncate(m.Text, factCellWidth)
	if f.Kind == result.KindQuote {
		t = "“" + t + "”"
		if sp := m.SpeakerAs; sp != "" {
			t += " — " + truncate(sp, 60)
		} else if m.Speaker != "" {
			t += " — " + truncate(m.Speaker, 60)
		}
	}
	return t
}

// mentionCell is a fact-matrix cell: the wording and its line, or "" (shown
// as "—") when the source omits the fact.
func mentionCell(f *result.Fact, m *result.Mention) string {
	if m == nil {
		return ""
	}
	return mentionText(f, m) + " (line " + strconv.Itoa(m.Line) + ")"
}

// factsMarkdown writes the fact-comparison sections of one cluster.
func factsMarkdown(w io.Writer, cmp *result.Comparison, docIDs []string) error {
	if cmp == nil {
		return nil
	}
	for _, s := range factSections(cmp, docIDs, factWordingWidth) {
		if _, err := fmt.Fprintf(w, "\n### %s\n", s.title); err != nil {
			return err
		}
		if s.intro != "" {
			if _, err := fmt.Fprintf(w, "\n%s\n", EscapeMarkdown(s.intro)); err != nil {
				return err
			}
		}
		if len(s.rows) == 0 {
			if _, err := fmt.Fprintf(w, "\n%s\n", s.empty); err != nil {
				return err
			}
			continue
		}
		if err := writeMarkdownTableAligned(w, s.header, s.align, s.rows); err != nil {
			return err
		}
	}
	return nil
}

// factsTable writes the same sections as terminal tables.
func factsTable(w io.Writer, cmp *result.Comparison, docIDs []string) error {
	if cmp == nil {
		return nil
	}
	for _, s := range factSections(cmp, docIDs, factWordingWidth) {
		if _, err := fmt.Fprintf(w, "\n%s\n", s.title); err != nil {
			return err
		}
		if s.intro != "" {
			if _, err := fmt.Fprintf(w, "\n%s\n", s.intro); err != nil {
				return err
			}
		}
		if len(s.rows) == 0 {
			if _, err := fmt.Fprintf(w, "\n%s\n", s.empty); err != nil {
				return err
			}
			continue
		}
		if err := writeTextTableAligned(w, s.header, s.align, s.rows); err != nil {
			return err
		}
	}
	return nil
}
