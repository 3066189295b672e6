package facts

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storydiff/storydiff/shingle"
)

// Spelling. Every capitalised word of every sentence of a comparison
// (names, whatever type they were given, and words the entity rules did
// not keep) is a spelling; two spellings are variants of one name when
// they differ by an edit a misspelling or a transliteration makes
// (spellingVariant) and something ties them together: they share the rest
// of a name ("Heydar Alishbandi", "Heydar Alishvandi"), one article uses
// both, they are long enough to be distinctive, or their sentences say
// the same things. Variants are grouped; each group is a spelling
// conflict, and names spelled with variants align as one fact.

// spelling is one spelling of a capitalised word in a comparison.
type spelling struct {
	text    string          // as first written
	key     string          // plainFold: spellings differing in case or diacritics only are one
	fold    string          // foldName
	first   map[int]int     // article → offset of its first occurrence
	count   map[int]int     // article → occurrences
	co      map[string]bool // keys of the words written next to it in a name
	ctx     map[string]bool // content words of its sentences (bounded)
	known   bool            // a place, demonym or organisation of the lexicons
	word    bool            // an English word the articles also write in lower case
	english bool            // a common English word (englishWords), capitalised as one (not BlackBerry)
	// free counts the occurrences whose capital says "name": not at the
	// start of a sentence, not in a title-case heading.
	free int
}

// maxSpellings bounds the spellings compared per comparison; each is
// compared only with spellings of its initial and near length.
const maxSpellings = 20000

// spellingGroups finds the groups of variant spellings in docs. It returns
// the spellings and, per group (a union-find root with two or more
// members), its members.
func spellingGroups(docs []*docFacts, vocab map[string]bool) ([]*spelling, [][]int) {
	var sps []*spelling
	index := map[string]int{}
	for di, d := range docs {
		for si, s := range d.sents {
			toks := tokenize(d.text, s.start, s.end)
			heading, _ := headingStyle(toks)
			for i := 0; i < len(toks); i++ {
				if !nameWord(toks, i) {
					continue
				}
				j := i + 1
				for j < len(toks) && nameWord(toks, j) {
					j++
				}
				if otherFormCue(toks, i) {
					i = j - 1 // "born Betty Mae Page", "a diminutive of Vincente": a form the text explains
					continue
				}
				for k := i; k < j; k++ {
					t := toks[k]
					w := strings.TrimSuffix(strings.TrimSuffix(t.text, "."), "'")
					if k == i && isSentenceStart(toks, k) && ordinaryWord(w) {
						continue
					}
					if utf8.RuneCountInString(w) < 3 || commonWords[strings.ToLower(w)] {
						continue
					}
					key := plainFold(w)
					x, ok := index[key]
					if !ok {
						if len(sps) >= maxSpellings {
							continue
						}
						x = len(sps)
						index[key] = x
						l := strings.ToLower(w)
						sps = append(sps, &spelling{text: w, key: key, fold: foldName(w), first: map[int]int{},
							count: map[int]int{}, co: map[string]bool{}, ctx: map[string]bool{},
							known: places[l] || demonyms[l] || knownOrgs[l] || multiPlaces[l], word: vocab[l], english: englishWords()[l] && w[1:] == l[1:]})
					}
					sp := sps[x]
					if _, seen := sp.first[di]; !seen {
						sp.first[di] = t.start
					}
					sp.count[di]++
					if !heading && (!isSentenceStart(toks, k) || subjectAt(toks, j)) {
						sp.free++
					}
					for m := i; m < j; m++ {
						if m != k {
							sp.co[plainFold(toks[m].text)] = true
						}
					}
					if len(sp.ctx) < 60 {
						for w := range contextWords(toks, k, k+1) {
							sp.ctx[w] = true
						}
					}
				}
				i = j - 1
			}
			_ = si
		}
	}
	// Candidates share a deletion key: the fold with one letter deleted
	// (two in long words), without a particle or a final e. Every pair
	// spellingVariant can accept shares one, so the work stays linear.
	uf := shingle.NewUnionFind(len(sps))
	byKey := map[string][]int{}
	var keys []string
	for x, sp := range sps {
		for _, k := range deletionKeys(sp.fold) {
			if _, ok := byKey[k]; !ok {
				keys = append(keys, k)
			}
			if len(byKey[k]) < maxKeyPostings {
				byKey[k] = append(byKey[k], x)
			}
		}
	}
	tried := map[[2]int]bool{}
	for _, k := range keys {
		g := byKey[k]
		for a := 0; a < len(g); a++ {
			for b := a + 1; b < len(g); b++ {
				pair := [2]int{min(g[a], g[b]), max(g[a], g[b])}
				if tried[pair] {
					continue
				}
				tried[pair] = true
				x, y := sps[g[a]], sps[g[b]]
				if ok, _ := spellingVariant(x.text, y.text); !ok || !tiedSpellings(x, y) || twoEdits(x, y) && !sharedName(x, y) && !anagram(x.fold, y.fold) {
					continue
				}
				uf.Union(g[a], g[b])
			}
		}
	}
	return sps, uf.Groups()
}

