package input

import (
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"
)

// A ParseError reports an input that was skipped: a whole file (Line 0) or
// one JSON Lines record (Line >= 1). Warnings passed to [Options.Warn] are
// *ParseError values wrapping one of the sentinel errors below, or an
// operating-system error such as [fs.ErrNotExist] or [fs.ErrPermission].
type ParseError struct {
	File string // path as given ("-" for standard input)
	Line int    // 1-based line number; 0 when the error concerns the whole file
	Err  error  // what was wrong
}

// Error formats the error as "file:line: msg", or "file: msg" when Line is 0.
// A file name that is not printable text is quoted (see [QuotePath]).
func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", QuotePath(e.File), e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", QuotePath(e.File), e.Err)
}

// QuotePath returns path as it is when it is valid UTF-8 made of printable
// characters and spaces, and otherwise as a double-quoted Go string literal
// (as %q prints it), so that a file name holding a newline, an escape
// sequence or a bidirectional override cannot forge or disguise a line of
// output: "bad\nstorydiff: warning: x" stays on one line.
func QuotePath(path string) string {
	if !utf8.ValidString(path) {
		return strconv.Quote(path)
	}
	for _, r := range path {
		if !strconv.IsPrint(r) {
			return strconv.Quote(path)
		}
	}
	return path
}

// Unwrap returns the underlying error, for [errors.Is] and [errors.As].
func (e *ParseError) Unwrap() error { return e.Err }

// Sentinel errors wrapped by a [ParseError].
var (
	// ErrBinary: the file holds NUL bytes or a high share of control characters.
	ErrBinary = errors.New("binary file, not text")
	// ErrInvalidUTF8: the file (or JSONL line) is not valid UTF-8.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrEmpty: the file, or a JSONL record's text, holds no article text.
	ErrEmpty = errors.New("empty article")
	// ErrNoRecords: a JSON Lines file holds no record (it is empty or
	// blank). It wraps ErrEmpty.
	ErrNoRecords = fmt.Errorf("%w: no records", ErrEmpty)
	// ErrTooLarge: a file or JSONL record is over [Options.MaxBytes]; it was
	// skipped.
	ErrTooLarge = errors.New("too large")
	// ErrMissingField: a JSONL record lacks a required field ("text").
	ErrMissingField = errors.New("missing required field")
	// ErrMalformed: a JSONL line is not a JSON object or a field has the wrong type.
	ErrMalformed = errors.New("malformed JSON record")
	// ErrNoArticles: a directory holds no file with an article extension.
	ErrNoArticles = errors.New("no article files (.txt, .md, .markdown, .html, .htm, .jsonl, .ndjson) in directory")
	// ErrNotRegular: the path is neither a regular file nor a directory
	// (a FIFO, a device or a socket): it is not read.
	ErrNotRegular = errors.New("not a regular file or directory")
)

// perr builds a *ParseError.
func perr(file string, line int, err error) *ParseError {
	return &ParseError{File: file, Line: line, Err: err}
}

// TooLarge returns the warning for a record (line >= 1) or file (line 0)
// of size bytes, skipped for being over limit: a *ParseError wrapping
// [ErrTooLarge], as [Walk] reports it.
func TooLarge(file string, line int, size int64, limit int) error {
	return perr(file, line, fmt.Errorf("%w: %d bytes, over the limit of %d bytes; skipped", ErrTooLarge, size, limit))
}
