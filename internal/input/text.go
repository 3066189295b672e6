package input

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/storydiff/storydiff/corpus"
)

// Plain-text and Markdown articles (.txt, .md, .markdown): see the package
// documentation for the format.

// sniffLen is how much of a file is examined for binary content.
const sniffLen = 8 << 10

// LooksBinary reports whether b looks like binary data: a NUL byte anywhere,
// or more than 10% of control characters other than white space in its
// first 8 KB.
func LooksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	if len(b) > sniffLen {
		b = b[:sniffLen]
	}
	ctl := 0
	for _, c := range b {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b:
			ctl++
		case c == 0x7f:
			ctl++
		}
	}
	return ctl*10 > len(b)
}

// checkText returns a *ParseError when data is binary or invalid UTF-8.
func checkText(data []byte, file string) error {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return perr(file, 0, fmt.Errorf("%w: UTF-16 encoded text (convert it to UTF-8)", ErrInvalidUTF8))
	}
	if LooksBinary(data) {
		return perr(file, 0, ErrBinary)
	}
	if !utf8.Valid(data) {
		return perr(file, invalidUTF8Line(data), ErrInvalidUTF8)
	}
	return nil
}

// invalidUTF8Line returns the 1-based line of the first invalid UTF-8 sequence in b.
func invalidUTF8Line(b []byte) int {
	line := 1
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		b = b[size:]
	}
	return line
}

