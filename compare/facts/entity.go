package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entity is one name mention in an article.
type entity struct {
	kind       string // person, organization, place, or "" while undecided
	name       string // as written, without role
	start, end int
	sent       int
	role       string
	canonical  string // full name it is linked to
	variant    bool   // linked by a spelling variant, not an exact match
	tokens     []string
	speechNext bool // followed by a speech verb or ", who"
	gazetteer  bool // kind decided by a gazetteer or cue word: never relinked
}

var nameConnectors = set("of", "for", "de", "du", "da", "del", "der", "van", "von", "al", "bin", "la", "le", "&", "and")

var placePreps = set("in", "at", "near", "outside", "inside", "across", "throughout")

func isAllCaps(s string) bool {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters >= 2
}

// extractEntities finds the capitalised names of every sentence and
// classifies them; short mentions are linked to full names afterwards.
func extractEntities(text string, sents []sentence, toksOf [][]token, vocab map[string]bool) []entity {
	var out []entity
	for si := range sents {
		toks := toksOf[si]
		initial := true
		for i := 0; i < len(toks); {
			t := toks[i]
			if !t.isWord() {
				if isQuoteMark(firstRune(t.text)) || t.text == ":" || t.text == "(" || t.text == "—" || t.text == "-" {
					initial = true
				}
				i++
				continue
			}
			if !t.isCap() || isCalendarWord(t.lower()) || isContraction(t.text) {
				initial = false
				i++
				continue
			}
			j := i + 1
			for j < len(toks) {
				if toks[j].isWord() && toks[j].isCap() && !isDigitStart(toks[j].text) && !isCalendarWord(toks[j].lower()) {
					j++
					continue
				}
				if nameConnectors[toks[j].text] && j+1 < len(toks) && toks[j+1].isWord() && toks[j+1].isCap() {
					// "the" may follow "of": Bank of the West.
					j += 2
					continue
				}
				if toks[j].text == "of" && j+2 < len(toks) && toks[j+1].text == "the" && toks[j+2].isCap() {
					j += 3
					continue
				}
				break
			}
			if e, ok := classifyRun(text, toks, i, j, initial, vocab); ok {
				for k := range e {
					e[k].sent = si
				}
				out = append(out, e...)
			}
			initial = false
			i = j
		}
	}
	link(out)
	return out
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func isDigitStart(s string) bool { return unicode.IsDigit(firstRune(s)) }

// classifyRun turns the capitalised run toks[a:b] into zero or more entities.
func classifyRun(text string, toks []token, a, b int, initial bool, vocab map[string]bool) ([]entity, bool) {
	// Drop common words at the start ("The", "But", "Earlier"), and at a
	// sentence start any word the articles use in lower case.
	article := a > 0 && toks[a-1].lower() == "the" || toks[a].lower() == "the"
	for a < b {
		w := toks[a].lower()
		if commonWords[w] || w == "the" || initial && vocab[w] && !places[w] && !knownOrgs[w] && !demonyms[w] {
			a++
			initial = false
			continue
		}
		break
	}
	// Drop trailing connectors.
	for b > a && nameConnectors[toks[b-1].text] {
		b--
	}
	if a >= b {
		return nil, false
	}
	// Split at "and" between two names: "Russia and Rwanda".
	for k := a + 1; k < b-1; k++ {
		if toks[k].text == "and" {
			left, _ := classifyRun(text, toks, a, k, initial, vocab)
			right, _ := classifyRun(text, toks, k+1, b, false, vocab)
			return append(left, right...), true
		}
	}
	joined := joinToks(text, toks, a, b)
	lj := strings.ToLower(joined)
	mk := func(kind string, s, e int, role string) entity {
		ent := entity{kind: kind, name: joinToks(text, toks, s, e), start: toks[s].start, end: toks[e-1].end, role: role}
		for k := s; k < e; k++ {
			if toks[k].isWord() && !nameConnectors[toks[k].text] {
				ent.tokens = append(ent.tokens, strings.TrimSuffix(toks[k].text, "."))
			}
		}
		if e < len(toks) {
			n := toks[e]
			if n.text == "'s" || n.text == "’s" {
				if e+1 < len(toks) {
					n = toks[e+1]
				}
			}
			ent.speechNext = speechVerbs[n.lower()] || n.text == "," && e+1 < len(toks) && toks[e+1].text == "who"
		}
		return ent
	}
	gaz := func(e entity) []entity { e.gazetteer = true; return []entity{e} }
	switch {
	case multiPlaces[lj] || b-a == 1 && (places[lj] || countryAcronyms[joined]):
		return gaz(mk(KindPlace, a, b, "")), true
	case hasOrgCue(toks[a:b]) || knownOrgs[lj] || hasAcronym(toks[a:b], vocab):
		// "Oregon State Police Lt. Gregg Hastings": the organisation, then
		// a titled name.
		for k := a + 1; k < b-1; k++ {
			if orgCues[toks[k-1].lower()] && roleNouns[toks[k].lower()] {
				rest, _ := classifyRun(text, toks, k, b, false, vocab)
				return append(gaz(mk(KindOrganization, a, k, "")), rest...), true
			}
		}
		return gaz(mk(KindOrganization, a, b, "")), true
	case b-a >= 2 && hasPlaceCue(toks[a:b]):
		return gaz(mk(KindPlace, a, b, "")), true
	}
	// A place before a role: "Central African Republic President X".
	for k := b - 1; k > a; k-- {
		p := strings.ToLower(joinToks(text, toks, a, k))
		if (multiPlaces[p] || places[p]) && roleNouns[toks[k].lower()] || roleModifiers[toks[k].lower()] && (multiPlaces[p] || places[p]) {
			rest, ok := classifyRun(text, toks, k, b, false, vocab)
			if !ok {
				return gaz(mk(KindPlace, a, k, "")), true
			}
			return append(gaz(mk(KindPlace, a, k, "")), rest...), true
		}
	}
	// Role prefix inside the run: "Russian Deputy Foreign Minister".
	r := a
	hasRoleNoun := false
	for r < b-1 && (roleNouns[toks[r].lower()] || roleModifiers[toks[r].lower()] || demonyms[toks[r].lower()]) {
		if roleNouns[toks[r].lower()] {
			hasRoleNoun = true
		}
		r++
	}
	if !hasRoleNoun {
		r = a
		// A title inside the run: "Academy President Boone Isaacs".
		for k := b - 2; k > a; k-- {
			if roleNouns[toks[k].lower()] && toks[k].isCap() {
				r = k + 1
				break
			}
		}
	}
	// "Secretary of the Interior Dirk Kempthorne": the office is part of the role.
	if hasRoleNoun && r+2 < b && toks[r].text == "of" {
		k := r + 1
		if toks[k].lower() == "the" {
			k++
		}
		if k+1 < b && toks[k].isCap() {
			r = k + 1
		}
	}
	role := ""
	if r > a {
		role = joinToks(text, toks, a, r)
	}
	// Role words before the run: "Kremlin spokesman", "former".
	if pre := roleBefore(text, toks, a, r > a); pre != "" {
		role = strings.TrimSpace(pre + " " + role)
	}
	name := toks[r:b]
	allDemonym := true
	for _, t := range name {
		if !demonyms[t.lower()] && !roleNouns[t.lower()] && !roleModifiers[t.lower()] {
			allDemonym = false
		}
	}
	if allDemonym {
		return nil, false
	}
	if len(name) == 1 && isAllCaps(name[0].text) && !vocab[strings.ToLower(name[0].text)] && !commonWords[strings.ToLower(name[0].text)] && !romanNumeral(name[0].text) {
		if countryAcronyms[name[0].text] {
			return gaz(mk(KindPlace, r, b, "")), true
		}
		return gaz(mk(KindOrganization, r, b, "")), true
	}
	possessive := b < len(toks) && (toks[b].text == "'s" || toks[b].text == "’s")
	if a > 0 && placePreps[toks[a-1].lower()] && role == "" && !possessive {
		return []entity{mk(KindPlace, r, b, "")}, true
	}
	// "the Arno valley", "Tuscany region": a place noun follows.
	if b < len(toks) && placeNouns[toks[b].lower()] && role == "" {
		return []entity{mk(KindPlace, r, b, "")}, true
	}
	// "the Colts", "the Red Cross": people's names do not take an article.
	if article && role == "" {
		return []entity{mk(KindOrganization, r, b, "")}, true
	}
	if role != "" || len(name) >= 2 {
		return []entity{mk(KindPerson, r, b, role)}, true
	}
	// A single unknown capitalised word: decided by linking.
	return []entity{mk("", r, b, "")}, true
}

func hasOrgCue(toks []token) bool {
	for _, t := range toks {
		if orgCues[t.lower()] {
			return true
		}
	}
	return false
}

func joinToks(text string, toks []token, a, b int) string {
	return text[toks[a].start:toks[b-1].end]
}

// roleBefore returns the role words just before a name: lower-case role
// nouns and modifiers, demonyms, capitalised words and possessives, ending
// in a role noun ("President Vladimir Putin's spokesman").
func roleBefore(text string, toks []token, a int, titled bool) string {
	k := a
	seen := false
	for n := 0; k > 0 && n < 7; n++ {
		t := toks[k-1]
		l := t.lower()
		ok := roleNouns[l] || roleModifiers[l] || demonyms[l] || t.text == "'s" || t.text == "’s" ||
			(t.isWord() && t.isCap() && !commonWords[l])
		if !ok {
			break
		}
		if k == a && !roleNouns[l] && !(titled && roleModifiers[l]) {
			return "" // the word right before the name must be a role noun
		}
		if roleNouns[l] || titled {
			seen = true
		}
		k--
	}
	if !seen || k == a {
		return ""
	}
	// Leading possessive without owner or capitalised words not followed by
	// a possessive are kept: they are part of the role as written.
	return text[toks[k].start:toks[a-1].end]
}

// link decides undecided single names and links short mentions to the
// full names of the same article ("Peskov" → "Dmitry Peskov"), also
// across small spelling variants ("Bodganov" → "Mikhail Bogdanov").
func link(ents []entity) {
	// Distinct full names, in order, indexed by the initials of their tokens
	// so that a mention is compared only with names it could match.
	var full []int
	seen := map[string]bool{}
	byInitial := map[byte][]int{} // initial group → positions in full
	for i, e := range ents {
		if e.kind == KindPerson && len(e.tokens) >= 2 && !seen[e.name] {
			seen[e.name] = true
			groups := map[byte]bool{}
			for _, t := range e.tokens {
				for _, g := range initialGroups(t) {
					groups[g] = true
				}
			}
			for g := range groups {
				byInitial[g] = append(byInitial[g], len(full))
			}
			full = append(full, i)
		}
	}
	type result struct {
		best  int
		exact bool
	}
	memo := map[string]result{}
	for i := range ents {
		e := &ents[i]
		e.canonical = e.name
		if e.gazetteer || len(e.tokens) == 0 {
			continue
		}
		r, ok := memo[e.name]
		if !ok {
			r = result{best: -1}
			var cands []int
			last := e.tokens[len(e.tokens)-1]
			if gs := initialGroups(last); gs != nil {
				set := map[int]bool{}
				for _, g := range append(gs, 0) {
					for _, c := range byInitial[g] {
						set[c] = true
					}
				}
				for c := range set {
					cands = append(cands, c)
				}
				slices.Sort(cands)
			} else {
				for c := range full {
					cands = append(cands, c)
				}
			}
			for _, c := range cands {
				f := full[c]
				m, ex := partOfName(e.tokens, ents[f].tokens)
				if m && (r.best < 0 || ex && !r.exact) {
					r.best, r.exact = f, ex
				}
			}
			memo[e.name] = r
		}
		if r.best >= 0 && (len(e.tokens) < len(ents[r.best].tokens) || !r.exact) {
			if e.kind == KindOrganization && isAllCaps(e.name) {
				continue
			}
			e.kind = KindPerson
			e.canonical = ents[r.best].name
			e.variant = !r.exact
			if e.role == "" {
				e.role = ents[r.best].role
			}
		}
	}
	// Single names no full name explains: spelling variants of an earlier
	// one are linked to it (Bogdanov … Bodganov).
	type single struct {
		name, tok string
		kind      string
	}
	var singles []single
	singleAt := map[string]int{}
	byGroup := map[byte][]int{}
	for i := range ents {
		e := &ents[i]
		if e.gazetteer || len(e.tokens) != 1 || e.canonical != e.name {
			continue
		}
		if k, ok := singleAt[e.name]; ok {
			if s := singles[k]; s.name != e.name {
				e.canonical, e.variant = s.name, true
				if e.kind == "" {
					e.kind = s.kind
				}
			}
			continue
		}
		own := single{e.name, e.tokens[0], e.kind}
		gs := initialGroups(e.tokens[0])
		var cands []int
		if gs == nil {
			for c := range singles {
				cands = append(cands, c)
			}
		} else {
			for _, g := range append(gs, 0) {
				cands = append(cands, byGroup[g]...)
			}
			slices.Sort(cands)
		}
		for _, c := range cands {
			p := singles[c]
			if same, exact := sameToken(own.tok, p.tok); same && !exact && p.name != own.name {
				e.canonical, e.variant = p.name, true
				if e.kind == "" {
					e.kind = p.kind
				}
				own = p // later repeats of this spelling link the same way
				break
			}
		}
		singleAt[e.name] = len(singles)
		if own.name == e.name {
			for _, g := range gs {
				byGroup[g] = append(byGroup[g], len(singles))
			}
			if gs == nil {
				byGroup[0] = append(byGroup[0], len(singles))
			}
		}
		singles = append(singles, own)
	}
	// Undecided single words: a person when followed by a speech verb or
	// named twice; otherwise dropped.
	count := map[string]int{}
	for _, e := range ents {
		if e.kind == "" {
			count[e.name]++
		}
	}
	for i := range ents {
		e := &ents[i]
		if e.kind == "" && (e.speechNext || count[e.name] >= 2) {
			e.kind = KindPerson
		}
	}
}

// partOfName reports whether short names the same person as the tokens of
// full: each of its tokens matches a distinct token of full, in order.
// exact is false when a match needed a spelling variant.
func partOfName(short, full []string) (match, exact bool) {
	if len(short) == 0 || len(short) > len(full) {
		return false, false
	}
	exact = true
	j := 0
	for _, s := range short {
		found := false
		for ; j < len(full); j++ {
			if same, ex := sameToken(s, full[j]); same {
				found = true
				exact = exact && ex
				j++
				break
			}
		}
		if !found {
			return false, false
		}
	}
	// The surname must take part: a first name alone is too ambiguous.
	if len(short) == 1 {
		if m, _ := sameToken(short[0], full[len(full)-1]); !m {
			return false, false
		}
	}
	return true, exact
}

func isCalendarWord(w string) bool {
	_, m := months[w]
	_, d := weekdays[w]
	return m && w != "may" && w != "march" || d
}

// hasAcronym reports an all-capital token that is not a country ("UN
// Peacekeeping", "NATO forces").
func hasAcronym(toks []token, vocab map[string]bool) bool {
	if len(toks) < 2 {
		return false
	}
	for _, t := range toks {
		l := strings.ToLower(t.text)
		if isAllCaps(t.text) && !countryAcronyms[t.text] && len(t.text) <= 8 && !romanNumeral(t.text) && !vocab[l] && !commonWords[l] {
			return true
		}
	}
	return false
}

func hasPlaceCue(toks []token) bool {
	for _, t := range toks {
		if placeCues[t.lower()] {
			return true
		}
	}
	return false
}

func romanNumeral(s string) bool {
	switch s {
	case "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII":
		return true
	}
	return false
}

// isContraction reports "I'm", "We'll", "Don't": words, not names.
func isContraction(w string) bool {
	l := strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	for _, suf := range []string{"'m", "'re", "'ll", "'ve", "'d", "n't"} {
		if strings.HasSuffix(l, suf) {
			return true
		}
	}
	return false
}

// initialGroups returns the buckets a name token's initial falls in after
// transliteration folding (w/v, y/j/i, k/kh→h, p/ph→f), or nil for a
// non-ASCII initial, which may fold to any letter.
func initialGroups(t string) []byte {
	if t == "" || t[0] >= 0x80 {
		return nil
	}
	b := t[0] | 0x20
	switch b {
	case 'k':
		return []byte{'k', 'h'}
	case 'p':
		return []byte{'p', 'f'}
	}
	return []byte{firstLetterGroup(b)}
}
