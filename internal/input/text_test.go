package input

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

func TestParseText(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		in       string
		md       bool
		want     corpus.Article // fields compared: ID Source Title Date URL Byline Text TitleLine FirstLine
		wantTime bool
	}{
		{
			name: "title and body",
			file: "dir/story.txt",
			in:   "Headline\n\nFirst paragraph.\n\nSecond.\n",
			want: corpus.Article{ID: "story", Title: "Headline", Text: "First paragraph.\n\nSecond.", TitleLine: 1, FirstLine: 3},
		},
		{
			name:     "headers then blank line",
			file:     "a.txt",
			in:       "Source: Wire\nDATE: 2020-12-21\nurl: http://x.example/1\nAuthor: Kim Lee\n\nTitle here\nBody.",
			want:     corpus.Article{ID: "a", Source: "Wire", Date: "2020-12-21", URL: "http://x.example/1", Byline: "Kim Lee", Title: "Title here", Text: "Body.", TitleLine: 6, FirstLine: 7},
			wantTime: true,
		},
		{
			name: "headers without blank line",
			file: "a.txt",
			in:   "Source: Wire\nTitle line\nBody.",
			want: corpus.Article{ID: "a", Source: "Wire", Title: "Title line", Text: "Body.", TitleLine: 2, FirstLine: 3},
		},
		{
			name: "unrecognised key stops headers",
			file: "a.txt",
			in:   "Update: storm hits coast\nSource: not a header any more\n",
			want: corpus.Article{ID: "a", Title: "Update: storm hits coast", Text: "Source: not a header any more", TitleLine: 1, FirstLine: 2},
		},
		{
			name: "title and id headers",
			file: "a.txt",
			in:   "Title: Given title\nID: custom-7\nByline: Ann\n\nAll of this is text.\nMore.",
			want: corpus.Article{ID: "custom-7", Title: "Given title", Byline: "Ann", Text: "All of this is text.\nMore.", FirstLine: 5},
		},
		{
			name: "unparseable date kept raw",
			file: "a.txt",
			in:   "Date: last Tuesday\n\nT\nB",
			want: corpus.Article{ID: "a", Date: "last Tuesday", Title: "T", Text: "B", TitleLine: 3, FirstLine: 4},
		},
		{
			name: "BOM and CRLF",
			file: "w.txt",
			in:   "\ufeffSource: X\r\n\r\nTitle\r\n\r\nLine one.\r\nLine two.\r\n",
			want: corpus.Article{ID: "w", Source: "X", Title: "Title", Text: "Line one.\nLine two.", TitleLine: 3, FirstLine: 5},
		},
		{
			name: "leading blank lines",
			file: "a.txt",
			in:   "\n\n  \nTitle  \nBody",
			want: corpus.Article{ID: "a", Title: "Title", Text: "Body", TitleLine: 4, FirstLine: 5},
		},
		{
			name: "single line is text",
			file: "a.txt",
			in:   "\nA one-sentence report of the event.\n\n",
			want: corpus.Article{ID: "a", Text: "A one-sentence report of the event.", FirstLine: 2},
		},
		{
			name: "single line after headers is text",
			file: "a.txt",
			in:   "Source: S\n\nOne sentence.",
			want: corpus.Article{ID: "a", Source: "S", Text: "One sentence.", FirstLine: 3},
		},
		{
			name: "lone markdown heading is a title",
			file: "a.md",
			md:   true,
			in:   "## Only a heading\n",
			want: corpus.Article{ID: "a", Title: "Only a heading", TitleLine: 1, FirstLine: 1},
		},
		{
			name: "markdown ATX title",
			file: "m.md",
			md:   true,
			in:   "# Big news #\n\nBody *text*.",
			want: corpus.Article{ID: "m", Title: "Big news", Text: "Body *text*.", TitleLine: 1, FirstLine: 3},
		},
		{
			name: "markdown setext title",
			file: "m.markdown",
			md:   true,
			in:   "Big news\n========\nBody.",
			want: corpus.Article{ID: "m", Title: "Big news", Text: "Body.", TitleLine: 1, FirstLine: 3},
		},
		{
			name: "markdown hashtag is not a heading",
			file: "m.md",
			md:   true,
			in:   "#breaking story\nBody.",
			want: corpus.Article{ID: "m", Title: "#breaking story", Text: "Body.", TitleLine: 1, FirstLine: 2},
		},
		{
			name: "markdown front matter",
			file: "m.md",
			md:   true,
			in:   "---\ntitle: \"FM title\"\nsource: Desk\nlayout: post\n---\n\nBody starts.\n",
			want: corpus.Article{ID: "m", Title: "FM title", Source: "Desk", Text: "Body starts.", FirstLine: 7},
		},
		{
			name: "unclosed front matter is text",
			file: "m.md",
			md:   true,
			in:   "---\ntitle: x\n",
			want: corpus.Article{ID: "m", Title: "---", Text: "title: x", TitleLine: 1, FirstLine: 2},
		},
		{
			name: "no extension stem",
			file: "notes",
			in:   "T\nB",
			want: corpus.Article{ID: "notes", Title: "T", Text: "B", TitleLine: 1, FirstLine: 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseText([]byte(tt.in), tt.file, tt.md)
			if err != nil {
				t.Fatalf("ParseText(%q) error: %v", tt.in, err)
			}
			g, w := summary(got), summary(&tt.want)
			if g != w {
				t.Errorf("ParseText(%q) =\n%s\nwant\n%s", tt.in, g, w)
			}
			if got.Path != tt.file {
				t.Errorf("Path = %q, want %q", got.Path, tt.file)
			}
			if tt.wantTime == got.Time.IsZero() {
				t.Errorf("Time = %v, want set: %v", got.Time, tt.wantTime)
			}
		})
	}
}