// maxKeyPostings bounds the spellings sharing one deletion key.
const maxKeyPostings = 64

// deletionKeys returns the keys a folded spelling is indexed under: itself,
// every form with one letter deleted (two letters for words of nine or
// more), and its forms without a particle or a final e.
func deletionKeys(f string) []string {
	r := []rune(f)
	keys := []string{f, stripParticle(f), strings.TrimSuffix(f, "e")}
	if len(r) > 24 {
		return keys
	}
	for i := range r {
		d := string(r[:i]) + string(r[i+1:])
		keys = append(keys, d)
		if len(r) >= 9 {
			dr := []rune(d)
			for j := i; j < len(dr); j++ {
				keys = append(keys, string(dr[:j])+string(dr[j+1:]))
			}
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// nameWord reports whether toks[i] is a capitalised word that can be part
// of a name.
func nameWord(toks []token, i int) bool {
	t := toks[i]
	if !t.isWord() || isDigitStart(t.text) || isCalendarWord(t.lower()) || isContraction(t.text) {
		return false
	}
	return t.isCap() || particleName(t.text)
}

// particleName reports a name written after a lower-case particle:
// "al-Fakhora", "el-Sisi", "bin-Laden", "d'Estaing".
func particleName(w string) bool {
	for _, p := range []string{"al-", "el-", "bin-", "ibn-", "abu-", "d'", "d’"} {
		if rest, ok := strings.CutPrefix(w, p); ok && rest != "" && unicode.IsUpper(firstRune(rest)) {
			return true
		}
	}
	return false
}

// otherFormCues introduce another form of a name that the text itself
// explains: a birth name, the full form of a nickname, an alias.
var otherFormCues = [][]string{{"born"}, {"née"}, {"nee"}, {"diminutive", "of"}, {"short", "for"},
	{"also", "spelled"}, {"also", "spelt"}, {"known", "as"}, {"nicknamed"}, {"formerly"}, {"real", "name"},
	{"maiden", "name"}, {"birth", "name"}}

// otherFormCue reports whether the name starting at toks[i] follows one
// of otherFormCues.
func otherFormCue(toks []token, i int) bool {
	for _, c := range otherFormCues {
		if precededBy(toks, i, c) {
			return true
		}
	}
	return false
}

// subjectAt reports whether the words from toks[j] say that the name
// before them is a sentence's subject ("Regains didn't reveal", "Smith
// said", "Hunt was"): its capital then says "name" even at the start.
func subjectAt(toks []token, j int) bool {
	if j >= len(toks) || !toks[j].isWord() {
		return false
	}
	l := toks[j].lower()
	return auxiliaries[l] || speechVerbs[l] || isContraction(toks[j].text) ||
		l == "did" || l == "does" || l == "will" || l == "would" || l == "could" || l == "can"
}

// isSentenceStart reports whether toks[k] starts its sentence or a quote.
func isSentenceStart(toks []token, k int) bool {
	for k > 0 {
		k--
		if toks[k].isWord() {
			return false
		}
		if !isQuoteMark(firstRune(toks[k].text)) && toks[k].text != "(" && toks[k].text != "-" && toks[k].text != "—" {
			return false
		}
	}
	return true
}

// ordinaryWord reports a word that is capitalised only because it starts
// a sentence: an English word of the lexicons or a role word.
func ordinaryWord(w string) bool {
	l := strings.ToLower(w)
	return commonWords[l] || roleNouns[l] || roleModifiers[l] || nounStop[l] || speechVerbs[l] || auxiliaries[l]
}

// tiedSpellings reports whether two variant spellings are tied to one
// name: they share the rest of a name, one article writes both (and one
// of them only once there), they are long enough to be distinctive, or
// their sentences share words.
func tiedSpellings(x, y *spelling) bool {
	if x.known && y.known {
		return false // Iran and Iraq, Austria and Australia
	}
	// Words the articles also write in lower case are English words in a
	// capitalised headline (Villages, Villagers; Dairy, Daily), unless one
	// of them is a long name.
	if x.word && y.word || (x.word || y.word) && max(len(x.fold), len(y.fold)) <= 5 {
		return false
	}
	// An English word (or one the articles write in lower case too)
	// capitalised only where any word is (a sentence's start, a headline)
	// is that word: "DUI Charges" is no misspelling of the Chargers, nor
	// "Check out" of Chuck.
	if (x.word || x.english) && x.free == 0 || (y.word || y.english) && y.free == 0 {
		return false
	}
	if (demonyms[strings.ToLower(x.text)] || places[strings.ToLower(x.text)]) != (demonyms[strings.ToLower(y.text)] || places[strings.ToLower(y.text)]) &&
		suffixOnly(x.fold, y.fold) {
		return false // German and Germany
	}
	if sharedName(x, y) {
		return true
	}
	if len(x.co) > 0 && len(y.co) > 0 && max(len(x.fold), len(y.fold)) < 8 {
		return false // Philip Hickok and Phillip Stirling: two people
	}
	for d, n := range x.count {
		if m, ok := y.count[d]; ok && (n == 1 || m == 1) {
			return true
		}
	}
	long := max(utf8.RuneCountInString(x.fold), utf8.RuneCountInString(y.fold))
	if long >= 8 {
		return true
	}
	if long >= 6 {
		inter := 0
		for w := range x.ctx {
			if y.ctx[w] && !strings.HasPrefix(w, "n:"+x.fold) && !strings.HasPrefix(w, "n:"+y.fold) {
				inter++
			}
		}
		return inter >= 3
	}
	return false
}

// twoEdits reports spellings two edits apart (Christian, Christmas): only
// the rest of a shared name, or the same letters, tie them.
func twoEdits(x, y *spelling) bool {
	d, _ := osa([]rune(x.fold), []rune(y.fold))
	return d >= 2
}

// anagram reports two spellings of the same letters: letters swapped in
// typing (Klitschko, Klitchsko), not another word (Christian, Christmas).
func anagram(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) != len(rb) {
		return false
	}
	slices.Sort(ra)
	slices.Sort(rb)
	return slices.Equal(ra, rb)
}

// sharedName reports whether two spellings are written with a common word
// of a name ("Heydar Alishbandi", "Heydar Alishvandi").
func sharedName(x, y *spelling) bool {
	for k := range x.co {
		if y.co[k] {
			return true
		}
	}
	return false
}

// suffixOnly reports whether a and b differ only at their end.
func suffixOnly(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	return strings.HasPrefix(b, a[:max(0, len(a)-1)])
}

// nameParticles are prefixes a surname may be written with or without.
var nameParticles = []string{"la", "le", "de", "di", "da", "du", "van", "von", "mc", "mac", "al-", "el-", "al", "el", "o'", "d'"}

// spellingVariant reports whether two spellings of a capitalised word may
// be one name: equal after folding transliteration differences (kh/h,
// y/i, w/v, ou/u, doubled letters: a transliteration, translit true),
// with or without a particle (LaCalamita, Calamita) or a final e (Wolfe,
// Wolff), or one edit apart as misspellings are: an adjacent
// transposition, an inserted or dropped letter, a substituted letter (for
// words of four letters a vowel for a vowel), or two edits in a word of
// nine letters or more. Both must begin alike.
func spellingVariant(a, b string) (ok, translit bool) {
	if plainFold(a) == plainFold(b) || expandAbbrev(plainFold(a)) == expandAbbrev(plainFold(b)) {
		return false, false
	}
	fa, fb := foldName(a), foldName(b)
	if fa == "" || fb == "" {
		return false, false
	}
	if fa == fb {
		return true, true
	}
	// An acronym is another name unless it folds to the same letters
	// (OPAL, Oppal): IRNA is not Iran.
	if isAllCaps(a) != isAllCaps(b) {
		return false, false
	}
	// A plural, a possessive or another form of one English word is not
	// another spelling (Democrats, Democratic; Escaped, Escapes), nor is a
	// British or American spelling (Organisation, Organization).
	if morphological(fa, fb) || britishAmerican(plainFold(a)) == britishAmerican(plainFold(b)) {
		return false, false
	}
	if strings.TrimSuffix(fa, "e") == strings.TrimSuffix(fb, "e") {
		return true, false
	}
	pa, pb := stripParticle(fa), stripParticle(fb)
	if (pa != fa || pb != fb) && pa == pb && utf8.RuneCountInString(pa) >= 4 {
		return true, false
	}
	ra, rb := []rune(fa), []rune(fb)
	long := max(len(ra), len(rb))
	if long < 4 || min(len(ra), len(rb)) < 3 {
		return false, false
	}
	if ra[0] != rb[0] && !(len(ra) > 1 && len(rb) > 1 && ra[0] == rb[1] && ra[1] == rb[0]) {
		return false, false
	}
	d, sub := osa(ra, rb)
	if d >= 1 && long <= 6 && (strings.HasPrefix(fa, fb) || strings.HasPrefix(fb, fa)) {
		return false, false // a short form: Phil, Philly
	}
	switch {
	case d == 1 && long == 4 && len(ra) != len(rb):
		// Jon, John: only a vowel or an h comes and goes in a short name.
		x, y := ra, rb
		if len(x) > len(y) {
			x, y = y, x
		}
		for i := range y {
			if i == len(x) || x[i] != y[i] {
				return isVowel(y[i]) || y[i] == 'h', false
			}
		}
		return false, false
	case d == 1 && long == 4:
		return sub == nil || isVowel(sub[0]) && isVowel(sub[1]), false
	case d == 1:
		return true, false
	case d == 2 && long >= 9:
		return true, false
	}
	return false, false
}

func isVowel(r rune) bool { return strings.ContainsRune("aeiouy", r) }

// englishSuffixes are endings that make another form of one word.
var englishSuffixes = set("", "s", "es", "ed", "d", "ic", "ics", "ing", "er", "ers", "ist", "ists", "ism", "al", "ly",
	"ian", "ians", "an", "ans", "ese", "ation", "ations", "a", "um", "on", "us", "i", "t", "ce", "cy", "ts")

// morphological reports whether a and b differ only by an English ending
// after a common stem of five letters or more.
func morphological(a, b string) bool {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n >= 5 && englishSuffixes[a[n:]] && englishSuffixes[b[n:]]
}

// britishAmerican folds British spellings and hyphens to one form:
// organisation/organization, centre/center, labour/labor, co-operation/
// cooperation.
var britishAmerican = func() func(string) string {
	r := strings.NewReplacer("isation", "ization", "ise", "ize", "yse", "yze", "our", "or", "tre", "ter", "-", "", "ll", "l")
	return func(s string) string { return r.Replace(s) }
}()

// abbreviations of place words written inside names: Aoraki-Mt, St Louis.
var placeAbbrev = strings.NewReplacer("mt.", "mount", "mt", "mount", "st.", "saint", "ft.", "fort", "ft", "fort")

// expandAbbrev expands the abbreviations that are a whole part of a name
// ("aoraki-mt" → "aoraki-mount").
func expandAbbrev(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '-' || r == ' ' })
	for i, p := range parts {
		if x := placeAbbrev.Replace(p); x != p && len(p) <= 3 {
			parts[i] = x
		}
	}
	return strings.Join(parts, "-")
}

