package facts

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/storydiff/storydiff/result"
)

// Figures. A figure is a number as written ("at least 43", "a 6.1-magnitude
// quake", "$A195,900", "two dozen", "six to 75 years"), read into a value
// with its rounding step, a qualifier, a dimension and unit, the noun it
// counts, the measure it states (killed, injured, magnitude...) and the
// name it belongs to (an age, a record). How two figures of different
// sources align and when they conflict is in figureKind below.

// Qualifiers: how a figure bounds the quantity.
const (
	qExact   = iota // 43
	qAbout          // about 1,000; around; roughly; some; an estimated
	qAtLeast        // at least 43; more than; over; upwards of
	qAtMost         // up to 80; as many as; fewer than; under
	qNearly         // nearly 300; almost; just under
	qRange          // between 60 and 100; six to 75
	qVague          // dozens; hundreds; several; a few
)

// strictQualifiers exclude the number itself: "more than 300" and
// "nearly 300" cannot both hold.
var strictQualifiers = set("more than", "over", "above", "upwards of", "in excess of", "just over", "well over",
	"exceeding", "better than", "greater than", "higher than", "fewer than", "less than", "under", "below", "nearly", "almost", "just under")

var qualifiers = []struct {
	words []string
	q     int
}{
	{[]string{"more", "than"}, qAtLeast}, {[]string{"at", "least"}, qAtLeast}, {[]string{"over"}, qAtLeast},
	{[]string{"upwards", "of"}, qAtLeast}, {[]string{"in", "excess", "of"}, qAtLeast}, {[]string{"above"}, qAtLeast},
	{[]string{"just", "over"}, qAtLeast}, {[]string{"well", "over"}, qAtLeast}, {[]string{"exceeding"}, qAtLeast},
	{[]string{"better", "than"}, qAtLeast}, {[]string{"greater", "than"}, qAtLeast}, {[]string{"higher", "than"}, qAtLeast},
	{[]string{"fewer", "than"}, qAtMost}, {[]string{"less", "than"}, qAtMost}, {[]string{"up", "to"}, qAtMost},
	{[]string{"as", "many", "as"}, qAtMost}, {[]string{"as", "much", "as"}, qAtMost}, {[]string{"under"}, qAtMost},
	{[]string{"no", "more", "than"}, qAtMost}, {[]string{"below"}, qAtMost}, {[]string{"as", "high", "as"}, qAtMost},
	{[]string{"nearly"}, qNearly}, {[]string{"almost"}, qNearly}, {[]string{"just", "under"}, qNearly},
	{[]string{"close", "to"}, qAbout}, {[]string{"about"}, qAbout}, {[]string{"around"}, qAbout},
	{[]string{"approximately"}, qAbout}, {[]string{"approx"}, qAbout}, {[]string{"roughly"}, qAbout},
	{[]string{"some"}, qAbout}, {[]string{"an", "estimated"}, qAbout}, {[]string{"estimated"}, qAbout},
	{[]string{"an", "approximate"}, qAbout}, {[]string{"approximate"}, qAbout}, {[]string{"or", "so"}, qAbout},
}

var smallNumbers = map[string]float64{"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}

// vague plural quantities: [lo, hi].
var vagueScales = map[string][2]float64{"dozens": {24, 99}, "hundreds": {200, 999}, "thousands": {2000, 9999},
	"millions": {2e6, 9.99e8}, "billions": {2e9, 9.99e11}, "scores": {40, 99}, "tens": {20, 99}}

// vagueUnit is the size of the unit of "hundreds of thousands".
var vagueUnit = map[string]float64{"thousands": 1e3, "millions": 1e6, "billions": 1e9}

// designationOK are capitalised words that may precede a count at a
// sentence start ("About 300", "Some 40").
var designationOK = set("about", "over", "some", "nearly", "almost", "around", "approximately", "roughly",
	"up", "more", "less", "fewer", "at", "between", "only", "just", "than", "to", "estimated", "under", "all",
	"and", "or", "another", "other", "a", "an", "the", "of", "with", "after", "killing", "leaving")

// nounStop ends the search for a counted noun.
var nounStop = set("of", "and", "or", "but", "in", "on", "at", "to", "from", "for", "with", "by", "as", "than",
	"that", "who", "which", "were", "was", "are", "is", "have", "has", "had", "will", "would", "could", "can",
	"said", "says", "the", "a", "an", "this", "these", "those", "their", "its", "his", "her", "our", "after",
	"before", "since", "during", "when", "while", "into", "out", "over", "under", "about", "more", "less",
	"ago", "later", "earlier", "per", "each", "apiece", "be", "been", "being", "not", "also", "so", "if",
	"more", "other", "others", "another", "still", "all", "some", "most", "many", "such", "too", "very",
	"ever", "so", "far", "then", "there", "here", "now", "just", "only", "already", "yet", "last", "next")

var irregularPlural = map[string]string{"people": "person", "men": "man", "women": "woman", "children": "child",
	"police": "police", "personnel": "personnel", "staff": "staff", "feet": "foot", "teeth": "tooth",
	"mice": "mouse", "data": "data", "media": "media", "troops": "troop", "dead": "dead", "injured": "injured",
	"wounded": "wounded", "killed": "killed", "missing": "missing", "homeless": "homeless", "crew": "crew",
	"series": "series", "species": "species", "news": "news", "aircraft": "aircraft", "fish": "fish"}

// lemma returns the singular of an English plural noun, simply.
func lemma(w string) string {
	w = strings.ToLower(w)
	if l, ok := irregularPlural[w]; ok {
		return l
	}
	switch {
	case strings.HasSuffix(w, "men") && len(w) > 4:
		return w[:len(w)-3] + "man"
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "sses"),
		strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "'s"), strings.HasSuffix(w, "’s"):
		return strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

func isPlural(w string) bool {
	l := strings.ToLower(w)
	if _, ok := irregularPlural[l]; ok {
		return true
	}
	return lemma(l) != l
}

// figure is a number found in a sentence with what it states.
type figure struct {
	start, end int // byte span of the wording
	t0, t1     int // token range of the wording in its sentence
	val        Value
	dim        string  // dimension (dim* constants)
	currency   string  // money: ISO code
	lo, hi     float64 // value in the dimension's base unit; hi may be +Inf
	step       float64 // rounding step of the number as written, in base units
	qual       int
	noun       string   // class of the counted noun ("person", "village"), "" when none
	measure    string   // what the figure states ("killed", "magnitude"), "" when unknown
	near       bool     // the measure word is the figure's own ("Ten dead", "killed 40"), not one nearby
	owner      string   // a name the figure belongs to (an age, a record): its last word, folded
	ownerName  string   // that name as written ("Kathryn Gomes"), for display and to tell relatives apart
	subject    string   // the player a statistic is of ("Bryant scored 22 points"), folded: only ever a veto
	mods       []string // the words before the counted noun ("AK-47 assault" rifles)
	strict     bool     // the qualifier excludes the number ("more than", "nearly")
	other      bool     // counts others or more ("one other person", "two more", "no one else"): a part
	pred       string   // the verb it is the object or subject of, stemmed ("sent", "shoot"), or ""
	approx     string   // the qualifier as written, lower-cased ("more than")
	attr       bool     // a number naming a kind rather than counting: "38-caliber", "357 caliber", "12000 block"
	generic    bool     // stated in general, not of the event: "a magnitude 6 quake can cause severe damage"
	// convOf: the figure is a conversion, in parentheses, of the figure
	// before it ("110 billion euros ($143 billion)"); this is that
	// figure's value and unit. Conversions of one amount align.
	convOf string
	scope  float64 // a statistic's stretch: the games or seasons it is totalled over, 0 when not said
}

// exactPoint reports whether the figure states one exact value.
func (f *figure) exactPoint() bool { return f.qual == qExact && f.lo == f.hi }

// interval returns the values a figure allows, in base units: a rounded
// number qualified by "about" covers half a rounding step either side (at
// least 5%), "at least" and "more than" a step above (at least 10%), "up
// to" and "nearly" a step below; a vague quantity its whole range.
func (f *figure) interval() (float64, float64) {
	x := f.lo
	slack := math.Max(f.step, 0.1*math.Abs(x))
	switch f.qual {
	case qAbout:
		d := math.Max(f.step/2, 0.05*math.Abs(x))
		return x - d, x + d
	case qAtLeast:
		return x, x + slack
	case qAtMost, qNearly:
		return x - slack, x
	}
	return f.lo, f.hi
}

// numberWord parses one number word: "ten", "twenty-five".
func numberWord(w string) (float64, bool) {
	if v, ok := smallNumbers[w]; ok {
		return v, true
	}
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		return 0, false
	}
	x, y := smallNumbers[a], smallNumbers[b]
	if x >= 20 && x <= 90 && math.Mod(x, 10) == 0 && y > 0 && y < 10 {
		return x + y, true
	}
	return 0, false
}

// numberWordPrefix splits "eight-year-old" into 8 and "-year-old".
func numberWordPrefix(w string) (float64, string, bool) {
	parts := strings.Split(w, "-")
	if _, ok := numberWord(w); ok {
		return 0, "", false // "twenty-five" is one number
	}
	for k := min(2, len(parts)-1); k >= 1; k-- {
		if v, ok := numberWord(strings.Join(parts[:k], "-")); ok {
			return v, "-" + strings.Join(parts[k:], "-"), true
		}
	}
	return 0, "", false
}

// parseDigits parses the digits at the start of s ("2,069", "3.5",
// "120,000"); it returns the value, its rounding step and the rest of s.
func parseDigits(s string) (v, step float64, rest string, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || (s[i] == ',' || s[i] == '.') && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9') {
		i++
	}
	if i == 0 {
		return 0, 0, "", false
	}
	num := strings.ReplaceAll(s[:i], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, 0, "", false
	}
	if dot := strings.IndexByte(num, '.'); dot >= 0 {
		step = math.Pow(10, -float64(len(num)-dot-1))
	} else {
		step = 1
		for n := len(num) - 1; n > 0 && num[n] == '0'; n-- {
			step *= 10
		}
		if step == 1 && v >= 10 && math.Mod(v, 5) == 0 {
			step = 5
		}
	}
	return v, step, s[i:], true
}

