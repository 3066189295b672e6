package shingle

import (
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// Normalize applies NFKC, full case folding and typographic quote/dash
// folding to s:
//
//   - ‘ ’ ‚ ‛ ′ become ' and “ ” „ ‟ « » ″ become ";
//   - the dashes ‐ ‑ ‒ – — ― and the minus sign − become -;
//   - the soft hyphen (U+00AD) is removed;
//   - dotted capital İ folds to plain i, so "İstanbul" matches "Istanbul";
//   - Cherokee folds to lower case (x/text's Fold alone is not idempotent
//     there);
//   - invalid UTF-8 bytes become U+FFFD.
//
// ASCII input only needs lower-casing and is returned without allocation
// when it has no upper-case letter. Normalize is idempotent.
func Normalize(s string) string {
	if isASCII(s) {
		return asciiLower(s)
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(foldPunct, s)
	s = norm.NFKC.String(s)
	s = strings.Map(foldPunct, s) // NFKC can produce some (″ -> ′′)
	c := foldPool.Get().(*cases.Caser)
	s = c.String(s)
	foldPool.Put(c)
	return norm.NFKC.String(s)
}

// foldPool holds case folders: a cases.Caser is stateful and must not be
// shared between goroutines.
var foldPool = sync.Pool{New: func() any {
	c := cases.Fold()
	return &c
}}

// foldPunct maps typographic quotes and dashes to ASCII, İ to i, and drops
// the soft hyphen (strings.Map drops runes mapped to -1).
func foldPunct(r rune) rune {
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032':
		return '\''
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2033':
		return '"'
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return '-'
	case '\u0130':
		return 'i'
	case '\u00AD':
		return -1
	}
	// Cherokee: x/text's Fold maps lower case to upper and upper to lower,
	// which is not idempotent; fold everything to upper first so that
	// Fold's result (lower case) is stable.
	switch {
	case 0xAB70 <= r && r <= 0xABBF:
		return r - 0xAB70 + 0x13A0
	case 0x13F8 <= r && r <= 0x13FD:
		return r - 8
	}
	return r
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiLower lower-cases ASCII s, returning s itself when nothing changes.
func asciiLower(s string) string {
	i := 0
	for i < len(s) && (s[i] < 'A' || s[i] > 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