// stripParticle removes a leading particle glued to a surname.
func stripParticle(s string) string {
	for _, p := range nameParticles {
		if strings.HasPrefix(s, p) && len(s) > len(p)+3 {
			return strings.TrimPrefix(s[len(p):], "-")
		}
	}
	return s
}

// osa returns the optimal-string-alignment distance of a and b (edits:
// insert, delete, substitute, transpose adjacent) and, when it is one
// substitution, the two runes substituted.
func osa(a, b []rune) (int, []rune) {
	if len(a) == len(b) {
		var diff []int
		for i := range a {
			if a[i] != b[i] {
				diff = append(diff, i)
				if len(diff) > 2 {
					break
				}
			}
		}
		switch {
		case len(diff) == 1:
			return 1, []rune{a[diff[0]], b[diff[0]]}
		case len(diff) == 2 && diff[1] == diff[0]+1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]:
			return 1, nil
		}
	}
	// Full dynamic programme, bounded: names are short.
	n, m := len(a), len(b)
	if n > 40 || m > 40 {
		return 99, nil
	}
	d := make([][]int, n+1)
	for i := range d {
		d[i] = make([]int, m+1)
		d[i][0] = i
	}
	for j := 0; j <= m; j++ {
		d[0][j] = j
	}
	for i := 1; i <= n; i++ {
		for j := 1; j <= m; j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[n][m], nil
}