// numTok is a number read at a token.
type numTok struct {
	v, step float64
	next    int    // token after the number (and its scale words)
	rest    string // text attached after the digits of the last token ("km", "-year-old")
	word    bool   // written in words
	vague   [2]float64
}

// readNumber reads a number starting at token i: digits (with an attached
// scale such as "1.8m"), number words, "a dozen", "two dozen", vague
// quantities, each followed by scale words ("1.8 million", "two thousand").
func readNumber(toks []token, i int) (numTok, bool) {
	t := toks[i]
	lw := t.lower()
	n := numTok{next: i + 1}
	switch {
	case isDigitStart(t.text):
		v, step, rest, ok := parseDigits(t.text)
		if !ok {
			return n, false
		}
		n.v, n.step, n.rest = v, step, rest
		if s, ok := scales[strings.ToLower(rest)]; ok && rest != "" && rest != "b" {
			n.v, n.step, n.rest = v*s, step*s, ""
		}
	case lw == "a" || lw == "an":
		if i+1 >= len(toks) {
			return n, false
		}
		switch l := toks[i+1].lower(); {
		case l == "dozen":
			n.v, n.step, n.next = 12, 2, i+2
		case l == "hundred" || l == "thousand" || l == "million" || l == "billion":
			n.v, n.step, n.next = scales[l], scales[l], i+2
		case l == "few" && i+2 < len(toks) && scales[toks[i+2].lower()] >= 100:
			s := scales[toks[i+2].lower()]
			n.vague, n.next = [2]float64{2 * s, 5 * s}, i+3
		default:
			return n, false
		}
		n.word = true
	case lw == "several" || lw == "few":
		if i+1 >= len(toks) {
			return n, false
		}
		l := toks[i+1].lower()
		if s := scales[l]; s >= 100 && l != "m" && l != "k" {
			n.vague, n.next = [2]float64{2 * s, 9 * s}, i+2
		} else if l == "dozen" {
			n.vague, n.next = [2]float64{24, 108}, i+2
		} else {
			return n, false
		}
		n.word = true
	default:
		if v, rest, ok := numberWordPrefix(lw); ok && rest != "" {
			// "eight-year-old", "twenty-five-page": the suffix is read as
			// for digits.
			n.v, n.step, n.word, n.rest = v, 1, true, rest
			return n, true
		}
		if v, ok := numberWord(lw); ok {
			n.v, n.step, n.word = v, 1, true
			if v >= 20 && math.Mod(v, 10) == 0 {
				n.step = 10
			}
			if n.next < len(toks) && toks[n.next].lower() == "dozen" {
				n.v, n.step, n.next = v*12, 3, n.next+1
			}
			break
		}
		if r, ok := vagueScales[lw]; ok {
			n.vague, n.word = r, true
			// "hundreds of thousands", "tens of thousands"
			if n.next+1 < len(toks) && toks[n.next].text == "of" {
				if u, ok := vagueUnit[toks[n.next+1].lower()]; ok {
					n.vague = [2]float64{r[0] * u, r[1]*u + u - 1}
					n.next += 2
				}
			}
			if lw == "tens" && n.vague == r {
				return n, false
			}
			return n, true
		}
		return n, false
	}
	// Scale words: "5,000 troops", "3 million", "two thousand".
	for n.rest == "" && n.next < len(toks) {
		l := toks[n.next].lower()
		s, ok := scales[l]
		if !ok || (l == "m" || l == "b" || l == "k") && (n.word || toks[n.next].start != toks[n.next-1].end) {
			break
		}
		if n.vague != [2]float64{} {
			n.vague[0] *= s
			n.vague[1] *= s
		} else {
			n.v *= s
			n.step *= s
		}
		n.next++
	}
	return n, true
}

func isCurrencySign(s string) bool { return s == "$" || s == "€" || s == "£" || s == "¥" }

// currencyBefore reads a currency written before the number at token i:
// "$", "US$", "A$", "€", "EUR", "Rs"; it returns the currency and the
// first token of the figure.
func currencyBefore(toks []token, i int) (string, int) {
	if i == 0 {
		return "", i
	}
	p := toks[i-1]
	switch {
	case isCurrencySign(p.text):
		c := currencyWords[p.text]
		first := i - 1
		if i >= 2 && toks[i-2].end == p.start {
			if code, ok := dollarPrefixes[toks[i-2].lower()]; ok && p.text == "$" {
				c, first = code, i-2
			}
		}
		return c, first
	case p.isWord() && !isDigitStart(p.text):
		if c, ok := currencyWords[p.lower()]; ok && len(p.text) <= 3 && unicode.IsUpper(firstRune(p.text)) {
			return c, i - 1 // EUR 110bn, Rs 500
		}
	}
	return "", i
}

// splitCurrencyPrefix splits a token like "euro30" or "A195,900" (after a
// dollar sign) into a currency and the digits.
func splitCurrencyPrefix(s string, afterDollar bool) (string, string, bool) {
	k := strings.IndexFunc(s, unicode.IsDigit)
	if k <= 0 {
		return "", "", false
	}
	pre := strings.ToLower(s[:k])
	if afterDollar {
		if c, ok := dollarPrefixes[pre]; ok {
			return c, s[k:], true
		}
		return "", "", false
	}
	if c, ok := currencyWords[pre]; ok {
		return c, s[k:], true
	}
	return "", "", false
}

// sumBefore reports whether a sum of money ends within a few tokens
// before toks[i] ("$150 million over", "$161 million (over").
func sumBefore(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		l := toks[k].lower()
		if scales[l] > 1 || currencyWords[l] != "" || isCurrencySign(toks[k].text) {
			return true
		}
		if _, _, ok := splitCurrencyPrefix(toks[k].text, false); ok {
			return true
		}
		if l != "(" && l != "," && !isDigitStart(l) {
			return false
		}
	}
	return false
}

// amountAt reads a sum written with the given currency at toks[i]
// ("$150 million", "$ 150 million"): the number with its scale words, and
// the scale they multiply it by.
func amountAt(toks []token, i int, currency string) (numTok, float64, bool) {
	if i >= len(toks) {
		return numTok{}, 0, false
	}
	text := toks[i].text
	if text == "$" && i+1 < len(toks) && toks[i+1].start == toks[i].end {
		i++
		text = "$" + toks[i].text
	}
	c, digits, ok := splitCurrencyPrefix(text, false)
	if !ok {
		c, digits, ok = splitCurrencyPrefix(text[1:], text[0] == '$')
	}
	if !ok || c != currency {
		return numTok{}, 0, false
	}
	v, step, rest, ok := parseDigits(digits)
	if !ok || rest != "" {
		return numTok{}, 0, false
	}
	n, scale := withScales(toks, numTok{v: v, step: step, next: i + 1})
	return n, scale, true
}

// withScales applies the scale words at n.next ("million", "billion") to
// n and moves past them; it returns n and the scale they make (1 when
// none follows).
func withScales(toks []token, n numTok) (numTok, float64) {
	scale := 1.0
	for n.next < len(toks) {
		s, ok := scales[toks[n.next].lower()]
		if !ok {
			break
		}
		n.v, n.step, scale = n.v*s, n.step*s, scale*s
		n.next++
	}
	return n, scale
}

// extractFigures finds the figures of one sentence. mask marks token
// indexes already used by dates.
func extractFigures(toks []token, mask []bool) []figure {
	var out []figure
	for i := 0; i < len(toks); i++ {
		if mask[i] {
			continue
		}
		if next := phoneRun(toks, i); next > i {
			i = next - 1 // a telephone number is no figure
			continue
		}
		if f, next, ok := zeroFigure(toks, i); ok {
			out = append(out, f)
			i = next - 1
			continue
		}
		f, next, ok := parseFigure(toks, i, mask)
		if !ok {
			continue
		}
		out = append(out, f)
		i = next - 1
	}
	// A statistic's span: "43 RBIs in 54 games" and "121 RBIs in 157
	// games" are totals over different stretches.
	for k := range out {
		if !statNouns[out[k].noun] || scopeNouns[out[k].noun] {
			continue
		}
		for _, g := range out {
			if scopeNouns[g.noun] && !g.attr {
				out[k].scope = g.lo
				break
			}
		}
	}
	return out
}

// scopeNouns are the stretches a statistic is totalled over.
var scopeNouns = set("game", "season", "match", "start")

// phoneRun returns the token after a telephone number starting at token
// i ("0800 555 111", "555-1234", "(0845) 125 2222"), or i when there is
// none: digit groups with a leading zero, two or more bare digit groups
// in a row, or the 3-4 pattern of a local number.
func phoneRun(toks []token, i int) int {
	t := toks[i].text
	if phonePattern.MatchString(t) {
		return i + 1
	}
	if !allDigits(t) {
		return i
	}
	j := i + 1
	for j < len(toks) && allDigits(toks[j].text) && toks[j].start == toks[j-1].end+1 {
		j++
	}
	if j-i >= 2 || t[0] == '0' && len(t) >= 3 {
		return j
	}
	return i
}