// summary renders the fields tests compare, one per line.
func summary(a *corpus.Article) string {
	return strings.Join([]string{
		"ID=" + a.ID, "Source=" + a.Source, "Title=" + a.Title, "Date=" + a.Date,
		"URL=" + a.URL, "Byline=" + a.Byline, "Text=" + a.Text,
		"TitleLine=" + strconv.Itoa(a.TitleLine), "FirstLine=" + strconv.Itoa(a.FirstLine),
	}, "\n")
}

func TestParseTextBad(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     error
		wantLine int
	}{
		{"empty", "", ErrEmpty, 0},
		{"whitespace only", " \n\t\n\u00a0\n", ErrEmpty, 0},
		{"headers only", "Source: X\nDate: 2020-01-01\n\n", ErrEmpty, 0},
		{"NUL byte", "Title\nbo\x00dy", ErrBinary, 0},
		{"NUL byte after 8 KB", "Title\n" + strings.Repeat("text ", 2000) + "\x00", ErrBinary, 0},
		{"control characters", strings.Repeat("\x01\x02\x03ab", 50), ErrBinary, 0},
		{"invalid UTF-8 on line 3", "Title\nok\nbad \xff byte\n", ErrInvalidUTF8, 3},
		{"latin-1", "Caf\xe9 news\nbody", ErrInvalidUTF8, 1},
		{"UTF-16", "\xff\xfeT\x00i\x00", ErrInvalidUTF8, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseText([]byte(tt.in), "bad.txt", false)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseText(%q) = %v, %v; want error %v", tt.in, a, err, tt.want)
			}
			pe, ok := errors.AsType[*ParseError](err)
			if !ok {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if pe.File != "bad.txt" || pe.Line != tt.wantLine {
				t.Errorf("ParseError at %s:%d, want bad.txt:%d", pe.File, pe.Line, tt.wantLine)
			}
			if !strings.HasPrefix(err.Error(), "bad.txt:") {
				t.Errorf("Error() = %q, want it to start with the file name", err)
			}
		})
	}
}

// TestLineNumbers checks that Article.Line maps the offset of a known
// sentence in Text to its line in the file, for header and CRLF files.
func TestLineNumbers(t *testing.T) {
	tests := []struct {
		file, md string
		sentence string
	}{
		{"testdata/headers.txt", "", "Construction is expected"},
		{"testdata/headers.txt", "", "The mayor called"},
		{"testdata/headers.txt", "", "The city council voted"},
		{"testdata/crlf.txt", "", "More than 2,000"},
		{"testdata/crlf.txt", "", "Heavy rain"},
		{"testdata/wire.md", "md", "Shipping companies"},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file)+"/"+tt.sentence, func(t *testing.T) {
			raw, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			want := lineOf(t, string(raw), tt.sentence)
			a, err := ParseText(raw, tt.file, tt.md != "")
			if err != nil {
				t.Fatal(err)
			}
			off := strings.Index(a.Text, tt.sentence)
			if off < 0 {
				t.Fatalf("%q not in Text %q", tt.sentence, a.Text)
			}
			if got := a.Line(off); got != want {
				t.Errorf("Line(%d) for %q = %d, want %d", off, tt.sentence, got, want)
			}
			if got := a.Line(off + len(tt.sentence) - 1); got != want {
				t.Errorf("Line(end of %q) = %d, want %d", tt.sentence, got, want)
			}
		})
	}
}

// TestTitleLine checks TitleLine against the file for the fixtures with titles.
func TestTitleLine(t *testing.T) {
	for _, file := range []string{"testdata/headers.txt", "testdata/crlf.txt"} {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ParseText(raw, file, false)
		if err != nil {
			t.Fatal(err)
		}
		if want := lineOf(t, string(raw), a.Title); a.TitleLine != want {
			t.Errorf("%s: TitleLine = %d, want %d", file, a.TitleLine, want)
		}
	}
}

// lineOf returns the 1-based line of the first occurrence of s in text.
func lineOf(t *testing.T, text, s string) int {
	t.Helper()
	i := strings.Index(text, s)
	if i < 0 {
		t.Fatalf("%q not found", s)
	}
	return strings.Count(text[:i], "\n") + 1
}
