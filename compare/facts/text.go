package facts

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/sentences"

	"github.com/storydiff/storydiff/shingle"
)

// token is a word or punctuation mark with its byte span in the article text.
type token struct {
	start, end int
	text       string
}

func (t token) isWord() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (t token) isCap() bool {
	r, _ := utf8.DecodeRuneInString(t.text)
	return unicode.IsUpper(r)
}

func (t token) lower() string { return strings.ToLower(t.text) }

// abbreviations never end a sentence when followed by a period.
var abbreviations = set(
	"mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt", "maj", "cpl",
	"st", "jr", "sr", "rev", "hon", "pres", "gov", "adm", "cmdr", "insp", "supt", "det", "no", "vs", "etc",
	"inc", "corp", "ltd", "co", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
	"nov", "dec", "mt", "ft", "ave", "blvd", "approx", "dept", "est", "fig", "al", "e.g", "i.e",
)

// titleAbbrev are abbreviations that precede a name: never a sentence end.
var titleAbbrev = set("mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt",
	"sgt", "maj", "st", "rev", "hon", "pres", "adm", "cmdr", "insp", "supt", "det")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// tokenize splits s[from:to] into tokens with offsets relative to s. The
// word boundaries are package shingle's (one tokenizer for the whole
// tool: apostrophes inside words and separators inside numbers hold, as in
// "don't", "2,069", "Dh472.72bn"); on top of them the extraction keeps
// what a reader of news needs: punctuation as tokens, words joined by a
// hyphen ("74-year-old", "10-20", "AK-47"; not "magnitude-6.0"), initialisms
// and abbreviations with their periods ("U.S.", "Gen."), and a possessive
// 's as a token of its own.
func tokenize(s string, from, to int) []token {
	spans := shingle.Tokenize(s[from:to])
	var toks []token
	pos := from
	gap := func(a, b int) { // punctuation between words, one token a rune
		for i := a; i < b; {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) && !(r == utf8.RuneError && n <= 1) {
				toks = append(toks, token{i, i + n, s[i : i+n]})
			}
			i += max(n, 1)
		}
	}
	for k := 0; k < len(spans); {
		st, en := from+spans[k].Start, from+spans[k].End
		if st < pos {
			k++ // a piece of a span normalisation split ("½")
			continue
		}
		gap(pos, st)
		for k++; k < len(spans); k++ {
			ns, ne := from+spans[k].Start, from+spans[k].End
			if ns < en {
				continue // same span
			}
			c, m := utf8.DecodeRuneInString(s[en:])
			if en+m != ns {
				break // not one joining rune
			}
			d, _ := utf8.DecodeRuneInString(s[ns:])
			prev, _ := utf8.DecodeLastRuneInString(s[st:en])
			ok := false
			switch c {
			case '-':
				// 74-year-old, 10-20 and AK-47 hold together;
				// magnitude-6.0 splits.
				ok = unicode.IsLetter(d) || unicode.IsDigit(d) && (unicode.IsDigit(prev) || isUpperWord(s[st:en]))
			case '.':
				// U.S., U.N.: one letter after another.
				ok = unicode.IsLetter(prev) && unicode.IsLetter(d) && utf8.RuneCountInString(s[ns:ne]) == 1 &&
					(ne == to || s[ne] == '.') && (utf8.RuneCountInString(s[st:en]) == 1 || strings.Contains(s[st:en], "."))
			}
			if !ok {
				break
			}
			en = ne
		}
		// Trailing period of an abbreviation or initial.
		if en < to && s[en] == '.' {
			w := strings.ToLower(s[st:en])
			r, _ := utf8.DecodeRuneInString(s[st:])
			// (Not a decimal: "measured 5.4." ends its sentence.)
			if abbreviations[w] || strings.Contains(w, ".") && unicode.IsLetter(r) || utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r) {
				en++
			}
		}
		word := s[st:en]
		if p := possessive(word); p > 0 {
			toks = append(toks, token{st, st + p, s[st : st+p]}, token{st + p, en, s[st+p : en]})
		} else {
			toks = append(toks, token{st, en, word})
		}
		pos = en
	}
	gap(pos, to)
	return toks
}

// isUpperWord reports a short all-capital word: a code before digits (AK-47, F-16).
func isUpperWord(s string) bool {
	if len(s) > 4 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return s != ""
}

// possessive returns the offset of a final 's / ’s, or 0.
func possessive(w string) int {
	for _, suf := range []string{"'s", "’s", "'S", "’S"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf) {
			return len(w) - len(suf)
		}
	}
	return 0
}

// span is a byte range of the article text.
type span struct{ start, end int }