var phonePattern = regexp.MustCompile(`^(\d{3}-)?\d{3}-\d{4}$`)

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// parseFigure parses a figure whose number starts at token i; next is the
// token after it.
func parseFigure(toks []token, i int, mask []bool) (figure, int, bool) {
	f := figure{dim: dimCount, qual: qExact}
	first := i
	currency := ""
	t := toks[i]
	if isCurrencySign(t.text) || !t.isWord() {
		return f, 0, false
	}
	// "euro30 billion", "$A195,900"
	text := t.text
	if c, digits, ok := splitCurrencyPrefix(text, i > 0 && toks[i-1].text == "$" && toks[i-1].end == t.start); ok {
		currency, text = c, digits
		if i > 0 && toks[i-1].text == "$" {
			first = i - 1
		}
	}
	var n numTok
	if text != t.text {
		v, step, rest, ok := parseDigits(text)
		if !ok {
			return f, 0, false
		}
		n, _ = withScales(toks, numTok{v: v, step: step, rest: rest, next: i + 1})
	} else {
		var ok bool
		if n, ok = readNumber(toks, i); !ok {
			return f, 0, false
		}
	}
	j := n.next
	for k := i; k < j; k++ {
		if mask[k] {
			return f, 0, false
		}
	}
	if currency == "" {
		if c, fst := currencyBefore(toks, i); c != "" {
			currency, first = c, fst
		}
	}
	digits := isDigitStart(text)
	if digits && currency == "" {
		// Not figures: times of day (23:51), fractions and dates (4/2),
		// designations (Route 52, AK 47, Flight 370), ordinals (21st).
		if j+1 < len(toks) && (toks[j].text == ":" || toks[j].text == "/") && isDigitStart(toks[j+1].text) ||
			i >= 2 && (toks[i-1].text == ":" || toks[i-1].text == "/") && isDigitStart(toks[i-2].text) {
			return f, 0, false
		}
		if i > 0 && toks[i-1].isWord() && toks[i-1].isCap() && !designationOK[toks[i-1].lower()] &&
			!measureBefore(toks[i-1].lower()) {
			if _, month := months[toks[i-1].lower()]; !month {
				return f, 0, false
			}
		}
		if i > 0 && (toks[i-1].text == "#" || toks[i-1].lower() == "no." || toks[i-1].lower() == "no") {
			return f, 0, false
		}
	}
	val := n.v
	lo, hi := n.v, n.v
	if n.vague != [2]float64{} {
		lo, hi = n.vague[0], n.vague[1]
		f.qual = qVague
	}
	unit := unitInfo{dim: dimCount, factor: 1}
	unitName := ""
	noun := ""
	rest := strings.ToLower(n.rest)
	switch {
	case rest == "":
	case rest == "%" || rest == "pc":
		unit = units["%"]
	case strings.HasPrefix(rest, "-year-old") || strings.HasPrefix(rest, "-years-old") || strings.HasPrefix(rest, "-yr-old"):
		unit, unitName = unitInfo{dim: dimAge, factor: 1}, "years old"
	case strings.HasPrefix(rest, "-") && len(rest) > 1:
		suf := rest[1:]
		if v2, step2, r2, ok := parseDigits(suf); ok && r2 == "" {
			if val >= 1800 && val <= 2100 && val == math.Trunc(val) && !strings.Contains(t.text, ",") {
				return f, 0, false // a season or span of years: 2008-09, 1999-2003
			}
			// 52-3: a record or a score when the second number is not
			// larger, or when no noun or unit follows and the words around
			// speak of a record; 10-20 people a range.
			countedNext := j < len(toks) && toks[j].isWord() && (isPlural(toks[j].text) || units[toks[j].lower()].dim != "" || scales[toks[j].lower()] > 1)
			if currency == "" && !countedNext {
				return recordFigure(toks, first, i, j, val, v2)
			}
			hi = v2
			f.qual = qRange
			n.step = math.Min(n.step, step2)
			// "$140-150 million": the scale is of both ends.
			for j < len(toks) && scales[toks[j].lower()] > 1 && toks[j].isWord() {
				sc := scales[toks[j].lower()]
				val, lo, hi, n.step = val*sc, lo*sc, hi*sc, n.step*sc
				j++
			}
			break
		}
		if sc, ok := scales[suf]; ok && len(suf) > 2 {
			// $143-billion, 110-billion
			val, lo, hi = val*sc, lo*sc, hi*sc
			n.step *= sc
			break
		}
		if !isLetters(suf) {
			return f, 0, false
		}
		// 6.1-magnitude, 10-metre-long, 66-page, 38-caliber, 1,500-square-kilometer
		suf = strings.TrimPrefix(strings.TrimPrefix(suf, "square-"), "sq-")
		head, _, _ := strings.Cut(suf, "-")
		if u, ok := units[suf]; ok {
			unit = u
		} else if u, ok := units[head]; ok {
			unit = u
		} else if suf == "strength" || suf == "strong" && val < 10 && strings.Contains(text, ".") {
			unit = units["magnitude"]
		} else {
			noun = lemma(head)
			f.attr = true // 38-caliber, 66-page
		}
		if strings.HasPrefix(rest, "-square-") || strings.HasPrefix(rest, "-sq-") {
			unit = unitInfo{dimArea, unit.factor * unit.factor, "sq " + unit.name}
		}
	case attachedUnits[rest]:
		unit = units[rest]
	default:
		if _, ok := units[rest]; ok && len(rest) <= 3 {
			unit = units[rest]
			break
		}
		return f, 0, false // ordinals (21st), codes (A4), times (3pm)
	}
	// "1230 hours" is a time of day.
	if digits && rest == "" && currency == "" && j < len(toks) && (toks[j].lower() == "hours" || toks[j].lower() == "hrs") &&
		len(text) == 4 && !strings.Contains(text, ",") && lo <= 2400 && math.Mod(lo, 100) < 60 {
		return f, 0, false
	}
	// A bare four-digit year is a date, not a figure.
	if digits && currency == "" && unit.dim == dimCount && noun == "" && rest == "" && lo >= 1800 && lo <= 2100 &&
		!strings.Contains(text, ",") && lo == math.Trunc(lo) {
		// "2,014 deaths" counts; "the 2014 Oscars", "2014 Games" name a year.
		if j >= len(toks) || !isPlural(toks[j].text) || !toks[j].isWord() || toks[j].isCap() {
			return f, 0, false
		}
	}
	// A height: "5-foot-8", "6-feet-2 inches", "5-foot-8,135 pounds" (the
	// corpus glue of "5-foot-8, 135 pounds" is read as far as inches go).
	if f.qual == qExact && unit.name == "ft" && j+1 < len(toks) && toks[j].text == "-" && toks[j].start == toks[j-1].end &&
		isDigitStart(toks[j+1].text) && toks[j+1].start == toks[j].end {
		if in, _, _, ok := parseDigits(strings.SplitN(toks[j+1].text, ",", 2)[0]); ok && in < 12 && in == math.Trunc(in) && val == math.Trunc(val) && val < 10 {
			val, lo, hi = val+in/12, val+in/12, val+in/12
			n.step = 1.0 / 12
			j += 2
			if j < len(toks) && (toks[j].lower() == "inches" || toks[j].lower() == "inch" || toks[j].lower() == "in") {
				j++
			}
		}
	}
	// Ranges: "10 to 20", "between 10 and 20", "40 or 50", "24- to 30-foot".
	if f.qual == qExact && j+2 < len(toks) && toks[j].text == "-" && toks[j+1].lower() == "to" && toks[j].start == toks[j-1].end {
		j++ // "24- to 30-foot"
	}
	if f.qual == qExact && j+1 < len(toks) {
		sep := toks[j].lower()
		between := sep == "and" && first > 0 && toks[first-1].lower() == "between"
		if currency != "" && (sep == "to" || sep == "–" || sep == "-" || between) {
			// "$140- $150 million", "$1 million to $2 million": the
			// currency written again on the second number.
			if m, scale, ok := amountAt(toks, j+1, currency); ok && m.v > val {
				if scale > 1 && val*scale <= m.v {
					val, lo, n.step = val*scale, lo*scale, n.step*scale
				}
				if m.v > val {
					hi, f.qual, j = m.v, qRange, m.next
					n.step = math.Min(n.step, m.step)
					if between {
						first--
					}
				}
			}
		}
		if f.qual == qExact && (sep == "to" || sep == "–" || sep == "or" || between || sep == "-" && digits) {
			if m, ok := readNumber(toks, j+1); ok && m.vague == [2]float64{} && m.v > val && (digits == isDigitStart(toks[j+1].text) || sep == "to") {
				mrest := strings.ToLower(m.rest)
				if mrest == "" || strings.HasPrefix(mrest, "-") || attachedUnits[mrest] {
					// "between 2 and 3 million": the scale is of both ends.
					for k := j + 2; k < m.next; k++ {
						if sc := scales[toks[k].lower()]; sc > 1 && toks[k].isWord() {
							val, lo, n.step = val*sc, lo*sc, n.step*sc
						}
					}
					hi = m.v
					f.qual = qRange
					n.step = math.Min(n.step, m.step)
					if between {
						first--
					}
					j = m.next
					if mrest != "" && rest == "" {
						// "24- to 30-foot": the unit written on the second number.
						if strings.HasPrefix(mrest, "-") {
							if u, ok := units[strings.TrimPrefix(mrest, "-")]; ok {
								unit = u
							} else if isLetters(mrest[1:]) {
								noun = lemma(mrest[1:])
							}
						} else {
							unit = units[mrest]
						}
					}
				}
			}
		}
	}
	// Unit words after the number.
	if unit.dim == dimCount && noun == "" && j < len(toks) {
		l := toks[j].lower()
		switch {
		case l == "per" && j+1 < len(toks) && toks[j+1].lower() == "cent":
			unit = units["%"]
			j += 2
		case l == "percentage" && j+1 < len(toks) && strings.HasPrefix(toks[j+1].lower(), "point"):
			unit, unitName = unitInfo{dimPercent, 1, "points"}, "points"
			j += 2
		case l == "years" && j+1 < len(toks) && toks[j+1].lower() == "old" || l == "years-old":
			unit, unitName = unitInfo{dim: dimAge, factor: 1}, "years old"
			j += 2
			if l == "years-old" {
				j--
			}
		case l == "degrees" || l == "degree" || l == "°":
			unit, unitName = unitInfo{dimTemperature, 1, "°"}, "°"
			j++
			if j < len(toks) {
				switch toks[j].lower() {
				case "celsius", "c", "centigrade":
					unitName = "°C"
					j++
				case "fahrenheit", "f":
					unitName = "°F"
					j++
				}
			}
		case l == "nautical" && j+1 < len(toks) && strings.HasPrefix(toks[j+1].lower(), "mile"):
			unit = unitInfo{dimLength, 1852, "nmi"}
			j += 2
		case (l == "square" || l == "sq") && j+1 < len(toks) && units[toks[j+1].lower()].dim == dimLength:
			u := units[toks[j+1].lower()]
			unit = unitInfo{dimArea, u.factor * u.factor, "sq " + u.name}
			j += 2
		case currencyWords[l] != "" && currency == "" && len(l) > 3:
			// 54 million dollars, 110 billion euros; "130 pounds" is a weight
			currency = currencyWords[l]
			j++
		case l == "pounds" && currency == "" && lo >= 1e6:
			currency = "GBP"
			j++
		default:
			if u, ok := units[l]; ok && !(l == "m" && !digits) && !(l == "in" || l == "pc" || l == "home") {
				unit = u
				j++
				if j+1 < len(toks) && toks[j].text == "on" && toks[j+1].lower() == "the" && j+2 < len(toks) && toks[j+2].lower() == "richter" {
					j += 3 // "on the Richter scale"
				}
			} else if l == "on" && j+2 < len(toks) && toks[j+1].lower() == "the" && toks[j+2].lower() == "richter" {
				unit = units["magnitude"]
				j += 3
				if j < len(toks) && toks[j].lower() == "scale" {
					j++
				}
			}
		}
	}
	if currency != "" {
		unit = unitInfo{dim: dimMoney, factor: 1, name: currency}
		f.currency = currency
	}
	// Qualifier before the figure.
	for _, qq := range qualifiers {
		k := len(qq.words)
		if f.qual == qExact && precededBy(toks, first, qq.words) {
			if qq.words[0] == "over" && unit.dim == dimDuration && sumBefore(toks, first-1) {
				break // "$161 million over seven years": the period of the sum
			}
			f.qual = qq.q
			f.approx = strings.Join(qq.words, " ")
			f.strict = strictQualifiers[f.approx]
			first -= k
			break
		}
	}
	// "magnitude 7.6", "magnitude-5.9", "a magnitude of at least 5.9",
	// "puts the magnitude at 6.1".
	if unit.dim == dimCount && currency == "" && val < 12 {
		k := first - 1
		for k >= 0 && (toks[k].text == "-" || toks[k].lower() == "of" || toks[k].lower() == "at") && k > first-3 {
			k--
		}
		if k >= 0 && (toks[k].lower() == "magnitude" || toks[k].lower() == "richter") {
			unit, noun = units["magnitude"], ""
		}
	}
	// "or so", "or more" after the number.
	if f.qual == qExact && j+1 < len(toks) && toks[j].lower() == "or" {
		switch toks[j+1].lower() {
		case "so":
			f.qual, f.approx = qAbout, "about"
			j += 2
		case "more":
			f.qual, f.approx = qAtLeast, "at least"
			j += 2
		}
	}
	// Counted noun: the head of the words that follow ("uniformed
	// personnel", "Wagner paramilitaries", "AK-47 assault rifles"), after
	// "of" for vague figures and currencies.
	end := j
	if noun == "" && (unit.dim == dimCount || unit.dim == dimPercent) {
		k := j
		if unit.dim == dimPercent && (k >= len(toks) || toks[k].text != "of") {
			k = len(toks) // "7 percent last year": no noun
		}
		if k < len(toks) && toks[k].text == "of" && lo == 1 && n.word {
			return f, 0, false // "one of the deputy's sons"
		}
		if k < len(toks) && toks[k].text == "of" {
			// "dozens of people", "17 of the hijacked ships", "75 percent of
			// traffic"; not "30 of the 80 wounded" (a part of another figure).
			k++
			for k < len(toks) && (toks[k].text == "the" || toks[k].text == "all" || toks[k].text == "its" || toks[k].text == "their") {
				k++
			}
			if k < len(toks) && (isDigitStart(toks[k].text) || smallNumbers[toks[k].lower()] > 0) {
				return f, 0, false
			}
		}
		var run []token
		for ; k < len(toks) && len(run) < 3; k++ {
			t := toks[k]
			if nounModifiers[t.lower()] && len(run) == 0 {
				if l := t.lower(); l == "other" || l == "more" || l == "additional" || l == "further" {
					f.other = true
				}
				continue // "two other rifles", "three more boats"
			}
			if !t.isWord() && t.text != "-" || nounStop[t.lower()] || isDigitStart(t.text) && len(run) == 0 {
				break
			}
			if _, ok := measures[t.lower()]; ok && len(run) > 0 && irregularPlural[t.lower()] != "" {
				break // "40 people dead": the noun, then its measure
			}
			if t.text == "-" {
				if k > 0 && toks[k-1].end < t.start {
					break // "more than 50,000 - - easily the biggest": a dash, spaced, ends the noun
				}
				continue
			}
			run = append(run, t)
		}
		for x := range run {
			if x < len(run)-1 {
				f.mods = append(f.mods, demonymFold(run[x].text))
			}
		}
		pick := -1
		for x := len(run) - 1; x >= 0; x-- {
			if isPlural(run[x].text) && !(x > 0 && run[x].isCap() && run[x-1].isCap()) {
				pick = x
				break
			}
		}
		if pick < 0 && len(run) > 0 && !speechVerbs[run[0].lower()] && !strings.HasSuffix(run[0].lower(), "ed") &&
			!strings.HasSuffix(run[0].lower(), "ing") {
			pick = 0
		}
		if pick >= 0 {
			noun = lemma(run[pick].text)
			f.attr = val > 1 && f.qual == qExact && !isPlural(run[pick].text)
			if run[pick].isCap() {
				noun = demonymFold(run[pick].text) // "12 Somalis", "23 Somalian pirates"
			}
			end = k - len(run) + pick + 1
			// "Ten dead", "80 wounded": the word is the measure, not a noun.
			w := strings.ToLower(run[pick].text)
			if m, ok := measures[w]; ok && (irregularPlural[w] != "" || strings.HasSuffix(w, "ed") || w == "hurt") {
				f.measure, f.near = m, true
				noun = ""
			}
		}
	}
	// What an amount of money is: "an $82 million deal", "a $144 billion
	// bailout", "the $80 million offer".
	if unit.dim == dimMoney && noun == "" && j < len(toks) {
		t := toks[j]
		if l := t.lower(); t.isWord() && !t.isCap() && !isDigitStart(l) && !nounStop[l] && !isVerbForm(l) && !speechVerbs[l] && len(l) > 2 &&
			l != "worth" && l != "value" && l != "total" {
			noun = lemma(l)
			end = j + 1
		}
	}
	if unit.dim == dimCount && noun != "" {
		if u, ok := units[noun]; ok && u.dim != dimPercent {
			unit = u
			noun = ""
		} else if noun == "magnitude" || noun == "richter" {
			unit = units["magnitude"]
			noun = ""
		}
	}
	// "a 5.6 quake": no count of quakes has a fraction; a magnitude does.
	if unit.dim == dimCount && currency == "" && val < 10 && val != math.Trunc(val) &&
		(noun == "earthquake" || noun == "aftershock" || nounClasses[noun] == "earthquake") {
		unit, f.attr = units["magnitude"], false
	}
	f.dim = unit.dim
	if f.dim == dimMagnitude {
		f.measure, f.near = "magnitude", true // the magnitude of the quake it names
		for k := j; k < len(toks) && k < j+3; k++ {
			if l := lemma(toks[k].lower()); l == "aftershock" || nounClasses[l] == "earthquake" || l == "earthquake" {
				noun = l // an aftershock's magnitude is not the quake's
				break
			}
		}
	}
	if unitName == "" {
		unitName = unit.name
	}
	if f.qual == qVague && f.dim == dimCount && noun == "" && j < len(toks) && toks[j].text == "of" {
		noun = ""
	}
	if digits && (lo == 911 || lo == 999 || lo == 112) && noun != "" && emergencyWords[noun] {
		return f, 0, false // a 911 call: a number to dial
	}
	if noun == "" && f.dim == dimCount && lo == 1 && n.word && f.qual == qExact {
		return f, 0, false // "one" alone is a pronoun: "when one is killed"
	}
	if noun == "" && f.dim == dimCount && f.measure == "" {
		// A bare number ("at 3") is too weak a fact to compare; a vague
		// quantity ("Thousands fled") and a measure found around it are kept.
		if f.qual != qVague && !measureAround(toks, first, end) && (n.word || lo < 10) {
			return f, 0, false
		}
	}
	f.noun = nounClass(noun)
	f.step = n.step * unit.factor
	f.lo, f.hi = lo*unit.factor, hi*unit.factor
	if unitName == "°F" {
		f.lo, f.hi, f.step = (lo-32)*5/9, (hi-32)*5/9, n.step*5/9
	}
	if f.step == 0 {
		f.step = math.Max(1, f.lo) * unit.factor
	}
	if f.qual == qVague {
		var ws []string // "dozens", "several hundred", "tens of thousands"
		for _, t := range toks[i:n.next] {
			ws = append(ws, strings.ToLower(t.text))
		}
		f.approx = strings.Join(ws, " ")
	}
	v := Value{Lo: lo, Exact: f.qual == qExact || f.qual == qRange, Unit: unitName, Noun: noun, Approx: f.approx}
	if f.dim == dimMoney {
		v.Unit = currencySymbol(currency)
	}
	if f.qual == qAtLeast {
		f.hi = math.Inf(1)
	} else {
		h := hi
		v.Hi = &h
	}
	if f.qual == qAtMost || f.qual == qNearly {
		f.lo = f.hi
	}
	if f.dim == dimMagnitude && (val >= 12 || f.qual == qVague) {
		return f, 0, false
	}
	f.val = v
	f.t0, f.t1 = first, max(end, j)
	f.generic = modalAfter(toks, f.t1)
	f.start, f.end = toks[first].start, toks[f.t1-1].end
	return f, f.t1, true
}