// spellingConflicts turns the groups of variant spellings into conflicts:
// every article's first occurrence of every spelling, the most used
// spelling first named, and how sure it is.
func spellingConflicts(docs []*docFacts, sps []*spelling, groups [][]int) []Conflict {
	var out []Conflict
	for _, g := range groups {
		slices.SortFunc(g, func(x, y int) int {
			a, b := sps[x], sps[y]
			return cmp.Or(cmp.Compare(len(b.first), len(a.first)), cmp.Compare(total(b.count), total(a.count)),
				strings.Compare(a.key, b.key))
		})
		canon := sps[g[0]]
		x := Conflict{Kind: ConflictSpelling, Text: canon.text}
		within, translit := false, true
		for _, m := range g[1:] {
			if _, tr := spellingVariant(canon.text, sps[m].text); !tr {
				translit = false
			}
		}
		type occ struct {
			doc, off int
			text     string
		}
		var occs []occ
		perDoc := map[int]int{}
		for _, m := range g {
			for d, off := range sps[m].first {
				occs = append(occs, occ{d, off, sps[m].text})
				perDoc[d]++
			}
		}
		for _, n := range perDoc {
			within = within || n >= 2
		}
		minority := 0
		for _, m := range g[1:] {
			minority = max(minority, len(sps[m].first))
		}
		switch {
		case within:
			x.Sureness, x.Reason = SureHigh, "one article spells the name two ways"
		case translit:
			x.Sureness, x.Reason = SureLow, "the spellings may be transliterations of one name"
		case minority == 1 && len(canon.first) >= 2:
			x.Sureness, x.Reason = SureHigh, "one source spells the name differently from the others"
		default:
			x.Sureness, x.Reason = SureMedium, "the sources spell the name differently"
		}
		slices.SortFunc(occs, func(a, b occ) int {
			return cmp.Or(strings.Compare(docs[a.doc].art.ID, docs[b.doc].art.ID), cmp.Compare(a.off, b.off))
		})
		for _, o := range occs {
			d := docs[o.doc]
			x.Values = append(x.Values, ConflictValue{Doc: d.art.ID, Line: d.line(o.off), Value: o.text,
				Wording: d.sentenceAt(o.off)})
		}
		out = append(out, x)
	}
	return out
}

func total(m map[int]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// canonicalName rewrites a name with each word replaced by the most used
// spelling of its variant group, so that variants align as one fact.
func canonicalName(name string, canon map[string]string) string {
	toks := strings.FieldsFunc(name, func(r rune) bool { return unicode.IsSpace(r) })
	for i, t := range toks {
		if c, ok := canon[plainFold(strings.TrimSuffix(t, "."))]; ok {
			toks[i] = c
		}
	}
	return plainFold(strings.Join(toks, " "))
}
