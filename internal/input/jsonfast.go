package input

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// A fast decoder for the common shape of JSONL news records: one flat JSON
// object whose fields of interest are strings (or a number for "id"). It
// accepts exactly what encoding/json accepts for [jsonRecord] and decodes it
// to the same values (field names matched case-insensitively, last duplicate
// wins, invalid surrogate escapes become U+FFFD); whenever the input is not
// valid JSON, has the wrong types or anything unusual (non-ASCII keys, very
// deep nesting), it reports false and the caller falls back to
// encoding/json, which also produces the error message. FuzzFastDecode
// checks the two agree. Input must be valid UTF-8.

// maxSkipDepth bounds the nesting of ignored values the fast path walks.
const maxSkipDepth = 1000

type fastDecoder struct {
	s []byte
	i int
}

// fastDecode decodes line into rec; false means "use encoding/json".
func fastDecode(line []byte, rec *jsonRecord) bool {
	d := fastDecoder{s: line}
	d.ws()
	if !d.eat('{') {
		return false
	}
	d.ws()
	if d.eat('}') {
		return d.end()
	}
	for {
		d.ws()
		key, ok := d.rawString()
		if !ok {
			return false
		}
		d.ws()
		if !d.eat(':') {
			return false
		}
		d.ws()
		if !d.field(key, rec) {
			return false
		}
		d.ws()
		if d.eat(',') {
			continue
		}
		if d.eat('}') {
			return d.end()
		}
		return false
	}
}

// end reports whether only white space is left.
func (d *fastDecoder) end() bool {
	d.ws()
	return d.i == len(d.s)
}

func (d *fastDecoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

func (d *fastDecoder) eat(c byte) bool {
	if d.i < len(d.s) && d.s[d.i] == c {
		d.i++
		return true
	}
	return false
}

// field decodes the value of key into rec, or skips it for unknown keys.
func (d *fastDecoder) field(key []byte, rec *jsonRecord) bool {
	var dst **string
	switch {
	case foldEq(key, "text"):
		dst = &rec.Text
	case foldEq(key, "title"):
		dst = &rec.Title
	case foldEq(key, "source"):
		dst = &rec.Source
	case foldEq(key, "url"):
		dst = &rec.URL
	case foldEq(key, "date"):
		dst = &rec.Date
	case foldEq(key, "byline"):
		dst = &rec.Byline
	case foldEq(key, "author"):
		dst = &rec.Author
	case foldEq(key, "id"):
		return d.id(&rec.ID)
	default:
		for _, c := range key {
			if c >= utf8.RuneSelf || c == '\\' {
				return false // encoding/json folds some non-ASCII letters (K, ſ) onto ASCII names
			}
		}
		return d.skip(0)
	}
	if d.i >= len(d.s) {
		return false
	}
	switch d.s[d.i] {
	case '"':
		s, ok := d.str()
		if !ok {
			return false
		}
		*dst = &s
		return true
	case 'n':
		if !d.lit("null") {
			return false
		}
		*dst = nil
		return true
	}
	return false // wrong type: encoding/json reports it
}

func (d *fastDecoder) id(dst *jsonID) bool {
	if d.i >= len(d.s) {
		return false
	}
	switch c := d.s[d.i]; {
	case c == '"':
		s, ok := d.str()
		if ok {
			*dst = jsonID(s)
		}
		return ok
	case c == 'n':
		return d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		start := d.i
		if !d.number() {
			return false
		}
		*dst = jsonID(d.s[start:d.i])
		return true
	}
	return false
}

// foldEq reports whether key equals the lower-case ASCII name ignoring ASCII case.
func foldEq(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != name[i] {
			return false
		}
	}
	return true
}

func (d *fastDecoder) lit(w string) bool {
	if strings.HasPrefix(string(d.s[d.i:min(len(d.s), d.i+len(w))]), w) {
		d.i += len(w)
		return true
	}
	return false
}

// rawString returns the bytes of a string without escapes (keys); strings
// with escapes or control characters report false.
func (d *fastDecoder) rawString() ([]byte, bool) {
	if !d.eat('"') {
		return nil, false
	}
	start := d.i
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return d.s[start : d.i-1], true
		case c == '\\' || c < 0x20:
			return nil, false
		}
		d.i++
	}
	return nil, false
}