// currencySymbol is how reports write a currency.
func currencySymbol(code string) string {
	switch code {
	case "USD":
		return "$"
	case "EUR":
		return "€"
	case "GBP":
		return "£"
	case "JPY":
		return "¥"
	case "AUD":
		return "A$"
	}
	return code
}

// recordFigure builds a win–loss record "52-3" at toks[i]; its owner is the
// name just before it ("Klitschko (52-3, 46 KOs)").
func recordFigure(toks []token, first, i, j int, w, l float64) (figure, int, bool) {
	f := figure{dim: dimRecord, qual: qExact, lo: w*1e4 + l, hi: w*1e4 + l, step: 1, measure: "record"}
	for k := max(0, first-5); k < min(len(toks), j+2); k++ {
		if interimScore[toks[k].lower()] {
			return f, j, false // "a 24-14 lead", "tied at 12-12", "a 7-0 run": a moment of a game
		}
	}
	h := l
	f.val = Value{Lo: w, Hi: &h, Exact: true, Unit: "record"}
	f.owner, f.ownerName = ownerBefore(toks, first)
	f.t0, f.t1 = first, j
	f.start, f.end = toks[first].start, toks[j-1].end
	return f, j, true
}

// interimScore are words around a score that make it a moment of a game,
// not its result or a record.
var interimScore = set("lead", "led", "leading", "leads", "trail", "trailed", "trailing", "trails", "tied", "tie",
	"run", "halftime", "deficit", "advantage", "cushion")

