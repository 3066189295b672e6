package facts

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// figure is a number found in a sentence with what it counts.
type figure struct {
	start, end int
	val        Value
}

var smallNumbers = map[string]float64{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
	"fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
	"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"dozen": 12}

var scales = map[string]float64{"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"trillion": 1e12, "m": 1e6, "bn": 1e9}

// vague plural quantities: [lo, hi].
var vagueScales = map[string][2]float64{"dozens": {24, 99}, "hundreds": {200, 999}, "thousands": {2000, 9999},
	"millions": {2e6, 9.99e8}, "billions": {2e9, 9.99e11}, "scores": {40, 99}}

// designationOK are capitalised words that may precede a count at a
// sentence start ("About 300", "Some 40").
var designationOK = set("about", "over", "some", "nearly", "almost", "around", "approximately", "roughly",
	"up", "more", "less", "fewer", "at", "between", "only", "just", "than", "to", "estimated", "under", "all")

// vagueUnit is the size of the unit of "hundreds of thousands".
var vagueUnit = map[string]float64{"thousands": 1e3, "millions": 1e6, "billions": 1e9}

// Qualifiers before a number.
const (
	qNone = iota
	qAbout
	qAtLeast
	qAtMost
)

var qualifiers = []struct {
	words []string
	kind  int
}{
	{[]string{"more", "than"}, qAtLeast}, {[]string{"at", "least"}, qAtLeast}, {[]string{"over"}, qAtLeast},
	{[]string{"upwards", "of"}, qAtLeast}, {[]string{"in", "excess", "of"}, qAtLeast},
	{[]string{"fewer", "than"}, qAtMost}, {[]string{"less", "than"}, qAtMost}, {[]string{"up", "to"}, qAtMost},
	{[]string{"nearly"}, qAtMost}, {[]string{"almost"}, qAtMost}, {[]string{"under"}, qAtMost},
	{[]string{"as", "many", "as"}, qAtMost}, {[]string{"about"}, qAbout}, {[]string{"around"}, qAbout},
	{[]string{"approximately"}, qAbout}, {[]string{"roughly"}, qAbout}, {[]string{"some"}, qAbout},
	{[]string{"an", "estimated"}, qAbout}, {[]string{"estimated"}, qAbout}, {[]string{"close", "to"}, qAbout},
}

// nounStop ends the search for a counted noun.
var nounStop = set("of", "and", "or", "but", "in", "on", "at", "to", "from", "for", "with", "by", "as", "than",
	"that", "who", "which", "were", "was", "are", "is", "have", "has", "had", "will", "would", "could", "can",
	"said", "says", "the", "a", "an", "this", "these", "those", "their", "its", "his", "her", "our", "after",
	"before", "since", "during", "when", "while", "into", "out", "over", "under", "about", "more", "less",
	"ago", "later", "earlier", "per", "each", "apiece", "be", "been", "being", "not", "also", "so", "if")

var irregularPlural = map[string]string{"people": "person", "men": "man", "women": "woman", "children": "child",
	"police": "police", "personnel": "personnel", "staff": "staff", "feet": "foot", "teeth": "tooth",
	"mice": "mouse", "data": "data", "media": "media", "troops": "troop", "dead": "dead", "injured": "injured",
	"wounded": "wounded", "killed": "killed", "missing": "missing", "homeless": "homeless"}

// synonyms count the same thing.
var nounSynonyms = map[string]string{"troop": "soldier", "serviceman": "soldier", "servicemen": "soldier",
	"fighter": "fighter", "militant": "fighter", "dead": "death", "killed": "death", "fatality": "death",
	"casualty": "casualty", "individual": "person", "resident": "person", "civilian": "civilian",
	"percent": "%", "pct": "%", "dollar": "$", "euro": "€", "pound": "£", "usd": "$", "us$": "$"}

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
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

func canonicalNoun(w string) string {
	l := lemma(w)
	if s, ok := nounSynonyms[l]; ok {
		return s
	}
	return l
}

func isPlural(w string) bool {
	l := strings.ToLower(w)
	if _, ok := irregularPlural[l]; ok {
		return true
	}
	return lemma(l) != l
}

// parseDigits parses "2,069", "3.5", "1.2m"; ok is false for anything else.
func parseDigits(s string) (float64, string, bool) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == ',' || s[i] == '.') {
		i++
	}
	if i == 0 {
		return 0, "", false
	}
	num := strings.ReplaceAll(s[:i], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, "", false
	}
	return v, s[i:], true
}

// extractFigures finds the figures of one sentence. mask marks token
// indexes already used by dates.
func extractFigures(toks []token, mask []bool) []figure {
	var out []figure
	for i := 0; i < len(toks); i++ {
		if mask[i] || !toks[i].isWord() && !isCurrency(toks[i].text) {
			continue
		}
		f, next, ok := parseFigure(toks, i, mask)
		if !ok {
			continue
		}
		out = append(out, f)
		i = next - 1
	}
	return out
}

func isCurrency(s string) bool { return s == "$" || s == "€" || s == "£" || s == "¥" }

