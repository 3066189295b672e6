package shingle

import (
	"unicode"
	"unicode/utf8"
)

// class is the role of a rune in tokenising.
type class uint8

const (
	cSep    class = iota
	cWord         // letter, mark or non-decimal number
	cDigit        // decimal digit
	cApos         // joins two word runes
	cNumSep       // joins two digits
)

var asciiClass = func() (t [utf8.RuneSelf]class) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = cWord
		t[c-'a'+'A'] = cWord
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = cDigit
	}
	t['\''] = cApos
	t[','] = cNumSep
	t['.'] = cNumSep
	return t
}()

// classOf classifies r as its normalised form would be classified, so that
// spans found in the original text and in normalised text agree.
func classOf(r rune) class {
	if r < utf8.RuneSelf {
		return asciiClass[r]
	}
	switch r {
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\uFF07', '\u00AD':
		return cApos
	case '\uFF0C', '\uFF0E':
		return cNumSep
	}
	if unicode.IsDigit(r) {
		return cDigit
	}
	if unicode.In(r, unicode.L, unicode.M, unicode.N) {
		return cWord
	}
	return cSep
}

func decodeRune(s string) (rune, int) {
	if s[0] < utf8.RuneSelf {
		return rune(s[0]), 1
	}
	return utf8.DecodeRuneInString(s)
}

// Byte flags for the ASCII fast path of nextSpan.
const (
	fLetter uint8 = 1 << iota
	fDigit
	fUpper
	fSlow // joiner or non-ASCII byte: take the rune path
)

var byteFlags = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = fSlow
		case asciiClass[c] == cWord:
			t[c] = fLetter
			if c <= 'Z' {
				t[c] |= fUpper
			}
		case asciiClass[c] == cDigit:
			t[c] = fDigit
		case asciiClass[c] != cSep:
			t[c] = fSlow
		}
	}
	return t
}()

// nextSpan returns the span [start, end) of the next token at or after i,
// whether it is pure ASCII and whether it holds an ASCII upper-case letter.
// start == end == len(s) when there is none.
func nextSpan(s string, i int) (start, end int, ascii, upper bool) {
	for i < len(s) {
		f := byteFlags[s[i]]
		if f&(fLetter|fDigit) != 0 {
			break
		}
		if f&fSlow == 0 || s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if k := classOf(r); k == cWord || k == cDigit {
			break
		}
		i += n
	}
	if i >= len(s) {
		return len(s), len(s), true, false
	}
	start, ascii = i, true
	var acc, last uint8 // flags seen, flags of the last byte/rune
	for {
		// ASCII fast path.
		for i < len(s) {
			f := byteFlags[s[i]]
			if f&(fLetter|fDigit) == 0 {
				break
			}
			acc |= f
			last = f
			i++
		}
		if i >= len(s) || byteFlags[s[i]]&fSlow == 0 {
			break
		}
		r, n := decodeRune(s[i:])
		k := classOf(r)
		if k == cWord || k == cDigit {
			ascii = false
			last = 0
			if k == cDigit {
				last = fDigit
			}
			i += n
			continue
		}
		if (k != cApos && k != cNumSep) || i+n >= len(s) {
			break
		}
		r2, n2 := decodeRune(s[i+n:])
		k2 := classOf(r2)
		if !(k == cApos && (k2 == cWord || k2 == cDigit)) && !(k == cNumSep && last&fDigit != 0 && k2 == cDigit) {
			break
		}
		ascii = ascii && n == 1 && n2 == 1
		if n2 == 1 {
			last = byteFlags[s[i+n]]
			acc |= last
		} else {
			last = 0
			if k2 == cDigit {
				last = fDigit
			}
		}
		i += n + n2
	}
	return start, i, ascii, acc&fUpper != 0
}

// tokenizer iterates over the tokens of a string, reusing its buffers.
type tokenizer struct {
	s     string
	pos   int
	buf   []byte   // lower-cased ASCII token
	piece []string // normalised tokens of a non-ASCII span still to emit
	pi    int
	ps    int // span of the pending pieces
	pe    int
}

func (t *tokenizer) reset(s string) {
	t.s, t.pos, t.piece, t.pi = s, 0, t.piece[:0], 0
}

// next returns the next token. Its text is str, or b when b != nil (b is
// valid until the next call).
func (t *tokenizer) next() (str string, b []byte, start, end int, ok bool) {
	if t.pi < len(t.piece) {
		t.pi++
		return t.piece[t.pi-1], nil, t.ps, t.pe, true
	}
	for {
		start, end, ascii, upper := nextSpan(t.s, t.pos)
		if start == end {
			t.pos = len(t.s)
			return "", nil, 0, 0, false
		}
		t.pos = end
		span := t.s[start:end]
		switch {
		case ascii && !upper:
			return span, nil, start, end, true
		case ascii:
			t.buf = append(t.buf[:0], span...)
			for i, c := range t.buf {
				if 'A' <= c && c <= 'Z' {
					t.buf[i] = c + 'a' - 'A'
				}
			}
			return "", t.buf, start, end, true
		}
		// Normalisation can change the token structure (“½” becomes
		// "1⁄2"; "™" becomes "tm"): segment the normalised span again.
		n := Normalize(span)
		t.piece, t.pi, t.ps, t.pe = t.piece[:0], 0, start, end
		for i := 0; ; {
			s, e, _, _ := nextSpan(n, i)
			if s == e {
				break
			}
			t.piece = append(t.piece, n[s:e])
			i = e
		}
		if len(t.piece) > 0 {
			t.pi = 1
			return t.piece[0], nil, start, end, true
		}
	}
}

// Tokenize splits s into normalised word tokens with byte offsets into s.
//
// A token is a maximal run of letters, digits, marks and
// other numerics, in which
//
//   - an apostrophe (' or a typographic one such as ’) between two word
//     runes is kept: "don’t" is one token, "don't";
//   - a comma or full stop between two digits is kept: "2,069" and "3.5" are
//     single tokens, while "U.S." gives "u" and "s";
//   - hyphens and dashes separate: "well-known" gives "well" and "known", so
//     that it matches "well known";
//   - everything else (spaces, punctuation, symbols, invalid UTF-8)
//     separates.
//
// Token text is [Normalize]d. Offsets are byte offsets of the token in the
// original string, so s[t.Start:t.End] is the original spelling. In the rare
// case where normalisation splits one original span into several tokens
// (e.g. "½" gives "1⁄2", i.e. "1" and "2"), those tokens share the span.
//
// Starts are non-decreasing and every span lies within s. Tokenize never
// panics. Scripts written without spaces (Chinese, Japanese, Thai) are not
// segmented into words: a run of their letters is one token; use character
// shingles for them.
func Tokenize(s string) []Token {
	var t tokenizer
	t.reset(s)
	toks := make([]Token, 0, len(s)/5+8)
	for {
		str, b, start, end, ok := t.next()
		if !ok {
			return toks
		}
		if b != nil {
			str = string(b)
		}
		toks = append(toks, Token{Text: str, Start: start, End: end})
	}
}

// Words returns the normalised words of s (Tokenize without offsets).
func Words(s string) []string {
	var t tokenizer
	t.reset(s)
	words := make([]string, 0, len(s)/5+8)
	for {
		str, b, _, _, ok := t.next()
		if !ok {
			return words
		}
		if b != nil {
			str = string(b)
		}
		words = append(words, str)
	}
}