// str decodes a JSON string.
func (d *fastDecoder) str() (string, bool) {
	if !d.eat('"') {
		return "", false
	}
	start := d.i
	// Fast scan: no escapes.
	for d.i < len(d.s) {
		c := d.s[d.i]
		if c == '"' {
			d.i++
			return string(d.s[start : d.i-1]), true
		}
		if c == '\\' {
			break
		}
		if c < 0x20 {
			return "", false
		}
		d.i++
	}
	// Unescaping only shrinks, so the rest of the line bounds the result.
	var b strings.Builder
	b.Grow(len(d.s) - start)
	b.Write(d.s[start:d.i])
	for d.i < len(d.s) {
		chunk := d.i
		for d.i < len(d.s) {
			c := d.s[d.i]
			if c == '"' || c == '\\' || c < 0x20 {
				break
			}
			d.i++
		}
		b.Write(d.s[chunk:d.i])
		if d.i >= len(d.s) {
			break
		}
		c := d.s[d.i]
		if c == '"' {
			d.i++
			return b.String(), true
		}
		if c < 0x20 || d.i+1 >= len(d.s) {
			return "", false
		}
		e := d.s[d.i+1]
		d.i += 2
		switch e {
		case '"', '\\', '/':
			b.WriteByte(e)
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'u':
			r, ok := hex4(d.s[d.i:])
			if !ok {
				return "", false
			}
			d.i += 4
			if utf16.IsSurrogate(r) {
				if d.i+1 < len(d.s) && d.s[d.i] == '\\' && d.s[d.i+1] == 'u' {
					if r2, ok := hex4(d.s[d.i+2:]); ok {
						if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
							d.i += 6
							b.WriteRune(dec)
							continue
						}
					}
				}
				r = utf8.RuneError
			}
			b.WriteRune(r)
		default:
			return "", false
		}
	}
	return "", false
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}

// number consumes a JSON number.
func (d *fastDecoder) number() bool {
	d.eat('-')
	if d.eat('0') {
		// no further integer digits
	} else if !d.digits() {
		return false
	}
	if d.eat('.') && !d.digits() {
		return false
	}
	if d.eat('e') || d.eat('E') {
		if !d.eat('+') {
			d.eat('-')
		}
		if !d.digits() {
			return false
		}
	}
	return true
}

func (d *fastDecoder) digits() bool {
	start := d.i
	for d.i < len(d.s) && d.s[d.i] >= '0' && d.s[d.i] <= '9' {
		d.i++
	}
	return d.i > start
}

// skip consumes any JSON value.
func (d *fastDecoder) skip(depth int) bool {
	if d.i >= len(d.s) || depth > maxSkipDepth {
		return false
	}
	switch c := d.s[d.i]; {
	case c == '"':
		return d.skipStr()
	case c == 't':
		return d.lit("true")
	case c == 'f':
		return d.lit("false")
	case c == 'n':
		return d.lit("null")
	case c == '-' || (c >= '0' && c <= '9'):
		return d.number()
	case c == '[':
		d.i++
		d.ws()
		if d.eat(']') {
			return true
		}
		for {
			d.ws()
			if !d.skip(depth + 1) {
				return false
			}
			d.ws()
			if d.eat(',') {
				continue
			}
			return d.eat(']')
		}
	case c == '{':
		d.i++
		d.ws()
		if d.eat('}') {
			return true
		}
		for {
			d.ws()
			if !d.skipStr() {
				return false
			}
			d.ws()
			if !d.eat(':') {
				return false
			}
			d.ws()
			if !d.skip(depth + 1) {
				return false
			}
			d.ws()
			if d.eat(',') {
				continue
			}
			return d.eat('}')
		}
	}
	return false
}

// skipStr consumes a JSON string, checking its escapes, without decoding it.
func (d *fastDecoder) skipStr() bool {
	if !d.eat('"') {
		return false
	}
	for d.i < len(d.s) {
		c := d.s[d.i]
		switch {
		case c == '"':
			d.i++
			return true
		case c < 0x20:
			return false
		case c == '\\':
			if d.i+1 >= len(d.s) {
				return false
			}
			switch d.s[d.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				d.i += 2
			case 'u':
				if _, ok := hex4(d.s[d.i+2:]); !ok {
					return false
				}
				d.i += 6
			default:
				return false
			}
		default:
			d.i++
		}
	}
	return false
}