// parseFigure parses a figure starting at token i (a currency sign, a
// number, a number word or a vague quantity); next is the token after it.
func parseFigure(toks []token, i int, mask []bool) (figure, int, bool) {
	start := i
	unit := ""
	if isCurrency(toks[i].text) {
		unit = toks[i].text
		i++
		if i >= len(toks) || mask[i] {
			return figure{}, 0, false
		}
	}
	lw := toks[i].lower()
	var lo, hi float64
	exact := true
	open := false
	noun := ""
	j := i + 1
	switch {
	case isDigitStart(toks[i].text):
		if j+1 < len(toks) && (toks[j].text == ":" || toks[j].text == "/") && isDigitStart(toks[j+1].text) ||
			i >= 2 && (toks[i-1].text == ":" || toks[i-1].text == "/") && isDigitStart(toks[i-2].text) {
			return figure{}, 0, false // a time of day (23:51), a fraction or date (4/2)
		}
		if i > 0 && toks[i-1].isWord() && toks[i-1].isCap() && !designationOK[toks[i-1].lower()] {
			if _, month := months[toks[i-1].lower()]; !month {
				return figure{}, 0, false // a designation: Route 52, AK 47, Flight 370
			}
		}
		v, rest, ok := parseDigits(toks[i].text)
		if !ok {
			return figure{}, 0, false
		}
		lo, hi = v, v
		switch {
		case rest == "":
		case rest == "%":
			unit = "%"
		case strings.HasPrefix(rest, "-year-old") || strings.HasPrefix(rest, "-years-old"):
			unit, noun = "age", "age"
		case strings.HasPrefix(rest, "-") && len(rest) > 1:
			if v2, r2, ok := parseDigits(rest[1:]); ok && r2 == "" { // 10-20
				if v2 <= v {
					return figure{}, 0, false // a score or a record: 31-24, 11-5
				}
				hi = v2
			} else if isLetters(rest[1:]) { // 5-year, 3-day
				noun = lemma(rest[1:])
			} else {
				return figure{}, 0, false
			}
		case rest == "m" || rest == "bn" || rest == "k":
			lo *= map[string]float64{"m": 1e6, "bn": 1e9, "k": 1e3}[rest]
			hi = lo
		default:
			return figure{}, 0, false // ordinals (21st), codes (A4), times (3pm)
		}
		// A bare four-digit year is a date, not a figure.
		if unit == "" && noun == "" && rest == "" && lo >= 1800 && lo <= 2100 && !strings.Contains(toks[i].text, ",") && lo == math.Trunc(lo) {
			if j >= len(toks) || !isPlural(toks[j].text) || !toks[j].isWord() {
				return figure{}, 0, false
			}
		}
	case compoundNumber(lw) > 0:
		lo, hi = compoundNumber(lw), compoundNumber(lw)
	case smallNumbers[lw] > 0 || lw == "several" || lw == "a" || lw == "few":
		if v, ok := smallNumbers[lw]; ok {
			lo, hi = v, v
		} else {
			// "several hundred", "a few thousand", "a dozen"
			if j >= len(toks) {
				return figure{}, 0, false
			}
			k := j
			if lw == "a" && toks[k].lower() == "few" {
				k++
			}
			if k >= len(toks) {
				return figure{}, 0, false
			}
			s, ok := scales[toks[k].lower()]
			switch {
			case ok && s >= 100:
				if lw == "several" {
					lo, hi = 2*s, 9*s
				} else if lw == "a" && k == j {
					lo, hi = s, s
				} else {
					lo, hi = 2*s, 5*s
				}
				exact = lw == "a" && k == j
				j = k + 1
			case toks[k].lower() == "dozen":
				lo, hi = 12, 12
				exact = lw == "a"
				if lw == "several" {
					lo, hi = 24, 108
				}
				j = k + 1
			default:
				return figure{}, 0, false
			}
		}
	case vagueScales[lw] != [2]float64{}:
		v := vagueScales[lw]
		lo, hi, exact = v[0], v[1], false
		// "hundreds of thousands", "tens of thousands"
		if j+1 < len(toks) && toks[j].text == "of" {
			if u, ok := vagueUnit[toks[j+1].lower()]; ok {
				lo, hi = v[0]*u, v[1]*u+u-1
				j += 2
			}
		}
	case lw == "tens" && j+1 < len(toks) && toks[j].text == "of":
		if u, ok := vagueUnit[toks[j+1].lower()]; ok {
			lo, hi, exact = 20*u, 99*u, false
			j += 2
		} else {
			return figure{}, 0, false
		}
	default:
		return figure{}, 0, false
	}
	// Scale words: "5,000 troops", "3 million", "two thousand".
	for j < len(toks) {
		if s, ok := scales[toks[j].lower()]; ok && !(toks[j].lower() == "m" && !isDigitStart(toks[i].text)) {
			lo, hi = lo*s, hi*s
			j++
			continue
		}
		break
	}
	// Ranges: "10 to 20", "between 10 and 20".
	if j+1 < len(toks) && (toks[j].text == "to" || toks[j].text == "-" || toks[j].text == "–" ||
		toks[j].text == "and" && start > 0 && toks[start-1].lower() == "between") {
		if v2, rest, ok := parseDigits(toks[j+1].text); ok && rest == "" && isDigitStart(toks[i].text) && v2 > lo {
			hi = v2
			if toks[j].text == "and" {
				start-- // include "between"
			}
			j += 2
		}
	}
	// Unit words after the number.
	if j < len(toks) {
		switch toks[j].lower() {
		case "%", "percent":
			unit = "%"
			j++
		case "per":
			if j+1 < len(toks) && toks[j+1].lower() == "cent" {
				unit = "%"
				j += 2
			}
		case "dollars", "euros", "pounds", "yen", "rubles", "roubles":
			unit = canonicalNoun(toks[j].lower())
			j++
		case "years", "year":
			if j+1 < len(toks) && toks[j+1].lower() == "old" {
				unit, noun = "age", "age"
				j += 2
			}
		}
	}
	// Qualifier before the figure.
	q := qNone
	for _, qq := range qualifiers {
		n := len(qq.words)
		if start-n < 0 {
			continue
		}
		match := true
		for k, w := range qq.words {
			if toks[start-n+k].lower() != w {
				match = false
				break
			}
		}
		if match {
			q = qq.kind
			start -= n
			break
		}
	}
	switch q {
	case qAbout:
		exact = false
	case qAtLeast:
		exact, open = false, true
	case qAtMost:
		exact = false
		lo = 0
	}
	// Counted noun: the head of the words that follow ("uniformed
	// personnel", "Wagner paramilitaries"), after "of" for vague figures.
	end := j
	if noun == "" {
		k := j
		if unit != "" && (k >= len(toks) || toks[k].text != "of") {
			k = len(toks) // "7 percent last year": no counted noun
		}
		if k < len(toks) && toks[k].text == "of" && (!exact || unit != "") {
			k++
			if k < len(toks) && toks[k].text == "the" {
				k++
			}
		}
		var run []token
		for ; k < len(toks) && len(run) < 3; k++ {
			t := toks[k]
			if !t.isWord() || nounStop[t.lower()] || isDigitStart(t.text) {
				break
			}
			run = append(run, t)
		}
		pick := -1
		for x := len(run) - 1; x >= 0; x-- {
			if isPlural(run[x].text) {
				pick = x
				break
			}
		}
		if pick < 0 && len(run) > 0 && !speechVerbs[run[0].lower()] && !strings.HasSuffix(run[0].lower(), "ed") {
			pick = 0
		}
		if pick >= 0 {
			noun = canonicalNoun(run[pick].text)
			end = k - len(run) + pick + 1
		}
	}
	if noun == "" && unit == "" {
		// A bare number ("at 3") is too weak a fact to compare; a vague
		// quantity ("Thousands fled") is kept.
		if exact && (!isDigitStart(toks[i].text) || lo < 10) {
			return figure{}, 0, false
		}
	}
	if strings.HasPrefix(unit, "$") || unit == "€" || unit == "£" || unit == "¥" {
		unit = canonicalNoun(unit)
	}
	v := Value{Lo: lo, Exact: exact, Unit: unit, Noun: noun}
	if !open {
		h := hi
		v.Hi = &h
	}
	return figure{start: toks[start].start, end: toks[max(end, j)-1].end, val: v}, max(end, j), true
}