// paragraphs splits text at blank lines, and at single newlines unless the
// line ends mid-sentence and the next starts in lower case (hard wrapping).
func paragraphs(text string) []span {
	var out []span
	start := 0
	flush := func(end int) {
		s, e := trimSpan(text, start, end)
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(text); i++ {
		if text[i] != '\n' {
			continue
		}
		prev := strings.TrimRight(text[start:i], " \t\r")
		next := strings.TrimLeft(text[i+1:], " \t\r")
		wrapped := false
		if prev != "" && next != "" && next[0] != '\n' {
			pr, _ := utf8.DecodeLastRuneInString(prev)
			nr, _ := utf8.DecodeRuneInString(next)
			wrapped = (unicode.IsLower(pr) || pr == ',') && unicode.IsLower(nr)
		}
		if !wrapped {
			flush(i)
			start = i + 1
		}
	}
	flush(len(text))
	return out
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		r, n := utf8.DecodeRuneInString(s[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += n
	}
	for b > a {
		r, n := utf8.DecodeLastRuneInString(s[a:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= n
	}
	return a, b
}

// quoteMark classifies a rune as a double quotation mark.
func isQuoteMark(r rune) bool {
	return r == '"' || r == '“' || r == '”' || r == '„' || r == '«' || r == '»'
}

// quoteSpans finds the quotations of a paragraph: spans from an opening to a
// closing mark (inclusive), straight or typographic, mixed or not.
func quoteSpans(text string, p span) []span {
	var out []span
	open := -1
	for i := p.start; i < p.end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isQuoteMark(r) {
			i += n
			continue
		}
		prevSpace := i == p.start
		if !prevSpace {
			pr, _ := utf8.DecodeLastRuneInString(text[p.start:i])
			prevSpace = unicode.IsSpace(pr) || strings.ContainsRune("([{—–-:/", pr)
		}
		nextSpace := i+n >= p.end
		if !nextSpace {
			nr, _ := utf8.DecodeRuneInString(text[i+n:])
			nextSpace = unicode.IsSpace(nr) || strings.ContainsRune(".,;:!?)]}—–", nr)
		}
		var opening bool
		switch {
		case prevSpace && !nextSpace:
			opening = true
		case !prevSpace && nextSpace:
			opening = false
		case r == '“' || r == '«' || r == '„':
			opening = true
		case r == '”' || r == '»':
			opening = false
		default:
			opening = open < 0
		}
		if opening && open < 0 {
			open = i
		} else if !opening && open >= 0 {
			out = append(out, span{open, i + n})
			open = -1
		}
		i += n
	}
	return out
}

// sentence is one sentence of an article.
type sentence struct {
	start, end int
	para       int
	quotes     []span // quotations starting in this sentence
}

// splitSentences splits the article into sentences. A boundary is a . ! or
// ? (with closing quotes or brackets) followed by space and an upper-case
// letter, digit or opening quote, except after an abbreviation or initial,
// and never inside a quotation that closes in the same paragraph. A short
// attribution that follows a quotation ("…retreat!” Prigozhin said.) is
// re-attached to it.
func splitSentences(text string) []sentence {
	var out []sentence
	for pi, p := range paragraphs(text) {
		first := len(out)
		quotes := quoteSpans(text, p)
		qi := 0 // offsets are visited in increasing order
		inQuote := func(i int) bool {
			for qi < len(quotes) && quotes[qi].end-1 <= i {
				qi++
			}
			return qi < len(quotes) && i > quotes[qi].start
		}
		// Boundaries come from the Unicode segmenter (UAX #29); news copy
		// then vetoes those after an abbreviation or an initial ("Gen.
		// Smith", "U.S. Army"), inside a quotation that closes in the
		// paragraph, or before a word that does not start a sentence.
		var cuts []int
		seg := sentences.FromString(text[p.start:p.end])
		for seg.Next() {
			c := p.start + seg.End()
			if c >= p.end {
				break
			}
			if keepCut(text, p, c, inQuote) {
				cuts = append(cuts, c)
			}
		}
		start := p.start
		for _, c := range append(cuts, p.end) {
			s, e := trimSpan(text, start, c)
			if e > s {
				out = append(out, sentence{start: s, end: e, para: pi})
			}
			start = c
		}
		// Re-attach attributions cut from their quotation (this paragraph's
		// sentences only: the work stays linear in the text).
		para := out[first:]
		kept := para[:0]
		for _, s := range para {
			if n := len(kept); n > 0 && endsWithQuote(text[kept[n-1].start:kept[n-1].end]) && isAttribution(text[s.start:s.end]) {
				kept[n-1].end = s.end
				continue
			}
			kept = append(kept, s)
		}
		out = out[:first+len(kept)]
		qi = 0
		for si := first; si < len(out); si++ {
			for qi < len(quotes) && quotes[qi].start < out[si].start {
				qi++
			}
			for qj := qi; qj < len(quotes) && quotes[qj].start < out[si].end; qj++ {
				out[si].quotes = append(out[si].quotes, quotes[qj])
			}
		}
	}
	return out
}

// keepCut reports whether a segmenter boundary at c (the start of the next
// segment) ends a sentence of news copy: the segment ends in . ! ? or …
// (with closing quotes or brackets), the next starts with a capital, a
// digit, an opening quote or bracket, the period is not an abbreviation's
// or an initial's, and no quotation spans the boundary.
func keepCut(text string, p span, c int, inQuote func(int) bool) bool {
	e := c
	for e > p.start {
		r, n := utf8.DecodeLastRuneInString(text[p.start:e])
		if !unicode.IsSpace(r) {
			break
		}
		e -= n
	}
	// The terminal punctuation, behind closing quotes and brackets.
	i := e
	for i > p.start {
		r, n := utf8.DecodeLastRuneInString(text[p.start:i])
		if isQuoteMark(r) || r == ')' || r == ']' || r == '’' || r == '\'' {
			i -= n
			continue
		}
		break
	}
	r, n := utf8.DecodeLastRuneInString(text[p.start:i])
	if r != '.' && r != '!' && r != '?' && r != '…' || inQuote(i-n) {
		return false
	}
	nr, _ := utf8.DecodeRuneInString(text[c:])
	if !(unicode.IsUpper(nr) || unicode.IsDigit(nr) || isQuoteMark(nr) || nr == '(' || nr == '‘' || nr == '\'') {
		return false
	}
	if r == '.' && zoneAfter(text[c:]) {
		return false // "4:30 p. m. ET": a time zone ends no sentence
	}
	return r != '.' || !abbreviationBefore(text, p.start, i-n)
}

// zoneAfter reports a time zone's abbreviation at the start of s, in
// capitals ("ET", "GMT"), as a word of its own.
func zoneAfter(s string) bool {
	k := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsUpper(r) })
	if k < 0 {
		k = len(s)
	}
	_, ok := zoneOffsets[strings.ToLower(s[:k])]
	return ok && k >= 2
}

// abbreviationBefore reports whether the word ending at the period at i is
// an abbreviation or an initial.
func abbreviationBefore(text string, from, i int) bool {
	j := i
	for j > from {
		r, n := utf8.DecodeLastRuneInString(text[from:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= n
	}
	w := strings.ToLower(text[j:i])
	if w == "" {
		return false
	}
	if titleAbbrev[w] {
		return true
	}
	if strings.Contains(w, ".") { // U.S, U.N: initialisms rarely end a sentence in news copy
		return true
	}
	if utf8.RuneCountInString(w) == 1 {
		r, _ := utf8.DecodeRuneInString(text[j:i])
		return unicode.IsUpper(r)
	}
	// "no" and "est" are also ordinary words that end sentences.
	return abbreviations[w] && w != "no" && w != "est"
}

func endsWithQuote(s string) bool {
	s = strings.TrimRight(s, " ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return isQuoteMark(r)
}

// isAttribution reports whether s is a short attribution clause such as
// "Prigozhin said." or "said Dmitry Peskov, the Kremlin spokesman.".
func isAttribution(s string) bool {
	toks := tokenize(s, 0, len(s))
	words := 0
	for i, t := range toks {
		if !t.isWord() {
			continue
		}
		words++
		if words > 6 {
			return false
		}
		if speechVerbs[t.lower()] && i < len(toks) {
			return len(toks) <= 14
		}
	}
	return false
}

// speechVerbs introduce or close a quotation.
var speechVerbs = set("said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "asked",
	"declared", "explained", "noted", "insisted", "warned", "announced", "wrote", "writes", "tweeted",
	"claimed", "claims", "argued", "acknowledged", "admitted", "confirmed", "replied", "responded",
	"continued", "commented", "remarked", "observed", "urged", "recalled", "stressed", "emphasized",
	"emphasised", "posted", "concluded", "described", "added:", "saying")

// precededBy reports whether the tokens just before toks[k] are words, in
// order, lower-cased ("more", "than" before "300").
func precededBy(toks []token, k int, words []string) bool {
	n := len(words)
	if k-n < 0 {
		return false
	}
	for x, w := range words {
		if toks[k-n+x].lower() != w {
			return false
		}
	}
	return true
}
