// Package corpus holds the news article that every storydiff package takes:
// an [Article], its text and where it came from. Reading articles from
// files is the command's business (its loaders are internal); a program
// that imports storydiff builds Articles itself and passes them to
// compare.Run, compare.Diff or facts.Compare.
package corpus

import (
	"sort"
	"strings"
	"time"
)

// Article is one loaded news article with its provenance.
//
// Text is the article body: for .txt/.md files, everything after the title
// line, as in the file; for HTML, the extracted main text; for JSONL, the
// "text" field. Line(offset) maps a byte offset in Text to a 1-based line
// number in the original input (for JSONL: the line within the text field).
type Article struct {
	ID     string    // stable, unique within a load (file name without extension, or JSONL id)
	Path   string    // input path as given ("-" for standard input)
	Record int       // 1-based JSONL line of the record; 0 for whole files
	Source string    // outlet / site name, "" when unknown
	Title  string    // headline, "" when unknown
	Date   string    // "2006-01-02" when parseable, otherwise as written, "" when unknown
	Time   time.Time // parsed Date; zero when unknown
	URL    string
	Byline string

	Text      string // body text (see above)
	TitleLine int    // line of the title in the input; 0 when the title is not in the text's file lines
	FirstLine int    // input line number of Text's first line (1-based)

	lineStarts []int // byte offsets where each line of Text starts (lazy)
}

// Line returns the 1-based input line number of byte offset off in a.Text.
// Its first call builds an index of a.Text's lines, so Line must not be
// called concurrently on one Article, nor Text changed after it is called.
func (a *Article) Line(off int) int {
	if a.lineStarts == nil {
		a.lineStarts = []int{0}
		for i := 0; i < len(a.Text); i++ {
			if a.Text[i] == '\n' {
				a.lineStarts = append(a.lineStarts, i+1)
			}
		}
	}
	i := sort.SearchInts(a.lineStarts, off+1) - 1
	if i < 0 {
		i = 0
	}
	first := a.FirstLine
	if first < 1 {
		first = 1
	}
	return first + i
}

// Words returns the number of whitespace-separated words in Title and Text.
func (a *Article) Words() int {
	return len(strings.Fields(a.Title)) + len(strings.Fields(a.Text))
}

// FullText returns the title and body joined by a newline: what clustering shingles.
func (a *Article) FullText() string {
	if a.Title == "" {
		return a.Text
	}
	return a.Title + "\n" + a.Text
}