// ownerBefore returns the capitalised name just before token k (skipping
// "(" and ","), folded, or "".
func ownerBefore(toks []token, k int) (string, string) {
	// Skip what may stand between an owner and its figure: "Klitschko
	// (52-3", "Buckley, 32,", "Cheeks is 122-147", "Cheeks compiled a
	// 162-139 record", "Bowe, 43-1".
	e := k
	for e > 0 && e > k-4 {
		p := toks[e-1]
		l := p.lower()
		if p.text == "(" || p.text == "," || ownerGlue[l] || !p.isCap() && p.isWord() && isVerbForm(l) && e < k-0 {
			e--
			continue
		}
		break
	}
	s := e
	for s > 0 && toks[s-1].isWord() && toks[s-1].isCap() && !commonWords[toks[s-1].lower()] && s > e-4 {
		s--
	}
	if s == e {
		return "", ""
	}
	return ownerOf(toks[s:e])
}

// ownerOf returns the owner key (the last word, folded) and the name as
// written of the name tokens ts.
func ownerOf(ts []token) (string, string) {
	words := make([]string, len(ts))
	for i, t := range ts {
		words[i] = strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s")
	}
	return foldName(words[len(words)-1]), strings.Join(words, " ")
}

// sameOwner reports whether two figures' owners may be one person: the
// same last word, and no two different first names (Kathryn Gomes and
// Gary Gomes are mother and son).
func sameOwner(a, b *figure) bool {
	if a.owner != b.owner {
		if same, _ := sameToken(a.owner, b.owner); !same {
			return false
		}
	}
	fa, fb := strings.Fields(a.ownerName), strings.Fields(b.ownerName)
	if len(fa) >= 2 && len(fb) >= 2 {
		// First names that begin alike may be one name spelled two ways
		// (Kathryn, Katherine) or shortened (Kathy).
		ga, gb := []rune(foldName(fa[0])), []rune(foldName(fb[0]))
		n := min(3, len(ga), len(gb))
		return string(ga[:n]) == string(gb[:n])
	}
	return true
}

// statNouns count what a player does: "Bryant scored 22 points", a
// figure that belongs to the player named before it.
var statNouns = set("point", "rebound", "assist", "yard", "touchdown", "strikeout", "reception", "tackle", "sack",
	"interception", "homer", "birdie", "wicket", "pass", "foul", "turnover", "lap", "rbi", "rbis", "inning", "carry",
	"drive", "catch", "completion", "attempt", "steal", "basket", "goal", "save", "hit", "run", "game", "start")

// statOwner returns the player a statistic belongs to: the nearest
// capitalised name before it in its clause, folded, or "".
func statOwner(toks []token, a int) string {
	for k := a - 1; k >= 0 && k >= a-10; k-- {
		t := toks[k]
		if clauseStop[t.text] || t.text == "." {
			return ""
		}
		if t.isWord() && t.isCap() && !commonWords[t.lower()] && !isCalendarWord(t.lower()) && !isSentenceStart(toks, k) {
			return foldName(strings.TrimSuffix(strings.TrimSuffix(t.text, "'s"), "’s"))
		}
	}
	return ""
}

// ownerGlue are words between a name and a figure it owns.
var ownerGlue = set("a", "an", "is", "was", "has", "had", "now", "to", "improved", "compiled", "went", "finished",
	"with", "at", "his", "her", "its", "record", "of")

// measureBefore reports a word that introduces a figure although
// capitalised ("Magnitude 7.6").
func measureBefore(w string) bool {
	return w == "magnitude" || w == "toll"
}

// measureAround reports a measure word close to a bare number: "the toll
// rose to 42", "puts the magnitude at 6.1".
func measureAround(toks []token, a, b int) bool {
	for k := max(0, a-4); k < min(len(toks), b+3); k++ {
		if _, ok := measures[toks[k].lower()]; ok {
			return true
		}
		if toks[k].lower() == "magnitude" || toks[k].lower() == "richter" {
			return true
		}
	}
	return false
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return s != ""
}

func isInf(x float64) bool { return math.IsInf(x, 0) }

// conversionOf returns the figure prev that f converts, when f stands in
// parentheses right after it in the same dimension: "110 billion euros
// ($143 billion)", "60 metres (200 feet)".
func conversionOf(toks []token, prev, f *figure) string {
	if f.t0 < 1 || toks[f.t0-1].text != "(" || prev.t1 < f.t0-2 || prev.dim != f.dim && !(f.dim == dimMoney && prev.dim == dimCount) {
		return "" // (a count before money: its currency sign lost in transit, "?110 billion ($143 billion)")
	}
	return strconv.FormatFloat(prev.lo, 'g', -1, 64)
}

// modals make a statement general or hypothetical.
var modals = set("can", "could", "may", "might", "would", "should", "must")

// modalAfter reports a modal verb just after a figure's phrase: "a
// magnitude 6 quake can cause severe damage".
func modalAfter(toks []token, k int) bool {
	for x := k; x < len(toks) && x < k+3; x++ {
		l := toks[x].lower()
		if modals[l] {
			return true
		}
		if !toks[x].isWord() || isDigitStart(l) {
			return false
		}
	}
	return false
}

// coordinators end the clause a figure's measure is read in.
var coordinators = set("and", "but", "or", "while", "whereas")

// contextMeasured are the dimensions whose measure is read from the words
// around the figure (killed, fell, lasted); a magnitude, an age or a record
// says what it measures itself.
var contextMeasured = map[string]bool{dimCount: true, dimPercent: true, dimMoney: true, dimLength: true,
	dimMass: true, dimArea: true, dimDuration: true}

// emergencyWords follow an emergency telephone number.
var emergencyWords = set("call", "caller", "dispatcher", "operator", "center", "centre", "line", "emergency", "system")

// nounModifiers may come between a number and its noun: "two other
// rifles", "three more boats".
var nounModifiers = set("other", "more", "additional", "further", "extra", "fewer", "separate", "different")

// demonymFold folds a capitalised counted word: plural demonyms lose their
// s (Somalis, Yemenis) and -ian forms their -an (Somalian → somali), so
// that the ways reports name a nationality meet.
func demonymFold(w string) string {
	l := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
	if strings.HasSuffix(l, "is") && len(l) > 4 {
		l = l[:len(l)-1]
	} else if l != lemma(l) && unicode.IsUpper(firstRune(w)) {
		l = lemma(l)
	}
	if strings.HasSuffix(l, "ian") && len(l) > 6 {
		if d := l[:len(l)-2]; demonyms[d] {
			l = d
		}
	}
	return l
}

// figureMeasure finds what a figure states from the words of its clause:
// the nearest measure word before it ("killing at least 10", "the death
// toll rose to 42", "home to 120,000") or after it ("10 people were
// killed", "leaving 40 people dead"), without crossing punctuation or
// another number.
func figureMeasure(toks []token, a, b int) (string, bool) {
	best, dist := "", 1<<30
	weak, weakDist := "", 0 // "rose", "fell": taken only when nothing better is near
	for k := a - 1; k >= 0 && k >= a-6; k-- {
		t := toks[k]
		if !t.isWord() || isDigitStart(t.text) || coordinators[t.lower()] {
			break // "a receptionist died and two men were hurt": not the two's measure
		}
		l := t.lower()
		if k > 0 {
			if m, ok := measureBigrams[toks[k-1].lower()+" "+l]; ok {
				best, dist = m, a-k
				break
			}
		}
		if m, ok := measures[l]; ok {
			if m == "rose" || m == "fell" {
				if weak == "" && a-k <= 2 {
					weak, weakDist = m, a-k
				}
				continue
			}
			best, dist = m, a-k
			break
		}
		if l == "said" || l == "says" {
			break
		}
	}
	if best == "" && weak != "" {
		// "The death toll from Monday's earthquake rose to 42": what rose
		// is named further back in the clause.
		for k := a - 7; k >= 0 && k >= a-14; k-- {
			t := toks[k]
			if clauseStop[t.text] || t.text == "." {
				break
			}
			if m, ok := measures[t.lower()]; ok && m != "rose" && m != "fell" && m != "population" {
				return m, false
			}
		}
		best, dist = weak, weakDist
	}
	for k := b; k < len(toks) && k < b+5; k++ {
		t := toks[k]
		if !t.isWord() || isDigitStart(t.text) || k-b >= dist || coordinators[t.lower()] {
			break
		}
		l := t.lower()
		if m, ok := measures[l]; ok {
			if m == "rose" || m == "fell" || m == "population" {
				continue
			}
			return m, k-b <= 2
		}
	}
	return best, dist <= 3
}

