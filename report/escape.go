package report

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// emptyCell stands in a table for a missing value.
const emptyCell = "—"

// Title widths in characters (grapheme clusters) before truncation.
const (
	markdownTitleWidth = 90
	textTitleWidth     = 60
)

// sanitize turns untrusted text into one clean line: invalid UTF-8 becomes
// U+FFFD, every run of white space (newlines, tabs, no-break and Unicode
// spaces, line and paragraph separators) becomes one space, control
// characters and bidirectional overrides are dropped, and the result is
// trimmed. It is the common first step of every cell and heading.
func sanitize(s string) string {
	if cleanASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			space = true
			continue
		case unicode.IsControl(r), invisibleFormat(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r) // utf8.RuneError for invalid bytes: written as U+FFFD
	}
	return b.String()
}

// cleanASCII reports whether s is printable ASCII already in sanitized
// form: no control characters, single spaces, nothing to trim.
func cleanASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c > '~' {
			return false
		}
		if c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			return false
		}
	}
	return true
}

// invisibleFormat reports whether r is a format character that can reorder
// or hide the text around it (bidi embeddings, overrides and isolates, the
// byte-order mark, interlinear annotations). Joiners and the left-to-right
// and right-to-left marks are kept: emoji and right-to-left scripts need them.
func invisibleFormat(r rune) bool {
	switch {
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0xFEFF, r >= 0xFFF9 && r <= 0xFFFB:
		return true
	}
	return false
}

// EscapeMarkdown returns s as inline GitHub-flavoured Markdown that renders
// as the literal text of s, on one line. It is safe in a table cell, a
// heading or a list item, at the start of a line or inside one: the text is
// first reduced to one line (see the sanitising rules below), then
//
//   - the characters that start or end markup (\ ` * _ [ ] | ~ # $) are
//     backslash-escaped, so no emphasis, code span, link, strikethrough,
//     math, heading close or table column can start;
//   - < > & become character references, so no HTML tag, comment or entity
//     passes through;
//   - the '@' of an e-mail address, the ':' of "://" and the '.' of "www."
//     are escaped, so GFM does not turn them into links;
//   - a leading - + = or a leading number followed by . or ) is escaped, so
//     the text cannot open a list or a setext underline.
//
// Sanitising maps invalid UTF-8 to U+FFFD, turns each run of white space
// (including newlines and tabs) into one space, trims the ends, and drops
// control characters and bidirectional overrides. EscapeMarkdown("") is "".
func EscapeMarkdown(s string) string {
	return escapeSanitized(sanitize(s), true)
}

// escapeSanitized escapes text that sanitize has already cleaned. Unless
// lineStart is set, a leading list or setext marker is left alone: the text
// then never starts a line (it follows "| " or "## ").
func escapeSanitized(s string, lineStart bool) string {
	lead := -1
	if lineStart {
		lead = leadingMarker(s)
	}
	if lead < 0 && !strings.ContainsAny(s, "\\`*_[]|~#$@<>&:.") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if i == lead {
			b.WriteByte('\\')
			b.WriteRune(r)
			i += size
			continue
		}
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '~', '#', '$', '@':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case ':':
			if strings.HasPrefix(s[i+1:], "//") {
				b.WriteByte('\\')
			}
			b.WriteByte(':')
		case '.':
			if i >= 3 && strings.EqualFold(s[i-3:i], "www") {
				b.WriteByte('\\')
			}
			b.WriteByte('.')
		default:
			b.WriteRune(r)
		}
		i += size
	}
	return b.String()
}

// leadingMarker returns the byte offset of the character that would make s
// open a block (a list item or a setext underline) when it starts a line,
// or -1. Characters escaped everywhere (# > * _ ` ~) are not reported.
func leadingMarker(s string) int {
	if s == "" {
		return -1
	}
	switch s[0] {
	case '-', '+', '=':
		return 0
	}
	// An ordered list marker: up to nine digits, then '.' or ')'.
	n := 0
	for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n < 10 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		return n
	}
	return -1
}

// escapeInline escapes text that follows other text on its line, such as
// a heading's text after "## ": [EscapeMarkdown] without the escaping of a
// leading list marker, which only matters at the start of a line.
func escapeInline(s string) string { return escapeSanitized(sanitize(s), false) }

// escapeCell escapes text for a Markdown table cell, showing an empty or
// blank value as "—".
func escapeCell(s string) string {
	if e := escapeInline(s); e != "" {
		return e
	}
	return emptyCell
}

// plainCell cleans text for a terminal table cell: one line, no control
// characters (so no ANSI escape sequences), "—" when empty.
func plainCell(s string) string {
	if p := sanitize(s); p != "" {
		return p
	}
	return emptyCell
}

// truncate shortens s to at most max characters (grapheme clusters, so an
// emoji or an accented letter is never split), ending it with "…" when it
// was cut. The cut falls between words when a space lies in the last
// quarter of what is kept, so that no word is left half; a comma, colon
// or semicolon left at the end goes too. White space is normalised first,
// as in the cells.
func truncate(s string, max int) string {
	s = sanitize(s)
	if max < 1 || len(s) <= max { // at most len(s) characters
		return s
	}
	it := graphemes.FromString(s)
	n, cut := 0, -1
	for it.Next() {
		if n == max-1 {
			cut = it.Start()
		}
		n++
		if n > max {
			return cutAtWord(s, cut, max) + "…"
		}
	}
	return s
}

// cutAtWord returns s[:cut], cut back to the end of the last whole word
// when s[cut] is inside a word and a space lies within the last quarter
// of max characters (bytes, which are never fewer) before cut, without
// the spaces and the clause punctuation it then ends with.
func cutAtWord(s string, cut, max int) string {
	kept := s[:cut]
	if cut < len(s) && s[cut] != ' ' && !strings.HasSuffix(kept, " ") {
		if sp := strings.LastIndexByte(kept, ' '); sp > 0 && cut-sp <= max/4 {
			kept = kept[:sp]
		}
	}
	return strings.TrimRight(kept, " ,;:")
}