func isLetters(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' {
			return false
		}
	}
	return s != ""
}

// compatible reports whether two figures can be the same quantity: their
// ranges overlap once approximate figures are widened by 15%.
func compatible(a, b Value) bool {
	if a.Unit != b.Unit {
		return false
	}
	alo, ahi := widen(a)
	blo, bhi := widen(b)
	return alo <= bhi && blo <= ahi
}

func widen(v Value) (float64, float64) {
	lo, hi := v.Lo, math.Inf(1)
	if v.Hi != nil {
		hi = *v.Hi
	}
	if !v.Exact {
		lo, hi = lo*0.85, hi*1.15
	}
	return lo, hi
}

// String formats a value for reports: "300", "200–900 (approx.)", "≥5000".
func (v Value) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	var s string
	switch {
	case v.Hi == nil:
		s = "≥" + f(v.Lo)
	case *v.Hi == v.Lo:
		s = f(v.Lo)
	case v.Lo == 0:
		s = "≤" + f(*v.Hi)
	default:
		s = f(v.Lo) + "–" + f(*v.Hi)
	}
	if v.Unit != "" && v.Unit != "age" {
		s += " " + v.Unit
	}
	if !v.Exact {
		s += " (approx.)"
	}
	return s
}

// compoundNumber parses "twenty-five"; 0 otherwise.
func compoundNumber(w string) float64 {
	a, b, ok := strings.Cut(w, "-")
	if !ok {
		return 0
	}
	x, y := smallNumbers[a], smallNumbers[b]
	if x >= 20 && x <= 90 && y > 0 && y < 10 {
		return x + y
	}
	return 0
}