// ageOwner returns the name an age belongs to: "the 74-year-old Bozize",
// "Buckley, 32,", "Gray (16)"; folded, or "".
func ageOwner(toks []token, a, b int) (string, string) {
	if o, n := ownerBefore(toks, a); o != "" {
		return o, n
	}
	k := b
	if k < len(toks) && toks[k].lower() == "old" {
		k++
	}
	for k < len(toks) && toks[k].isWord() && !toks[k].isCap() && k < b+2 {
		k++
	}
	e := k
	for e < len(toks) && toks[e].isWord() && toks[e].isCap() && !commonWords[toks[e].lower()] && e < k+4 {
		e++
	}
	// "the 74-year-old Bozize said"; not "a 38-year-old Troy resident".
	if e > k && (e == len(toks) || !toks[e].isWord() || afterName[toks[e].lower()]) {
		return ownerOf(toks[k:e])
	}
	return "", ""
}

// afterName are words that may follow a name that is the subject.
var afterName = set("said", "says", "was", "is", "has", "had", "who", "and", "of", "died", "told", "will", "would")

// figureKind aligns figures that state the same quantity: same dimension
// (and currency), no two different measures (killed vs injured), no two
// different counted nouns (villages vs houses), no two different owners
// (one boxer's record vs another's), no two different years in their
// clauses; then scored by how much they share (measure, noun, context
// words weighted by rarity in the comparison) and how close the values are.
// A figure conflicts when a source's value is incompatible with every
// value of another source (see compatible).
type figureKind struct{}

func (figureKind) multi() bool { return true }

func (figureKind) bucket(it *item) string { return it.fig.dim + "|" + it.fig.currency }

// signature is what makes a figure the only one of its kind in an
// article: its dimension and counted noun, or its measure.
func (figureKind) signature(it *item) string {
	f := it.fig
	if !genericNouns[f.noun] {
		return f.dim + "|n:" + f.noun
	}
	if f.measure != "" {
		return f.dim + "|m:" + f.measure
	}
	return ""
}

// finer sub-buckets an oversized bucket.
func (figureKind) finer(it *item) string { return it.fig.measure + "|" + it.fig.noun }

// figureAlign is the score two figures need to align (see score).
const figureAlign = 1.2

func (figureKind) score(a, b *item, sameDoc bool, c *alignCtx) (float64, bool, bool) {
	fa, fb := a.fig, b.fig
	if fa.dim != fb.dim || fa.currency != fb.currency || fa.generic != fb.generic {
		return 0, false, true
	}
	measureClash := fa.measure != "" && fb.measure != "" && fa.measure != fb.measure
	if measureClash && fa.near && fb.near {
		return 0, false, true // killed vs injured
	}
	nounMatch := fa.noun == fb.noun
	modMatch := !nounMatch && (slices.Contains(fa.mods, fb.noun) || slices.Contains(fb.mods, fa.noun))
	if !nounMatch && !modMatch && !genericNouns[fa.noun] && !genericNouns[fb.noun] {
		return 0, false, true
	}
	if fa.subject != "" && fb.subject != "" && fa.subject != fb.subject {
		return 0, false, true // two players' points
	}
	if fa.other != fb.other && (fa.noun == "" || humanNouns[fa.noun] || fb.noun == "" || humanNouns[fb.noun]) {
		return 0, false, true // "intended to kill one other person" is not the toll
	}
	if fa.owner != "" && fb.owner != "" && !sameOwner(fa, fb) {
		return 0, false, true
	}
	compat := compatible(fa, fb)
	if sameDoc && !compat && !(a.sent != b.sent && nounMatch && !genericNouns[fa.noun] && !humanNouns[fa.noun] &&
		fa.measure == fb.measure && valueRatio(fa, fb) < 1.5) {
		// Two values in one article are two quantities, unless the
		// article gives one thing two close values in two sentences ("an
		// $82 million deal", "the $80 million offer"): a contradiction of
		// its own.
		return 0, false, true
	}
	ya, yb := timeAnchors(a.ctx), timeAnchors(b.ctx)
	if len(ya) > 0 && len(yb) > 0 && !intersects(anchorValues(ya), anchorValues(yb)) {
		return 0, false, true
	}
	// One clause about another time (an earlier quake, a shooting "in
	// early March") and one about the article's event are two quantities.
	if background(ya) != background(yb) && !compatible(fa, fb) && !intersects(anchorValues(ya), anchorValues(yb)) {
		return 0, false, true
	}
	s := 0.0
	switch {
	case measureClash:
		s -= 0.8 // a measure word read from the clause, not the figure's own
	case fa.measure != "" && fa.measure == fb.measure:
		s += 1
	case fa.measure != "" || fb.measure != "":
		s += 0.2
	}
	predClash := fa.pred != "" && fb.pred != "" && fa.pred != fb.pred && !(fa.measure != "" && fa.measure == fb.measure)
	switch {
	case predClash:
		s -= 0.5 // "shooting three co-workers", "joined two co-workers"
	case fa.pred != "" && fa.pred == fb.pred:
		s += 0.4
	}
	if a.unique && b.unique && !predClash {
		s += 0.5 // the only figure of its kind in each article
	}
	switch {
	case nounMatch && !genericNouns[fa.noun]:
		s += 0.8
	case modMatch:
		s += 0.4 // "12 Somalis" and "23 Somali pirates"
	case nounMatch:
		s += 0.2
	}
	if fa.owner != "" && fa.owner == fb.owner {
		s += 1
	}
	sameConv := fa.convOf != "" && fa.convOf == fb.convOf
	if sameConv {
		s += 1.5 // two conversions of one amount
	}
	if fa.dim != dimCount {
		s += 0.3 // a unit says more than a bare count
	}
	ctx := c.ctxSimilarity(a, b)
	s += 2 * ctx
	// For things (boats, villages, cables) being the only count of them in
	// each article is evidence too; a count of people says nothing
	// without what happened to them.
	uniqueThing := a.unique && b.unique && nounMatch && !genericNouns[fa.noun] && !humanNouns[fa.noun] ||
		a.first && b.first && fa.noun == fb.noun // the first sum each lead gives
	if a.first && b.first && fa.noun == fb.noun && !predClash {
		s += 1
	}
	if len(ya) > 0 != (len(yb) > 0) {
		s -= 0.5 // one clause dates its figure to a year, the other not
	}
	switch {
	case fa.qual == qVague && fb.qual == qVague && fa.lo == fb.lo && fa.hi == fb.hi:
		s += 0.5 // "hundreds of troops" twice
	case fa.qual == qVague || fb.qual == qVague:
		s -= 0.3 // "dozens" says little of which quantity it is
	case compat:
		s += 0.5
	case fa.attr && fb.attr:
		// "38-caliber", "the 12000 block": designations, not counts; no
		// size prior.
	default:
		if r := valueRatio(fa, fb); r > 2 {
			// Reports of one event rarely differ that much, unless in the
			// same words (an edited copy).
			s -= 0.7 * math.Log2(r/2) * (1 - ctx)
		}
	}
	na, nb := names(a.ctx), names(b.ctx)
	if !compat && len(na) > 0 && len(nb) > 0 && !intersects(na, nb) {
		s -= 0.6 // different names around different values: Egypt's share and India's
	}
	// Different values are one quantity only on some shared evidence
	// beyond their noun: a measure, a verb, an owner or context words.
	sameMeasure := fa.measure != "" && fa.measure == fb.measure
	samePred := fa.pred != "" && fa.pred == fb.pred
	if !compat && !sameMeasure && !samePred && !uniqueThing && !sameConv && ctx < 0.15 && !(fa.owner != "" && fa.owner == fb.owner) {
		return s, false, false
	}
	// A player's statistic conflicts only with the same player's: the
	// points of players not named are not one quantity.
	if (statNouns[fa.noun] || fa.dim == dimLength && fa.val.Unit == "yd") && !compat && (fa.subject == "" || fa.subject != fb.subject ||
		fa.scope != 0 && fb.scope != 0 && fa.scope != fb.scope) {
		return s, false, false
	}
	// An age belongs to a person: two ages align only when both name
	// their owner, or when they agree.
	if fa.dim == dimAge && (fa.owner == "" || fb.owner == "") && !compat {
		return s, false, false
	}
	// A bare number, or a record nobody owns, is the same fact only in
	// much the same words.
	bare := fa.dim == dimCount && fa.measure == "" && fb.measure == "" && genericNouns[fa.noun] && genericNouns[fb.noun]
	unowned := fa.dim == dimRecord && (fa.owner == "" || fb.owner == "")
	if (bare || unowned) && ctx < 0.5 {
		return s, false, false
	}
	// A team or a boxer has many records (season, home, career): records
	// over very different numbers of games are different records.
	if fa.dim == dimRecord {
		ga, gb := fa.val.Lo+*fa.val.Hi, fb.val.Lo+*fb.val.Hi
		if ga > 1.5*gb || gb > 1.5*ga {
			return 0, false, true
		}
	}
	return s, s >= figureAlign, false
}

// timeAnchors returns the years and months of a fact's clause ("y:2003",
// "t:february"): a figure dated to another time is another quantity.
func timeAnchors(ctx map[string]bool) []string {
	var out []string
	for w := range ctx {
		if len(w) > 2 && (w[:2] == "y:" || w[:2] == "t:" || w[:2] == "b:") {
			out = append(out, w)
		}
	}
	return out
}