// normaliseText drops a UTF-8 BOM and turns CRLF and lone CR line ends
// (old Mac files) into LF. It never modifies data in place.
func normaliseText(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' {
			if i+1 < len(data) && data[i+1] == '\n' {
				continue
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out
}

// stem returns the base name of path without its extension.
func stem(path string) string {
	base := filepath.Base(path)
	if s := strings.TrimSuffix(base, filepath.Ext(base)); s != "" {
		return s
	}
	return base
}

// lineReader iterates over the lines of a byte slice, tracking line numbers
// and offsets.
type lineReader struct {
	data []byte
	off  int // offset of the next line
	n    int // number of the last line returned (1-based)
}

// next returns the next line without its "\n", and its start offset.
func (r *lineReader) next() (line []byte, start int, ok bool) {
	if r.off >= len(r.data) {
		return nil, 0, false
	}
	start = r.off
	end := bytes.IndexByte(r.data[start:], '\n')
	if end < 0 {
		r.off = len(r.data)
		line = r.data[start:]
	} else {
		r.off = start + end + 1
		line = r.data[start : start+end]
	}
	r.n++
	return line, start, true
}

// headerKey returns the canonical name of a recognised header key, or "".
func headerKey(k string) string {
	switch strings.ToLower(strings.TrimSpace(k)) {
	case "source":
		return "source"
	case "date":
		return "date"
	case "url":
		return "url"
	case "title":
		return "title"
	case "id":
		return "id"
	case "author", "byline":
		return "byline"
	}
	return ""
}

// parseHeader splits "Key: value" into a recognised key and its value.
func parseHeader(line []byte) (key, value string, ok bool) {
	k, v, found := bytes.Cut(line, []byte(":"))
	if !found || len(k) == 0 || k[0] == ' ' || k[0] == '\t' {
		return "", "", false
	}
	key = headerKey(string(k))
	if key == "" {
		return "", "", false
	}
	return key, strings.TrimSpace(string(v)), true
}

// setField stores a recognised header or JSON field in a.
func setField(a *corpus.Article, key, value string) {
	switch key {
	case "source":
		a.Source = value
	case "date":
		setDate(a, value)
	case "url":
		a.URL = value
	case "title":
		a.Title = value
	case "id":
		a.ID = value
	case "byline":
		a.Byline = value
	}
}

// ParseText parses the contents of a plain-text (markdown false) or Markdown
// (markdown true) article file named file; see the package documentation. The article's
// ID is the file name without extension unless an ID header gives one. Errors
// are *ParseError values wrapping [ErrBinary], [ErrInvalidUTF8] or [ErrEmpty].
func ParseText(data []byte, file string, markdown bool) (*corpus.Article, error) {
	if err := checkText(data, file); err != nil {
		return nil, err
	}
	data = normaliseText(data)
	a := &corpus.Article{Path: file}
	r := &lineReader{data: data}

	// Headers, or Markdown front matter.
	pending, pendingStart, more := r.next()
	if more && markdown && string(bytes.TrimRight(pending, " \t")) == "---" && frontMatter(a, r) {
		pending, pendingStart, more = r.next()
	} else {
		for more {
			key, value, ok := parseHeader(pending)
			if !ok {
				break
			}
			setField(a, key, value)
			pending, pendingStart, more = r.next()
		}
	}

	hasTitle := a.Title != ""

	// Skip blank lines up to the title (or, with a Title header, the text).
	for more && isBlank(pending) {
		pending, pendingStart, more = r.next()
	}
	if !more {
		if a.Title != "" {
			return finish(a, file), nil
		}
		return nil, perr(file, 0, ErrEmpty)
	}
	if !hasTitle {
		a.TitleLine = r.n
		raw := string(bytes.TrimSpace(pending))
		title := raw
		if markdown {
			title = stripATX(raw)
		}
		a.Title = title
		lone, loneLine := pending, r.n
		heading := title != raw
		pending, pendingStart, more = r.next()
		if markdown && more && isSetextUnderline(pending) {
			heading = true
			pending, pendingStart, more = r.next()
		}
		for more && isBlank(pending) {
			pending, pendingStart, more = r.next()
		}
		if !more && !heading {
			// A lone line that is not a Markdown heading is the article
			// itself (a one-sentence document), not a headline.
			a.Title, a.TitleLine = "", 0
			a.Text = string(bytes.TrimRightFunc(lone, isSpaceRune))
			a.FirstLine = loneLine
			return finish(a, file), nil
		}
	}
	if more {
		a.FirstLine = r.n
		a.Text = string(bytes.TrimRightFunc(data[pendingStart:], isSpaceRune))
	} else {
		a.FirstLine = r.n // no text (a lone Markdown heading): the last line of the file
	}
	return finish(a, file), nil
}

// finish sets the defaults shared by file formats.
func finish(a *corpus.Article, file string) *corpus.Article {
	a.ID = strings.TrimSpace(a.ID)
	if a.ID == "" {
		if file == "-" {
			a.ID = "stdin"
		} else {
			a.ID = stem(file)
		}
	}
	if a.FirstLine < 1 {
		a.FirstLine = 1
	}
	return a
}

// frontMatter reads a "---"-delimited block of "key: value" lines after the
// opening "---" already consumed from r, setting recognised keys. It reports
// false, leaving a and r unchanged, when there is no closing "---".
func frontMatter(a *corpus.Article, r *lineReader) bool {
	save := *r
	var fields [][2]string
	for {
		line, _, ok := r.next()
		if !ok {
			*r = save
			return false
		}
		if string(bytes.TrimRight(line, " \t")) == "---" {
			break
		}
		k, v, found := bytes.Cut(line, []byte(":"))
		if !found {
			continue
		}
		if key := headerKey(string(k)); key != "" {
			fields = append(fields, [2]string{key, unquote(strings.TrimSpace(string(v)))})
		}
	}
	for _, f := range fields {
		setField(a, f[0], f[1])
	}
	return true
}

// unquote removes one level of matching single or double quotes.
func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// stripATX removes a Markdown ATX heading marker ("# ", "## ", ...) and any
// closing "#" sequence.
func stripATX(s string) string {
	n := 0
	for n < len(s) && n < 6 && s[n] == '#' {
		n++
	}
	if n == 0 || (n < len(s) && s[n] != ' ' && s[n] != '\t') {
		return s
	}
	s = strings.TrimSpace(s[n:])
	if t := strings.TrimRight(s, "#"); t != s && (t == "" || strings.HasSuffix(t, " ")) {
		s = strings.TrimSpace(t)
	}
	return s
}

// isSetextUnderline reports whether line is a Markdown setext underline ("===" or "---").
func isSetextUnderline(line []byte) bool {
	t := bytes.TrimSpace(line)
	if len(t) == 0 {
		return false
	}
	c := t[0]
	if c != '=' && c != '-' {
		return false
	}
	for _, b := range t {
		if b != c {
			return false
		}
	}
	return true
}

func isBlank(line []byte) bool { return len(bytes.TrimSpace(line)) == 0 }

func isSpaceRune(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v' || r == '\u00a0' || r == '\u3000' || r == '\u2028' || r == '\u2029' || r == '\u0085'
}
