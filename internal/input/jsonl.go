package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/storydiff/storydiff/corpus"
)

// JSON Lines articles (.jsonl, .ndjson): see the package documentation.

// jsonRecord is the decoded shape of a JSONL line.
type jsonRecord struct {
	ID     jsonID  `json:"id"`
	Title  *string `json:"title"`
	Source *string `json:"source"`
	URL    *string `json:"url"`
	Date   *string `json:"date"`
	Byline *string `json:"byline"`
	Author *string `json:"author"`
	Text   *string `json:"text"`
}

// jsonID accepts a JSON string or number.
type jsonID string

// UnmarshalJSON implements json.Unmarshaler.
func (id *jsonID) UnmarshalJSON(b []byte) error {
	switch {
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = jsonID(s)
	case string(b) == "null":
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*id = jsonID(b)
	default:
		return fmt.Errorf("field %q: want string or number, got %s", "id", jsonKind(b))
	}
	return nil
}

// jsonKind names the JSON type of a raw value.
func jsonKind(b []byte) string {
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "bool"
	case 'n':
		return "null"
	}
	return "number"
}

// ParseRecord decodes one JSON Lines record: line is the line's content
// (with or without its line end), file and lineNo name it in errors and in
// the article (Path, Record, default ID). Errors are *ParseError values with
// Line == lineNo wrapping [ErrInvalidUTF8], [ErrMalformed],
// [ErrMissingField] or [ErrEmpty]. ParseRecord is safe for concurrent use,
// so records can be decoded on several cores.
func ParseRecord(line []byte, file string, lineNo int) (*corpus.Article, error) {
	line = bytes.TrimRight(line, "\r\n")
	if lineNo == 1 {
		line = bytes.TrimPrefix(line, []byte("\ufeff"))
	}
	if !utf8.Valid(line) {
		return nil, perr(file, lineNo, ErrInvalidUTF8)
	}
	var rec jsonRecord
	if !fastDecode(line, &rec) {
		rec = jsonRecord{}
		if err := json.Unmarshal(line, &rec); err != nil {
			return nil, perr(file, lineNo, jsonError(err))
		}
	}
	if rec.Text == nil {
		return nil, perr(file, lineNo, fmt.Errorf("%w %q", ErrMissingField, "text"))
	}
	text := strings.TrimRightFunc(*rec.Text, isSpaceRune)
	if strings.TrimSpace(text) == "" {
		return nil, perr(file, lineNo, fmt.Errorf("%w: field %q holds no text", ErrEmpty, "text"))
	}
	if strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
	}
	a := &corpus.Article{
		ID:        strings.TrimSpace(string(rec.ID)),
		Path:      file,
		Record:    lineNo,
		Title:     trimPtr(rec.Title),
		Source:    trimPtr(rec.Source),
		URL:       trimPtr(rec.URL),
		Byline:    trimPtr(rec.Byline),
		Text:      text,
		FirstLine: 1,
	}
	if a.Byline == "" {
		a.Byline = trimPtr(rec.Author)
	}
	setDate(a, trimPtr(rec.Date))
	if a.ID == "" {
		s := "stdin"
		if file != "-" {
			s = stem(file)
		}
		a.ID = s + ":" + strconv.Itoa(lineNo)
	}
	return a, nil
}

func trimPtr(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

// jsonError turns an encoding/json error into a short message wrapping ErrMalformed.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		if te.Field == "" {
			return fmt.Errorf("%w: want a JSON object, got %s", ErrMalformed, te.Value)
		}
		return fmt.Errorf("%w: field %q: want string, got %s", ErrMalformed, te.Field, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("%w: %v (byte %d)", ErrMalformed, se, se.Offset)
	}
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "json: ")
	if i := strings.Index(msg, "error calling UnmarshalJSON for type corpus.jsonID: "); i >= 0 {
		msg = msg[i+len("error calling UnmarshalJSON for type corpus.jsonID: "):]
	}
	return fmt.Errorf("%w: %s", ErrMalformed, msg)
}

// ReadJSONL streams the records of r (named file) to fn, reporting bad
// lines through warn. It returns fn's error, or nil. A read error is
// reported as a warning and ends the file; so is content that looks binary
// (one warning for the file), and a file without any record is reported as
// [ErrNoRecords].
func ReadJSONL(r io.Reader, file string, warn func(error), fn func(*corpus.Article) error) error {
	return readJSONL(r, file, 0, warn, fn)
}

// readJSONL is ReadJSONL skipping, with a warning, lines longer than
// maxBytes (without their line end) when maxBytes is positive.
func readJSONL(r io.Reader, file string, maxBytes int, warn func(error), fn func(*corpus.Article) error) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	if head, _ := br.Peek(sniffLen); LooksBinary(head) {
		warn(perr(file, 0, ErrBinary))
		return nil
	}
	var buf []byte
	records := 0 // non-blank lines
	for lineNo := 1; ; lineNo++ {
		line, size, err := readLine(br, &buf, maxBytes)
		switch {
		case line == nil && size > 0:
			records++
			warn(TooLarge(file, lineNo, size, maxBytes))
		case len(line) > 0 && !isBlank(line):
			records++
			a, rerr := ParseRecord(line, file, lineNo)
			if rerr != nil {
				warn(rerr)
			} else if ferr := fn(a); ferr != nil {
				return ferr
			}
		}
		if err == io.EOF {
			if records == 0 {
				warn(perr(file, 0, ErrNoRecords))
			}
			return nil
		}
		if err != nil {
			warn(perr(file, lineNo, fmt.Errorf("reading: %w", err)))
			return nil
		}
	}
}

// readLine returns the next line of br including its "\n", of any length.
// The result aliases br's buffer or *buf and is valid until the next call.
// When limit is positive and the line without its "\n" is longer, the line
// is consumed without being kept: readLine returns nil and its size.
func readLine(br *bufio.Reader, buf *[]byte, limit int) (line []byte, size int64, err error) {
	line, err = br.ReadSlice('\n')
	size = int64(len(line))
	if err != bufio.ErrBufferFull {
		if limit > 0 && contentLen(line) > int64(limit) {
			return nil, contentLen(line), err
		}
		return line, size, err
	}
	*buf = append((*buf)[:0], line...)
	over := false
	for {
		line, err = br.ReadSlice('\n')
		size += int64(len(line))
		if !over && limit > 0 && size > int64(limit)+1 {
			over = true
			*buf = (*buf)[:0]
		}
		if !over {
			*buf = append(*buf, line...)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if over {
			if len(line) > 0 && line[len(line)-1] == '\n' {
				size--
			}
			return nil, size, err
		}
		if n := contentLen(*buf); limit > 0 && n > int64(limit) {
			return nil, n, err // over by the final byte, at the end of input
		}
		if cap(*buf) > 16<<20 {
			// Do not keep a huge buffer alive for the rest of the file.
			b := *buf
			*buf = nil
			return b, size, err
		}
		return *buf, size, err
	}
}

// contentLen is the length of line without its final "\n".
func contentLen(line []byte) int64 {
	if n := len(line); n > 0 && line[n-1] == '\n' {
		return int64(n - 1)
	}
	return int64(len(line))
}