// anchorValues drops the prefixes of time anchors: "b:august" (an
// article whose date is known) and "t:august" (one whose date is not) name
// the same month.
func anchorValues(anchors []string) []string {
	out := make([]string, len(anchors))
	for i, w := range anchors {
		out[i] = w[2:]
	}
	return out
}

// background reports a time anchor that dates a clause to another time
// than the article's own ("b:" anchors: another year or month, "earlier
// this year", "years ago").
func background(anchors []string) bool {
	for _, w := range anchors {
		if w[:2] == "b:" {
			return true
		}
	}
	return false
}

// names returns the names of a fact's clause ("n:qeshm").
func names(ctx map[string]bool) []string {
	var out []string
	for w := range ctx {
		if len(w) > 2 && w[:2] == "n:" {
			out = append(out, w)
		}
	}
	return out
}

func intersects(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

// valueRatio returns how many times the larger of two figures' central values
// is the smaller.
func valueRatio(a, b *figure) float64 {
	x, y := centre(a), centre(b)
	if x <= 0 || y <= 0 {
		return 1
	}
	if x < y {
		x, y = y, x
	}
	return x / y
}

func centre(f *figure) float64 {
	lo, hi := f.interval()
	if isInf(hi) {
		return lo
	}
	return (lo + hi) / 2
}

// compatible reports whether two figures can state the same quantity.
// Exact values in one unit must be equal; exact values in two units agree
// within their rounding (1,500 km and 940 miles); otherwise the intervals
// the figures allow must overlap (see figure.interval). A vague quantity
// ("dozens") is compatible with anything.
func compatible(a, b *figure) bool {
	if a.qual == qVague || b.qual == qVague {
		// "dozens" fits 40, "thousands" fits an estimated 1,500;
		// "hundreds" does not fit 3,004.
		alo, ahi := a.interval()
		blo, bhi := b.interval()
		if a.qual == qVague {
			alo, ahi = alo/2, ahi*2
		}
		if b.qual == qVague {
			blo, bhi = blo/2, bhi*2
		}
		return alo <= bhi && blo <= ahi
	}
	if a.dim == dimRecord {
		return a.lo == b.lo
	}
	if a.exactPoint() && b.exactPoint() {
		if a.val.Unit == b.val.Unit {
			return a.val.Lo == b.val.Lo
		}
		return math.Abs(a.lo-b.lo) <= (a.step+b.step)/2
	}
	// A round number stated plainly against an approximate one is itself
	// a round figure: "400 stories" fits "almost 400", "$1 million" fits
	// "more than $1 million". (Not small ones: 40 dead is not "at least
	// 43".)
	if a.exactPoint() && roundFigure(a) || b.exactPoint() && roundFigure(b) {
		x, y := a, b
		if !x.exactPoint() {
			x, y = y, x
		}
		xlo, xhi := x.lo-x.step/2, x.lo+x.step/2
		ylo, yhi := y.interval()
		if xlo < yhi && ylo < xhi && (y.qual != qAtLeast || yhi > x.lo) && (y.qual != qNearly && y.qual != qAtMost || ylo < x.lo) {
			return true
		}
	}
	// A lower bound holds for an exact value up to half again above it:
	// "more than two dozen" fits 31, "more than 100,000" fits 120,000.
	if b.exactPoint() && a.qual == qAtLeast {
		a, b = b, a
	}
	if a.exactPoint() && b.qual == qAtLeast {
		// A round bound ("more than 100") says little of how far above.
		above := math.Max(b.step, 0.5*b.lo)
		if b.step >= b.lo {
			above = 1.5 * b.lo
		}
		if b.strict {
			return a.lo > b.lo && a.lo <= b.lo+above
		}
		return a.lo >= b.lo && a.lo <= b.lo+above
	}
	alo, ahi := a.interval()
	blo, bhi := b.interval()
	if alo > bhi || blo > ahi {
		return false
	}
	// Touching intervals: "nearly 300" and "more than 300" do not meet.
	if ahi == blo && (a.strict && a.qual != qAtLeast || b.strict && b.qual == qAtLeast) ||
		bhi == alo && (b.strict && b.qual != qAtLeast || a.strict && a.qual == qAtLeast) {
		return false
	}
	return true
}

// roundFigure reports a number rounded to its first digit and at least
// 100 (400, 1,000, $1 million): stated plainly, it is still a round
// figure.
func roundFigure(f *figure) bool {
	return f.lo >= 100 && f.step >= math.Pow(10, math.Floor(math.Log10(f.lo)))
}

// incompatibility says how sure a conflict between two incompatible
// figures is, and why.
func incompatibility(a, b *figure) (string, string) {
	switch {
	case a.exactPoint() && b.exactPoint() && (a.lo == 0 || b.lo == 0):
		return SureMedium, "one source reports none"
	case a.exactPoint() && b.exactPoint() && a.val.Unit == b.val.Unit:
		if roundsTo(a, b) || roundsTo(b, a) {
			return SureLow, "the values may differ by rounding"
		}
		return SureHigh, "exact values differ"
	case a.exactPoint() && b.exactPoint():
		return SureMedium, "the values differ after converting units"
	case a.qual == qVague || b.qual == qVague:
		return SureLow, "a vague quantity does not fit the other value"
	case a.exactPoint() || b.exactPoint():
		return SureMedium, "an approximate value is outside an exact one"
	}
	return SureLow, "approximate values do not overlap"
}

// roundsTo reports whether a, rounded to b's step, gives b (22.4bn → 22bn).
func roundsTo(a, b *figure) bool {
	if b.step <= a.step || b.step > 0.1*math.Abs(b.lo) {
		return false
	}
	return math.Round(a.lo/b.step)*b.step == b.lo
}

func (figureKind) conflict(r *row, c *alignCtx) (Conflict, bool) {
	sure, why := r.disagreement(
		func(a, b *item) (bool, bool) { return true, compatible(a.fig, b.fig) },
		func(a, b, c *item) bool { return valueRatio(a.fig, b.fig) < valueRatio(a.fig, c.fig) },
		func(a, b *item) (string, string) { return incompatibility(a.fig, b.fig) },
		statesFigure)
	if sure == "" {
		return Conflict{}, false
	}
	if r.strength() < weakAlignment && !r.allPairs(func(a, b *item) bool {
		return (a.fig.near || b.fig.near) && a.fig.measure != "" && a.fig.measure == b.fig.measure
	}) {
		// When every statement gives the one number, what differs is only
		// how it is qualified: no discrepancy to show on so loose an
		// alignment.
		if r.allPairs(sameFigure) {
			return Conflict{}, false
		}
		var ok bool
		if sure, why, ok = r.weakConflict(sure, why, sameFigure); !ok {
			return Conflict{}, false
		}
	}
	x := Conflict{Kind: ConflictFigure, Text: describeFigure(r), Sureness: result.Sureness(sure), Reason: why}
	for i := range r.nodes {
		it := r.item(i)
		d := r.doc(i)
		x.Values = append(x.Values, ConflictValue{Doc: d.art.ID, Line: d.line(it.start), Value: it.fig.String(),
			Wording: d.sentenceText(it.sent)})
	}
	return x, true
}

// sameFigure reports whether two figures give the same number in the
// same unit, whatever their qualifiers ("nearly $80 million" and "$80
// million" give one number; "at least $20 million" and "$23 million" do
// not).
func sameFigure(a, b *item) bool {
	return a.fig.dim == b.fig.dim && a.fig.lo == b.fig.lo && (a.fig.qual == qVague) == (b.fig.qual == qVague)
}

// statesFigure reports whether d states a's figure anywhere: a figure of
// the same dimension, measure (or counted noun), owner and subject, that
// a is compatible with.
func statesFigure(a *item, d *docFacts) bool {
	fa := a.fig
	for i := range d.items {
		f := d.items[i].fig
		if f == nil || f.dim != fa.dim || f.generic || f.attr {
			continue
		}
		same := fa.measure != "" && f.measure == fa.measure || fa.measure == "" && fa.noun != "" && f.noun == fa.noun
		if same && (f.owner == "") == (fa.owner == "") && (f.owner == "" || sameOwner(f, fa)) && f.subject == fa.subject && compatible(fa, f) {
			return true
		}
	}
	return false
}

// allPairs reports whether every pair of items of different articles in
// the row satisfies ok.
func (r *row) allPairs(ok func(a, b *item) bool) bool {
	for x := 0; x < len(r.nodes); x++ {
		for y := x + 1; y < len(r.nodes); y++ {
			if r.c.nodes[r.nodes[x]].doc != r.c.nodes[r.nodes[y]].doc && !ok(r.item(x), r.item(y)) {
				return false
			}
		}
	}
	return true
}

// weakAlignment is the mean cross-article pair score under which the
// alignment itself is uncertain: the statements may be of two things.
const weakAlignment = 1.6

// minConsensus is the number of articles that must state one value for
// a weakly aligned row to be a conflict, and consensusShare the part of
// the row's sources they must be. Rows aligned on little shared wording
// were mostly two things (two people's ages, a game's and a season's
// totals, one offer and another) on clusters not used to build the rules;
// "agreeing" by mere compatibility let four different per-season sums
// pass as a consensus. An outlier against a clear majority stating the
// same value is a discrepancy worth a look, one step less sure.
const (
	minConsensus   = 3
	consensusShare = 2.0 / 3
)

// weakConflict decides the conflict of a weakly aligned row: none unless
// minConsensus articles, and consensusShare of the row's sources, state
// the same value (same), and then one step less sure, saying why.
func (r *row) weakConflict(sure, why string, same func(a, b *item) bool) (string, string, bool) {
	n, total := r.consensus(same), r.sources()
	if n < minConsensus || float64(n) < consensusShare*float64(total) {
		return "", "", false
	}
	return weaker(sure), fmt.Sprintf("%s; the sentences share little wording, but %d of %d sources give the same value",
		why, n, total), true
}

// consensus is the largest number of articles of the row that state the
// same value as one of its items.
func (r *row) consensus(same func(a, b *item) bool) int {
	per := r.perDoc()
	best := 0
	for i := range r.nodes {
		a, n := r.item(i), 0
		for _, d := range per {
			for _, j := range d {
				if j == i || same(a, r.item(j)) {
					n++
					break
				}
			}
		}
		best = max(best, n)
	}
	return best
}

func weaker(s string) string {
	switch s {
	case SureHigh:
		return SureMedium
	}
	return SureLow
}

// strength is the mean score of the row's scored cross-article pairs.
func (r *row) strength() float64 {
	sum, n := 0.0, 0
	for x := 0; x < len(r.nodes); x++ {
		for y := x + 1; y < len(r.nodes); y++ {
			a, b := r.nodes[x], r.nodes[y]
			if r.c.nodes[a].doc == r.c.nodes[b].doc {
				continue
			}
			if p, ok := r.c.scores[key2(a, b)]; ok && p.ok {
				sum += p.s
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return sum / float64(n)
}

// describeFigure says what an aligned figure counts or measures.
func describeFigure(r *row) string {
	measure, noun, owner := "", "", ""
	var f *figure
	for i := range r.nodes {
		f = r.item(i).fig
		if measure == "" {
			measure = f.measure
		}
		if noun == "" || genericNouns[noun] {
			noun = f.val.Noun
		}
		if owner == "" && f.owner != "" {
			owner = f.ownerName
		}
	}
	var parts []string
	switch f.dim {
	case dimCount:
	case dimMoney:
		parts = append(parts, "amount")
	default:
		parts = append(parts, f.dim)
	}
	if measure != "" && measure != f.dim {
		parts = append(parts, measure)
	}
	if noun != "" {
		parts = append(parts, noun)
	}
	s := strings.Join(parts, " ")
	if owner != "" {
		s += " (" + owner + ")"
	}
	if c := r.item(0).fig.convOf; c != "" && r.allPairs(func(a, b *item) bool { return a.fig.convOf == b.fig.convOf }) {
		if v, err := strconv.ParseFloat(c, 64); err == nil {
			s += " (converted from " + formatNumber(v) + ")"
		}
	}
	if s == "" {
		s = "figure"
	}
	return s
}

// String formats a figure for reports: "at least 43", "about 1,000",
// "6.1 magnitude", "150 m", "$80 million", "52-3".
func (f *figure) String() string { return valueString(f.val) }

// valueString formats a value for reports.
func valueString(v Value) string {
	num := func(x float64) string { return formatNumber(x) }
	var s string
	switch {
	case v.Unit == "record" && v.Hi != nil:
		return num(v.Lo) + "-" + num(*v.Hi)
	case v.Hi == nil:
		s = num(v.Lo)
	case *v.Hi == v.Lo:
		s = num(v.Lo)
	default:
		lo, hi := num(v.Lo), num(*v.Hi)
		// "140 million–150 million" is written "140–150 million".
		if i, j := strings.LastIndexByte(lo, ' '), strings.LastIndexByte(hi, ' '); i > 0 && j > 0 && lo[i:] == hi[j:] {
			lo = lo[:i]
		}
		s = lo + "–" + hi
	}
	if v.Unit == "ft" && v.Hi != nil && *v.Hi == v.Lo && v.Lo != math.Trunc(v.Lo) {
		if in := math.Round((v.Lo - math.Trunc(v.Lo)) * 12); math.Abs(v.Lo*12-math.Trunc(v.Lo)*12-in) < 1e-6 {
			s = fmt.Sprintf("%d ft %d in", int(v.Lo), int(in)) // a height: 5 ft 8 in
			v.Unit = ""
		}
	}
	switch v.Unit {
	case "":
	case "$", "€", "£", "¥", "A$":
		s = v.Unit + s
	case "%":
		s += "%"
	default:
		s += " " + v.Unit
	}
	switch {
	case !v.Exact && v.Approx != "" && v.Hi != nil && *v.Hi != v.Lo && !strings.ContainsAny(v.Approx, "0123456789"):
		s = v.Approx + " (" + s + ")" // "dozens (24–99)"
	case v.Approx != "":
		s = v.Approx + " " + s
	case !v.Exact:
		s += " (approx.)"
	}
	return s
}

// formatNumber writes x with thousands separators and no trailing zeros:
// 26000 → "26,000", 5.9 → "5.9", 3e6 → "3 million".
func formatNumber(x float64) string {
	neg := x < 0
	if neg {
		x = -x
	}
	suffix := ""
	for _, s := range []struct {
		f    float64
		name string
	}{{1e12, " trillion"}, {1e9, " billion"}, {1e6, " million"}} {
		if x >= s.f && math.Abs(x/s.f*1000-math.Round(x/s.f*1000)) < 1e-6 {
			x /= s.f
			suffix = s.name
			break
		}
	}
	str := strconv.FormatFloat(x, 'f', -1, 64)
	ip, fp, _ := strings.Cut(str, ".")
	if len(ip) > 3 {
		var b strings.Builder
		for i, r := range ip {
			if i > 0 && (len(ip)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(r)
		}
		ip = b.String()
	}
	if fp != "" {
		ip += "." + fp
	}
	if neg {
		ip = "-" + ip
	}
	return ip + suffix
}

// irregularVerbs maps irregular past forms to a stem.
var irregularVerbs = map[string]string{"sent": "send", "hit": "hit", "fled": "flee", "held": "hold", "took": "take",
	"taken": "take", "left": "leave", "saw": "see", "seen": "see", "made": "make", "shot": "shoot", "struck": "strike",
	"fought": "fight", "lost": "lose", "won": "win", "sold": "sell", "bought": "buy", "built": "build", "spent": "spend",
	"paid": "pay", "cost": "cost", "rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "gave": "give",
	"given": "give", "got": "get", "kept": "keep", "brought": "bring", "caught": "catch", "found": "find",
	"met": "meet", "led": "lead", "ran": "run", "began": "begin", "begun": "begin", "broke": "break",
	"broken": "break", "flew": "fly", "flown": "fly", "grew": "grow", "knew": "know", "threw": "throw",
	"thrown": "throw", "wrote": "write", "dead": "die", "died": "die", "slain": "slay", "sank": "sink", "sunk": "sink",
	"swept": "sweep", "stole": "steal", "stolen": "steal", "drew": "draw", "drawn": "draw", "bore": "bear",
	"wounded": "wound", "injured": "injure", "killed": "kill"}

// auxiliaries come between a counted noun and its verb: "were killed",
// "have been arrested".
var auxiliaries = set("were", "was", "are", "is", "had", "have", "has", "been", "being", "be", "also", "reportedly",
	"later", "all", "still", "then", "allegedly", "apparently", "already", "not")

// verbStem stems a verb form crudely but consistently: killing, killed
// and kills all give "kill"; irregular forms come from irregularVerbs.
func verbStem(w string) (string, bool) {
	if v, ok := irregularVerbs[w]; ok {
		return v, true
	}
	switch {
	case len(w) > 5 && strings.HasSuffix(w, "ing"):
		w = w[:len(w)-3]
	case len(w) > 4 && strings.HasSuffix(w, "ied"):
		return w[:len(w)-3] + "y", true
	case len(w) > 4 && strings.HasSuffix(w, "ed"):
		w = w[:len(w)-2]
	default:
		return "", false
	}
	if n := len(w); n > 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		w = w[:n-1] // stopped → stop
	}
	return strings.TrimSuffix(w, "e"), true
}

// isVerbForm reports a past or present participle: "approved", "rising".
func isVerbForm(w string) bool {
	_, ok := verbStem(w)
	return ok
}

// figurePredicate returns the verb a figure's clause states it with: the
// nearest verb form before it ("sent 300 soldiers", "shooting his three
// co-workers") or after its noun ("10 people were killed"), stemmed.
func figurePredicate(toks []token, a, b int) string {
	for k := a - 1; k >= 0 && k >= a-5; k-- {
		t := toks[k]
		if !t.isWord() || isDigitStart(t.text) {
			break
		}
		if t.isCap() {
			continue
		}
		if v, ok := verbStem(t.lower()); ok {
			return v
		}
	}
	for k := b; k < len(toks) && k < b+4; k++ {
		t := toks[k]
		if !t.isWord() || isDigitStart(t.text) || t.isCap() {
			break
		}
		if auxiliaries[t.lower()] {
			continue
		}
		if v, ok := verbStem(t.lower()); ok {
			return v
		}
		break
	}
	return ""
}

// zeroNouns are the counts a report may give as none: "no injuries".
var zeroNouns = set("injuries", "deaths", "casualties", "fatalities", "arrests", "injured", "dead", "survivors")

// zeroFigure reads a count stated as none: "no injuries were reported",
// "no one was killed", "nobody was hurt".
func zeroFigure(toks []token, i int) (figure, int, bool) {
	l := toks[i].lower()
	j := i + 1
	measure := ""
	switch {
	case l == "no" && j < len(toks) && zeroNouns[toks[j].lower()]:
		measure = measures[toks[j].lower()]
		j++
	case (l == "no" && j < len(toks) && toks[j].lower() == "one" || l == "nobody" || l == "none") && j <= len(toks):
		if l == "no" {
			j++
		}
		for k := j; k < len(toks) && k < j+3; k++ {
			if m, ok := measures[toks[k].lower()]; ok && m != "population" {
				measure = m
				break
			}
		}
	}
	if measure == "" {
		return figure{}, 0, false
	}
	h := 0.0
	f := figure{dim: dimCount, qual: qExact, step: 1, measure: measure, near: true, noun: "",
		val: Value{Lo: 0, Hi: &h, Exact: true, Measure: measure}}
	f.other = j < len(toks) && toks[j].lower() == "else" || i+2 < len(toks) && toks[i+2].lower() == "else"
	f.t0, f.t1 = i, j
	f.start, f.end = toks[i].start, toks[j-1].end
	return f, j, true
}
