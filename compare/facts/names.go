package facts

import (
	"strings"
	"unicode"

	"github.com/adrg/strutil"
	"github.com/adrg/strutil/metrics"
	"golang.org/x/text/unicode/norm"
)

// Name matching. Two name tokens are the same when, after folding case,
// diacritics and common transliteration differences (w/v, y/i, doubled
// letters, -iy/-y endings, kh/h, ph/f, ck/k), they are equal, or differ by
// one edit of a kind spelling variants produce: an adjacent transposition
// (Bogdanov/Bodganov), a phonetically close substitution (s/z, c/k, f/v,
// i/e) or a dropped vowel in a long name. Jaro-Winkler (strutil) gates the
// edit rule so that short or very different tokens never merge; Wagner and
// Warner differ by an r/g substitution, which is not a close pair.

var jaroWinkler = metrics.NewJaroWinkler()

var translit = strings.NewReplacer("kh", "h", "ph", "f", "ck", "k", "w", "v", "y", "i", "j", "i", "ou", "u")

// firstLetterGroup maps an ASCII initial to the letter transliteration
// folding gives it, so most pairs are rejected without folding.
func firstLetterGroup(b byte) byte {
	switch b |= 0x20; b {
	case 'w':
		return 'v'
	case 'y', 'j':
		return 'i'
	case 'k':
		return 'h' // kh → h; k alone stays k, so 'k' joins both groups
	case 'p':
		return 'f'
	}
	return b
}

// foldName lower-cases s, strips diacritics and applies transliteration folding.
func foldName(s string) string {
	s = strings.ToLower(s)
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || r == '.' || r == '\'' || r == '’' {
			continue
		}
		if r == '-' {
			r = ' '
		}
		b.WriteRune(r)
	}
	s = b.String()
	s = translit.Replace(s)
	// Collapse doubled letters.
	var out []rune
	for _, r := range s {
		if len(out) > 0 && out[len(out)-1] == r {
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// plainFold lower-cases and strips diacritics only: equal plainFolds are the
// same spelling.
func plainFold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		if unicode.Is(unicode.Mn, r) || r == '.' {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// sameToken reports whether two name tokens are the same name; exact is
// true when they are spelled alike (ignoring case and abbreviation dots).
func sameToken(a, b string) (same, exact bool) {
	if a == "" || b == "" {
		return false, false
	}
	if a[0] < 0x80 && b[0] < 0x80 && a[0]|0x20 != b[0]|0x20 {
		ga, gb := firstLetterGroup(a[0]), firstLetterGroup(b[0])
		if ga != gb && a[0]|0x20 != 'k' && b[0]|0x20 != 'k' && a[0]|0x20 != 'p' && b[0]|0x20 != 'p' {
			return false, false
		}
	}
	if plainFold(a) == plainFold(b) {
		return true, true
	}
	fa, fb := foldName(a), foldName(b)
	if fa == fb {
		return true, false
	}
	ra, rb := []rune(fa), []rune(fb)
	if len(ra) < 5 || len(rb) < 5 || ra[0] != rb[0] {
		return false, false
	}
	if strutil.Similarity(fa, fb, jaroWinkler) < 0.85 {
		return false, false
	}
	return closeEdit(ra, rb), false
}

// closeEdit reports whether a and b differ by exactly one edit of the kinds
// spelling variants produce.
func closeEdit(a, b []rune) bool {
	if len(a) == len(b) {
		diff := []int{}
		for i := range a {
			if a[i] != b[i] {
				diff = append(diff, i)
			}
		}
		switch len(diff) {
		case 1:
			return closePair(a[diff[0]], b[diff[0]])
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && a[i] == b[j] && a[j] == b[i] // adjacent transposition
		}
		return false
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b) != len(a)+1 || len(b) < 7 {
		return false
	}
	// b has one extra rune: it must be a vowel.
	for i := range b {
		if string(b[:i])+string(b[i+1:]) == string(a) {
			return strings.ContainsRune("aeiou", b[i])
		}
	}
	return false
}

var closePairs = []string{"sz", "ck", "cs", "fv", "ie", "ae", "ou", "dt", "gk", "qk", "ao", "eo"}

func closePair(x, y rune) bool {
	for _, p := range closePairs {
		r := []rune(p)
		if x == r[0] && y == r[1] || x == r[1] && y == r[0] {
			return true
		}
	}
	return false
}

// nameTokens splits a name into its tokens (hyphenated names split too).
func nameTokens(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' })
	out := f[:0]
	for _, t := range f {
		t = strings.TrimSuffix(t, ".")
		if t != "" && !nameConnectors[strings.ToLower(t)] {
			out = append(out, t)
		}
	}
	return out
}

// sameName reports whether two names refer to the same entity: the shorter
// is part of the longer (Touadera / Faustin-Archange Touadera), token by
// token up to spelling variants, or one is the acronym of the other.
// spelling is true when they are spelled differently beyond being partial.
func sameName(a, b string) (same, spelling bool) {
	ta, tb := nameTokens(a), nameTokens(b)
	if len(ta) == 0 || len(tb) == 0 {
		return false, false
	}
	if len(ta) > len(tb) {
		ta, tb = tb, ta
	}
	if m, ex := partOfName(ta, tb); m {
		return true, !ex
	}
	if len(ta) == 1 && isAllCaps(ta[0]) && len(tb) >= 2 {
		var ac strings.Builder
		for _, t := range tb {
			r := []rune(t)
			if unicode.IsUpper(r[0]) {
				ac.WriteRune(r[0])
			}
		}
		if ac.String() == strings.ReplaceAll(ta[0], ".", "") {
			return true, false
		}
	}
	return false, false
}

// nameKind aligns the names of people, organisations and places: the same
// name, or one part of the other token by token up to spelling variants
// (see sameName), whatever type each mention was given. An aligned name
// conflicts when it is spelled in ways that differ beyond being a shorter
// form, within one article or across articles.
type nameKind struct{}

func (nameKind) multi() bool { return false }

// bucket groups names by the folded initial of their last token, so only
// names that may match are compared.
func (nameKind) bucket(it *item) string {
	t := nameTokens(it.name)
	if len(t) == 0 {
		return ""
	}
	r := []rune(foldName(t[len(t)-1]))
	if len(r) == 0 {
		return ""
	}
	return string(r[0])
}

func (nameKind) score(a, b *item, sameDoc bool, c *alignCtx) (float64, bool, bool) {
	if a.canonName == b.canonName && a.canonName != "" {
		if plainFold(a.name) == plainFold(b.name) {
			return 3, true, false
		}
		return 2.8, true, false // spelled with variants of one name
	}
	if a.kind != b.kind {
		return 0, false, false
	}
	if same, _ := sameName(a.name, b.name); same {
		return 2 + strutilJW(a.name, b.name), true, false
	}
	return 0, false, false
}

func strutilJW(a, b string) float64 {
	fa, fb := foldName(a), foldName(b)
	if fa == "" || fb == "" {
		return 0
	}
	return jaroWinkler.Compare(fa, fb)
}

// conflict: spelling conflicts come from the comparison-wide spelling
// pass (see spellingGroups), not from one aligned row.
func (nameKind) conflict(r *row, c *alignCtx) (Conflict, bool) { return Conflict{}, false }
