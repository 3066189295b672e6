package facts

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Entities. Capitalised runs of a sentence are cut into names (a title
// and the name it heads, a person "of" an organisation, two names joined
// by "and"); each mention gathers evidence for person, organisation and
// place from the name itself (gazetteers, cue words, given names, plurals)
// and from its context (a preposition of place, "the", a possessive and
// what it owns, a speech verb, ", who", ", Calif."). Short mentions are
// then linked to the full names of the article, and every name takes the
// kind its mentions vote for, so one name has one kind in an article.
//
// Cost: the scan is linear in the tokens; a run longer than maxRun words is
// not a name, so the work on one run is bounded; linking looks names up by
// token instead of comparing all pairs.

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
	speechNext bool     // followed by a speech verb or ", who"
	gazetteer  bool     // kind decided by a gazetteer or cue word: never relinked
	nameEv     evidence // what the name itself says: the same for each mention
	cues       cues     // what the words around this mention say
}

// evidence weighs what a mention says for each kind of entity.
type evidence struct{ person, org, place float64 }

// Weights of evidence: a cue word or a title decides; a gazetteer or a
// clear context is strong; a single hint is weak.
const (
	decisive = 4.0
	strong   = 3.0
	good     = 2.0
	weak     = 1.0
)

func (e *evidence) add(o evidence) { e.person += o.person; e.org += o.org; e.place += o.place }

func (e *evidence) atLeast(o evidence) {
	e.person, e.org, e.place = max(e.person, o.person), max(e.org, o.org), max(e.place, o.place)
}

// kind returns the kind with the most evidence ("" when there is none);
// ties go to person, then organisation.
func (e evidence) kind() string {
	switch {
	case e.person <= 0 && e.org <= 0 && e.place <= 0:
		return ""
	case e.person >= e.org && e.person >= e.place:
		return KindPerson
	case e.org >= e.place:
		return KindOrganization
	}
	return KindPlace
}

// maxRun is the most words a name may have: a longer capitalised run (a
// shouted line, a list of initials) is not one.
const maxRun = 12

var nameConnectors = set("of", "for", "de", "du", "da", "del", "der", "van", "von", "al", "bin", "la", "le", "&", "and")

// directions qualify a place: "South Wales", "Northern California".
var directions = setFold(`North South East West Northern Southern Eastern Western Central Upper Lower Greater
NE NW SE SW Northeast Northwest Southeast Southwest Downtown`)

// placePreps put what follows in a place; weakPlacePreps do so less surely.
var (
	placePreps     = set("in", "at", "near", "outside", "inside", "across", "throughout", "into")
	weakPlacePreps = set("toward", "towards", "via", "off", "between")
)

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
	// Words the article capitalises inside its running sentences: in a
	// heading, only they (or words of the gazetteers) are names.
	proper := map[string]bool{}
	for si := range sents {
		toks := toksOf[si]
		if h, sh := headingStyle(toks); h || sh {
			continue
		}
		for k := 1; k < len(toks); k++ {
			if toks[k].isWord() && toks[k].isCap() && toks[k-1].isWord() {
				proper[strings.ToLower(toks[k].text)] = true
			}
		}
	}
	for si := range sents {
		c := runCtx{text: text, toks: toksOf[si], vocab: vocab, proper: proper}
		c.heading, c.shout = headingStyle(c.toks)
		c.longHeading = c.heading && len(proper) > 0 && wordCount(c.toks) >= 6
		toks := c.toks
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
			if !c.nameWord(i) || isCalendarWord(t.lower()) || isContraction(t.text) {
				initial = false
				i++
				continue
			}
			j := c.runEnd(i)
			if j-i > maxRun { // not a name
				initial = false
				i = j
				continue
			}
			for _, e := range c.classify(i, j, initial) {
				e.sent = si
				out = append(out, e)
			}
			initial = false
			i = j
		}
	}
	link(out)
	return out
}

// runCtx is one sentence being scanned for names.
type runCtx struct {
	text    string
	toks    []token
	vocab   map[string]bool
	heading bool            // title case: capitals mark words, not names
	shout   bool            // all capitals: no acronyms
	proper  map[string]bool // words the article capitalises in running text
	// longHeading: a title-case line of six words or more (a headline),
	// where a word is a name only if the article capitalises it in running
	// text too, or a gazetteer knows it.
	longHeading bool
}

// headingStyle reports whether a sentence is written in title case (most
// words capitalised) or in capitals.
func headingStyle(toks []token) (heading, shout bool) {
	words, caps, upper := 0, 0, 0
	for _, t := range toks {
		if !t.isWord() || isDigitStart(t.text) {
			continue
		}
		words++
		if t.isCap() {
			caps++
		}
		if isAllCaps(t.text) {
			upper++
		}
	}
	return words >= 3 && caps*10 >= words*7, words >= 3 && upper*10 >= words*7
}

// nameWord reports whether toks[k] can be part of a name: capitalised (or a
// team such as "76ers"), and in a heading not a word the articles write in
// lower case.
func (c *runCtx) nameWord(k int) bool {
	t := c.toks[k]
	if !t.isWord() {
		return false
	}
	if !t.isCap() {
		return isDigitStart(t.text) && teamNumber(t.text)
	}
	if c.heading {
		l := strings.ToLower(t.text)
		if (commonWords[l] || c.lowerForm(l)) && !knownWord(l) {
			return false
		}
		if c.longHeading && !c.proper[l] && !knownWord(l) && !isAllCaps(t.text) {
			return false // "Deploys", "Face" in a title-case headline
		}
	}
	return true
}

// lowerForm reports whether the articles write l, or l without or with a
// final "s" ("Leaves" in a heading, "leave" in the text), in lower case.
func (c *runCtx) lowerForm(l string) bool {
	if c.vocab[l] || c.vocab[l+"s"] {
		return true
	}
	if t, ok := strings.CutSuffix(l, "s"); ok && len(t) > 2 {
		return c.vocab[t] || strings.HasSuffix(t, "e") && c.vocab[strings.TrimSuffix(t, "e")]
	}
	return false
}

// teamNumber reports a team name written with digits: "76ers", "49ers".
func teamNumber(s string) bool {
	rest := strings.TrimLeftFunc(s, unicode.IsDigit)
	if len(rest) < 3 || !strings.HasSuffix(rest, "s") {
		return false
	}
	for _, r := range rest {
		if !unicode.IsLower(r) {
			return false
		}
	}
	switch rest {
	case "ths", "sts", "nds", "rds":
		return false
	}
	return true
}

// knownWord reports a word the lexicons know as (part of) a name.
func knownWord(l string) bool {
	return places[l] || knownOrgs[l] || demonyms[l] || placeTier(l) > 0 || isGivenName(l)
}

// runEnd returns the end of the capitalised run starting at i.
func (c *runCtx) runEnd(i int) int {
	toks := c.toks
	j := i + 1
	for j < len(toks) {
		if c.nameWord(j) && (!isDigitStart(toks[j].text) || teamNumber(toks[j].text)) && !isCalendarWord(toks[j].lower()) {
			j++
			continue
		}
		if nameConnectors[toks[j].text] && j+1 < len(toks) && c.nameWord(j+1) && toks[j+1].isCap() {
			j += 2 // "the" may follow "of": Bank of the West.
			continue
		}
		if toks[j].text == "of" && j+2 < len(toks) && toks[j+1].text == "the" && toks[j+2].isCap() {
			j += 3
			continue
		}
		break
	}
	return j
}

func firstRune(s string) rune { r, _ := utf8.DecodeRuneInString(s); return r }

func isDigitStart(s string) bool { return unicode.IsDigit(firstRune(s)) }

// lowerAt returns the lower-cased token k without a final period, or "".
func (c *runCtx) lowerAt(k int) string {
	if k < 0 || k >= len(c.toks) {
		return ""
	}
	return strings.TrimSuffix(c.toks[k].lower(), ".")
}

// classify turns the capitalised run toks[a:b] into zero or more entities.
func (c *runCtx) classify(a, b int, initial bool) []entity {
	toks := c.toks
	// Drop common words at the start ("The", "But", "Earlier", "READ
	// MORE"), and at a sentence start a first word the articles use in
	// lower case or an opening participle ("Considering Lionsgate"), unless
	// a known place starts there ("New Zealand"). Mid-sentence, a
	// capitalised common word is a name: "said Will Artino".
	first := initial
	for a < b {
		if n, _ := placePrefix(c.text, toks, a, b); n > 1 {
			break
		}
		w := toks[a].lower()
		if (initial || c.heading) && commonWords[w] || w == "the" ||
			first && c.vocab[w] && !places[w] && !knownOrgs[w] && !demonyms[w] ||
			first && b-a > 1 && strings.HasSuffix(w, "ing") && !knownWord(w) {
			a++
			first = false
			continue
		}
		break
	}
	initial = first
	// Drop trailing connectors.
	for b > a && nameConnectors[toks[b-1].text] {
		b--
	}
	if a >= b {
		return nil
	}
	// Split at "and" between two names: "Russia and Rwanda".
	for k := a + 1; k < b-1; k++ {
		if toks[k].text == "and" {
			return append(c.classify(a, k, initial), c.classify(k+1, b, false)...)
		}
	}
	// "Dr. Sanjay Gupta of Emory University": a person of an organisation
	// or a place.
	for k := a + 1; k < b-1; k++ {
		if toks[k].text == "of" && c.personLike(a, k) && c.namedThing(k+1, b) {
			return append(c.classify(a, k, initial), c.classify(k+1, b, false)...)
		}
	}
	if ents, ok := c.titled(a, b); ok {
		return ents
	}
	return c.name(a, b, "")
}

// personLike reports whether toks[a:b] reads as a person's name: a title
// or a given name first, at least two words, and no cue word.
func (c *runCtx) personLike(a, b int) bool {
	if b-a < 2 || c.hasCue(a, b) {
		return false
	}
	l := c.lowerAt(a)
	return roleNouns[l] || roleNouns[l+"."] || isGivenName(l)
}

// namedThing reports whether toks[a:b] names an organisation or a place by
// itself: a cue word, an acronym or a gazetteer.
func (c *runCtx) namedThing(a, b int) bool {
	if c.hasCue(a, b) || placeTier(joinToks(c.text, c.toks, a, b)) > 0 {
		return true
	}
	return b-a == 1 && isAllCaps(c.toks[a].text) && !c.shout
}

// hasCue reports an organisation, facility, institution or place cue word
// in toks[a:b].
func (c *runCtx) hasCue(a, b int) bool {
	for k := a; k < b; k++ {
		l := c.toks[k].lower()
		if orgWords[l] || facilityWords[l] || institutionWords[l] || placeCues[l] {
			return true
		}
	}
	return false
}

// titled splits "[affiliation] role name": "Oregon State Police Lt. Gregg
// Hastings", "Saints RB Pierre Thomas", "Russian Deputy Foreign Minister
// Mikhail Bogdanov", "Secretary of the Interior Dirk Kempthorne".
func (c *runCtx) titled(a, b int) ([]entity, bool) {
	toks := c.toks
	for k := b - 2; k >= a; k-- {
		if !c.isRole(k) {
			continue
		}
		n := k + 1
		if toks[n].text == "of" && n+1 < b { // "Secretary of [the] Interior"
			n++
			if toks[n].lower() == "the" {
				n++
			}
			n++
		}
		if n >= b || !c.plausibleName(n, b) {
			return nil, false
		}
		r := k
		for r > a && (c.isRole(r-1) || roleModifiers[c.lowerAt(r-1)] || demonyms[c.lowerAt(r-1)]) {
			r--
		}
		var out []entity
		if r > a {
			out = c.name(a, r, "")
		}
		role := joinToks(c.text, toks, r, n)
		if r == a {
			if pre := roleBefore(c.text, toks, a, true); pre != "" {
				role = pre + " " + role
			}
		}
		return append(out, c.name(n, b, role)...), true
	}
	return nil, false
}

// isRole reports a title or role word: "President", "Lt.", "CEO", "QB".
func (c *runCtx) isRole(k int) bool {
	t := c.toks[k].text
	if roleAbbrevs[t] && !c.shout {
		return true
	}
	l := c.toks[k].lower()
	return roleNouns[l] && !(isAllCaps(t) && len(t) <= 3 && !c.shout)
}

// plausibleName reports whether toks[a:b] can be a person's name after a
// title: no role word, cue word or known place or organisation.
func (c *runCtx) plausibleName(a, b int) bool {
	if !c.toks[a].isCap() || c.hasCue(a, b) {
		return false
	}
	// A role word may be a surname ("Billy King"), not a first name.
	if c.isRole(a) {
		return false
	}
	j := joinToks(c.text, c.toks, a, b)
	return placeTier(j) < majorPlace && !knownOrgs[strings.ToLower(j)] && !knownMultiOrgs[gazFold(j)]
}

// name types the name toks[a:b] (with role, when a title heads it) from
// the evidence of its words and of its context.
func (c *runCtx) name(a, b int, role string) []entity {
	toks := c.toks
	allRole := true
	for k := a; k < b; k++ {
		l := toks[k].lower()
		if !demonyms[l] && !roleNouns[l] && !roleModifiers[l] && !nameConnectors[l] || knownOrgs[l] || orgWords[l] {
			allRole = false
		}
	}
	if allRole {
		return nil
	}
	// A demonym before a name is a role: "American Hasim Rahman".
	if role == "" && b-a >= 3 && demonyms[toks[a].lower()] && c.plausibleName(a+1, b) &&
		placeTier(joinToks(c.text, toks, a, b)) == 0 {
		role, a = toks[a].text, a+1
	}
	if role == "" {
		role = roleBefore(c.text, toks, a, false)
	}
	// "117th Street": the number is part of the name.
	if b-a == 1 && placeCues[toks[a].lower()] && a > 0 && isDigitStart(toks[a-1].text) {
		a--
	}
	ev, decided := c.internal(a, b, role)
	m := c.context(a, b)
	if a > 0 && toks[a-1].lower() == "the" && pluralWord(toks[b-1].text) && !(b-a > 1 && isGivenName(toks[a].text)) {
		m.set(cueTeam) // a team or a group: "the Colts", "the Tar Heels"
	}
	e := entity{name: joinToks(c.text, toks, a, b), start: toks[a].start, end: toks[b-1].end, role: role,
		nameEv: ev, cues: m, gazetteer: decided}
	var n [numCues]int
	for k := range numCues {
		if m.has(k) {
			n[k] = 1
		}
	}
	ev.add(cueEvidence(&n))
	for k := a; k < b; k++ {
		if toks[k].isWord() && !nameConnectors[toks[k].text] {
			e.tokens = append(e.tokens, strings.TrimSuffix(toks[k].text, "."))
		}
	}
	if b < len(toks) {
		n, k := toks[b], b
		if n.text == "'s" || n.text == "’s" {
			if k+1 < len(toks) {
				n, k = toks[k+1], k+1
			}
		}
		e.speechNext = speechVerbs[n.lower()] || n.text == "," && k+1 < len(toks) && toks[k+1].text == "who"
	}
	e.kind = ev.kind()
	return []entity{e}
}

// internal weighs the evidence of the words of the name toks[a:b];
// decided is true when a cue word or a gazetteer settles the kind.
func (c *runCtx) internal(a, b int, role string) (ev evidence, decided bool) {
	toks := c.toks
	n := b - a
	joined := joinToks(c.text, toks, a, b)
	key := gazFold(joined)
	first, last := toks[a].lower(), toks[b-1].lower()
	lastText := toks[b-1].text
	switch {
	case knownOrgs[key] || knownMultiOrgs[key]:
		return evidence{org: decisive}, true
	case n == 1 && countryAcronyms[toks[a].text]:
		return evidence{place: decisive}, true
	case n == 1 && stateAbbrevs[key] && !c.shout:
		return evidence{place: decisive}, true
	case n == 1 && (stateAbbrevsAfterComma[key] || postalCodes[joined]) && c.afterCityComma(a):
		return evidence{place: decisive}, true
	}
	// Teams and universities: "Kansas City Chiefs", "Dallas Cowboys", "Ohio State".
	if p, _ := placePrefix(c.text, toks, a, b); p > 0 && p < n {
		if pluralWord(lastText) && p == n-1 {
			return evidence{org: decisive}, true
		}
		if p == n-1 && (last == "state" || last == "st.") && usStates[gazFold(joinToks(c.text, toks, a, a+p))] {
			return evidence{org: decisive}, true
		}
	}
	tier := placeTier(joined)
	// "South Wales", "Northern California", "NE Philadelphia".
	if tier == notPlace && n > 1 && directions[first] && placeTier(joinToks(c.text, toks, a+1, b)) > notPlace {
		return evidence{place: decisive}, true
	}
	switch tier {
	case majorPlace:
		return evidence{place: decisive}, true
	case countryPlace:
		return evidence{place: decisive + 1}, true
	case cityPlace:
		switch {
		case n > 1:
			ev.place += strong
		case isGivenName(joined):
			ev.place += weak / 2 // "Lindsay", "Florence"
		default:
			ev.place += weak + 0.5 // a city, or a surname: "Jackson", "Obama"
		}
	}
	for k := a; k < b; k++ {
		if orgWords[toks[k].lower()] {
			return evidence{org: decisive}, true
		}
	}
	// "Island of Qeshm", "Tomb of the Unknown Soldier", "Gulf of Aden".
	if n > 2 && toks[a+1].text == "of" && (placeCues[first] || facilityWords[first]) {
		return evidence{place: strong}, true
	}
	switch {
	case facilityWords[last] && n > 1:
		return evidence{place: strong}, true
	case institutionWords[last] || institutionWords[first] && n > 1:
		ev.org += good
	case n > 1 && (placeCues[last] || firstPlaceCues[first]) || n == 2 && isDigitStart(toks[a].text) && placeCues[last]:
		return evidence{place: decisive}, true
	}
	for k := a + 1; k < b-1; k++ {
		if placeCues[toks[k].lower()] || facilityWords[toks[k].lower()] {
			ev.place += weak
		}
	}
	// A place then words: an organisation of that place ("Philadelphia
	// Homicide", "Boston Red Sox"), unless the place is a given name before
	// one word ("Paris Hilton").
	if p, _ := placePrefix(c.text, toks, a, b); p > 0 && p < n && toks[a+p].isCap() && !roleNouns[last] &&
		(n-p > 1 || !isGivenName(toks[a].text)) {
		ev.org += good
	}
	// "Horn of Africa": something of a known place.
	if n > 2 && toks[b-2].text == "of" && placeTier(lastText) >= majorPlace {
		ev.place += weak
	}
	// An office: "City Attorney", "Hennepin County Attorney".
	if n > 1 && roleNouns[last] && role == "" {
		ev.org += good
	}
	// Acronyms, also in the plural ("ISPs"), and "U.S. Geological Survey".
	if !c.shout {
		if n == 1 && (isAllCaps(lastText) || isAllCaps(strings.TrimSuffix(lastText, "s"))) &&
			!c.vocab[last] && !commonWords[last] && !romanNumeral(lastText) {
			return evidence{org: strong}, true
		}
		if n > 2 && (key[:min(len(key), 3)] == "us " || strings.HasPrefix(key, "u s ")) {
			ev.org += good
		}
		if n > 1 && hasAcronym(toks[a:b], c.vocab) {
			ev.org += good
		}
	}
	if role != "" {
		ev.person += decisive
	}
	given := n > 1 && isGivenName(toks[a].text) && !institutionWords[last]
	switch {
	case given:
		ev.person += good + 0.5
	case n > 1 && isInitial(toks[a].text):
		ev.person += good
	case n > 1:
		ev.person += weak / 2
	}
	return ev, false
}

// isInitial reports an initial such as "J." or "A.J.".
func isInitial(s string) bool {
	letters := 0
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			letters++
		case r != '.':
			return false
		}
	}
	return letters >= 1 && letters <= 3 && strings.HasSuffix(s, ".")
}

// pluralWord reports a capitalised word that looks like a plural noun:
// "Colts", "Chargers", "76ers", but not "Jones's" or "Paris".
func pluralWord(s string) bool {
	n := len(s)
	if n < 4 || s[n-1] != 's' || isAllCaps(s) {
		return false
	}
	switch s[n-2] {
	case 's', 'u', 'i', '\'':
		return false
	}
	return true
}

// afterCityComma reports "City, X": a comma and a capitalised word before toks[k].
func (c *runCtx) afterCityComma(k int) bool {
	return k >= 2 && c.toks[k-1].text == "," && c.toks[k-2].isCap()
}

// A cue is one kind of evidence the words around a mention give.
type cue uint8

const (
	cuePlacePrep   cue = iota // "in X", "at the X"
	cueWeakPrep               // "off X", "between X"
	cuePlaceOf                // "the city of X"
	cueOrgNoun                // "cable operator X"
	cueArticle                // "the X"
	cueTeam                   // "the Colts": a plural after "the"
	cueStateAfter             // "X, Calif.", "X, Texas"
	cuePostalAfter            // "X, CA"
	cuePersonOwns             // "X's wife"
	cueOrgOwns                // "X's shareholders"
	cueWho                    // "X, who"
	cueWhich                  // "X, which"
	cueSpeech                 // "X said"
	cuePlaceNoun              // "the X valley"
	cueAffiliation            // "X officials"
	cuePersonAfter            // "the X administration"
	cueGame                   // "X defeated Y", "X ... 65-53"
	cueHe                     // "X ... his"
	cueIt                     // "X ... its"
	numCues
)

// cueWeights are what one occurrence of each cue weighs.
var cueWeights = [numCues]evidence{
	cuePlacePrep:   {place: good},
	cueWeakPrep:    {place: weak},
	cuePlaceOf:     {place: strong},
	cueOrgNoun:     {org: good + 0.5},
	cueArticle:     {org: weak},
	cueTeam:        {org: good},
	cueStateAfter:  {place: strong},
	cuePostalAfter: {place: good},
	cuePersonOwns:  {person: good},
	cueOrgOwns:     {org: good},
	cueWho:         {person: good},
	cueWhich:       {org: weak, place: weak},
	cueSpeech:      {person: weak / 2}, // organisations speak too
	cuePlaceNoun:   {place: strong},
	cueAffiliation: {org: weak},
	cuePersonAfter: {person: weak},
	cueGame:        {org: good},
	cueHe:          {person: weak / 2},
	cueIt:          {org: weak / 2, place: weak / 2},
}

// cues is the set of cues of one mention.
type cues uint32

func (m *cues) set(c cue)     { *m |= 1 << c }
func (m cues) has(c cue) bool { return m&(1<<c) != 0 }

// cueEvidence sums the evidence of cues seen n[c] times: a cue seen again
// adds half its weight, up to twice its weight, so that no single habit of
// the writer ("X said" in every paragraph) outweighs everything else.
func cueEvidence(n *[numCues]int) evidence {
	var ev evidence
	for c, k := range n {
		if k == 0 {
			continue
		}
		f := min(2, 1+0.5*float64(k-1))
		w := cueWeights[c]
		ev.add(evidence{w.person * f, w.org * f, w.place * f})
	}
	return ev
}

// personAfterNouns follow a politician's name: "the Obama administration".
var personAfterNouns = set("administration", "campaign", "presidency", "aide", "aides", "camp")

// context returns the cues of the words around the name toks[a:b].
func (c *runCtx) context(a, b int) cues {
	toks := c.toks
	var m cues
	p := a - 1
	article := p >= 0 && toks[p].lower() == "the"
	if article {
		p--
	}
	prev := c.lowerAt(p)
	possessive := b < len(toks) && (toks[b].text == "'s" || toks[b].text == "’s" ||
		(toks[b].text == "'" || toks[b].text == "’") && strings.HasSuffix(toks[b-1].text, "s"))
	// A name followed by a noun is its modifier: "in the Nixon
	// administration" puts nothing in Nixon.
	head := !possessive
	if b < len(toks) && toks[b].isWord() && !toks[b].isCap() && !isDigitStart(toks[b].text) {
		l := toks[b].lower()
		head = head && (commonWords[l] || speechVerbs[l] || strings.HasSuffix(l, "ed"))
	}
	switch {
	case placePreps[prev] && head:
		m.set(cuePlacePrep)
	case weakPlacePreps[prev] && head:
		m.set(cueWeakPrep)
	case prev == "of" && placeNounsOf[c.lowerAt(p-1)]:
		m.set(cuePlaceOf)
	case orgNouns[c.lowerAt(a-1)] || c.lowerAt(a-1) == "," && orgNouns[c.lowerAt(a-2)]:
		m.set(cueOrgNoun)
	}
	if article {
		m.set(cueArticle)
	}
	// ", Calif.", ", Texas", ", France", ", CA" after the name.
	if b+1 < len(toks) && toks[b].text == "," && toks[b+1].isCap() {
		end := min(c.runEnd(b+1), b+4)
		w := joinToks(c.text, toks, b+1, end)
		f := gazFold(w)
		switch {
		case stateAbbrevs[f] || stateAbbrevsAfterComma[f] || usStates[f] || placeTier(w) >= majorPlace:
			m.set(cueStateAfter)
		case postalCodes[w] && !postNominals[w]:
			m.set(cuePostalAfter)
		}
	}
	if b < len(toks) {
		next := toks[b].lower()
		switch {
		case possessive:
			// The first thing owned within three words: "Seacom's business customers".
			for k := b + 1; k < min(len(toks), b+4) && toks[k].isWord() && !toks[k].isCap(); k++ {
				if owned := toks[k].lower(); personPossessed[owned] {
					m.set(cuePersonOwns)
					break
				} else if orgPossessed[owned] {
					m.set(cueOrgOwns)
					break
				}
			}
		case next == "," && b+1 < len(toks):
			switch toks[b+1].lower() {
			case "who":
				m.set(cueWho)
			case "which":
				m.set(cueWhich)
			}
		case speechVerbs[next]:
			m.set(cueSpeech)
		case placeNouns[next]:
			m.set(cuePlaceNoun)
		case personAfterNouns[next]:
			m.set(cuePersonAfter)
		default:
			// "Lionsgate officials", "Chargers general manager", "Chargers
			// defensive lineman Jamal Williams": what follows belongs to it.
			for k := b; k < min(len(toks), b+3) && toks[k].isWord() && !toks[k].isCap(); k++ {
				l := toks[k].lower()
				if affiliationNouns[l] || roleNouns[l] && k+1 < len(toks) && toks[k+1].isCap() {
					m.set(cueAffiliation)
					break
				}
			}
		}
	}
	// Teams are single words or places: "Drake", "Evansville"; a player
	// has two names.
	if (b-a == 1 || placeTier(joinToks(c.text, toks, a, b)) > notPlace) && c.game(a, b) {
		m.set(cueGame)
	}
	switch c.pronounAfter(b) {
	case KindPerson:
		m.set(cueHe)
	case KindOrganization:
		m.set(cueIt)
	}
	return m
}

// competitionVerbs say that one side beat another: teams, whatever their
// names ("Creighton defeated Drake", "Boston edged Chicago").
var competitionVerbs = set("beat", "beats", "defeated", "defeats", "edged", "edges", "routed", "routs",
	"downed", "downs", "topped", "tops", "outscored", "outlasted", "blanked", "upset", "upsets", "vs", "vs.",
	"versus", "v", "v.")

// game reports whether toks[a:b] plays: a verb of competition next to it
// ("Creighton defeated Drake", "a win over Drake"), a score ("65-53")
// just after it.
func (c *runCtx) game(a, b int) bool {
	prev := c.lowerAt(a - 1)
	if competitionVerbs[prev] || competitionVerbs[c.lowerAt(b)] ||
		(prev == "over" || prev == "against") && contestNouns[c.lowerAt(a-2)] {
		return true
	}
	// "Drake, 65-53", "Colts (10-5)": the score right after the name.
	for k := b; k < min(len(c.toks), b+3); k++ {
		if isScore(c.toks[k].text) {
			return true
		}
		if c.toks[k].isWord() {
			break
		}
	}
	return false
}

// contestNouns precede "over X" or "against X" when X is a side: "a win over Drake".
var contestNouns = set("win", "wins", "victory", "victories", "triumph", "loss", "losses", "defeat", "game",
	"games", "match", "matches", "lead", "upset", "rivalry", "series")

// isScore reports a score such as "65-53" or "3-2".
func isScore(s string) bool {
	x, y, ok := strings.Cut(s, "-")
	if !ok || len(x) == 0 || len(y) == 0 || len(x) > 3 || len(y) > 3 {
		return false
	}
	for _, r := range x + y {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// pronounAfter returns the kind the first personal pronoun after a name
// in its sentence points to: person for "he", "his", "she", "her";
// organisation (or place) for "it", "its"; "" when another capitalised
// word or nothing comes first.
func (c *runCtx) pronounAfter(b int) string {
	for k := b; k < min(len(c.toks), b+12); k++ {
		t := c.toks[k]
		if t.isWord() && t.isCap() && k > b {
			return ""
		}
		switch t.lower() {
		case "he", "his", "him", "she", "her", "himself", "herself":
			return KindPerson
		case "its", "itself":
			return KindOrganization
		}
	}
	return ""
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

// link links short mentions to the full names of the same article
// ("Peskov" → "Dmitry Peskov"), also across small spelling variants
// ("Bodganov" → "Mikhail Bogdanov"), and gives every name the kind its
// mentions vote for.
func link(ents []entity) {
	vote(ents, func(e *entity) string { return plainFold(e.name) })
	linkFull(ents)
	linkSingles(ents)
	vote(ents, func(e *entity) string { return plainFold(e.canonical) })
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

// vote gives the mentions that share a key the kind their evidence
// favours: what the name says counts once (the strongest of its mentions,
// as a title may head one of them), the cues of the contexts add up (see
// cueEvidence). A kind decided by a cue word or gazetteer holds for every
// mention.
func vote(ents []entity, key func(*entity) string) {
	type tally struct {
		name    evidence
		n       [numCues]int
		decided string
	}
	groups := map[string]*tally{}
	keys := make([]string, len(ents))
	for i := range ents {
		e := &ents[i]
		if e.canonical == "" {
			e.canonical = e.name
		}
		keys[i] = key(e)
		g := groups[keys[i]]
		if g == nil {
			g = &tally{}
			groups[keys[i]] = g
		}
		g.name.atLeast(e.nameEv)
		for k := range numCues {
			if e.cues.has(k) {
				g.n[k]++
			}
		}
		if e.gazetteer && g.decided == "" {
			g.decided = e.kind
		}
	}
	kinds := map[*tally]string{}
	for i := range ents {
		e := &ents[i]
		if e.gazetteer {
			continue
		}
		g := groups[keys[i]]
		k, ok := kinds[g]
		if !ok {
			k = g.decided
			if k == KindPlace && g.n[cueGame] >= 2 && g.name.place < decisive+1 {
				k = KindOrganization // a place that plays, twice: a team ("North Carolina beat Duke")
			}
			if k == "" {
				ev := cueEvidence(&g.n)
				ev.add(g.name)
				k = ev.kind()
			}
			kinds[g] = k
		}
		if k != "" {
			e.kind = k
		}
	}
}

// linkFull links a mention to the first full person name of the article
// that it is part of (preferring one spelled alike), by looking up the
// names that share a token with its last one.
func linkFull(ents []entity) {
	idx := newTokenIndex()
	var full []int
	seen := map[string]bool{}
	for i, e := range ents {
		if e.kind == KindPerson && len(e.tokens) >= 2 && !seen[e.name] {
			seen[e.name] = true
			for _, t := range e.tokens {
				idx.add(t, len(full))
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
			for _, c := range idx.lookup(e.tokens[len(e.tokens)-1]) {
				f := full[c]
				m, ex := partOfName(e.tokens, ents[f].tokens)
				if m && (r.best < 0 || ex && !r.exact) {
					r.best, r.exact = f, ex
					if ex {
						break
					}
				}
			}
			memo[e.name] = r
		}
		if r.best >= 0 && (len(e.tokens) < len(ents[r.best].tokens) || !r.exact) {
			if e.kind == KindOrganization && isAllCaps(e.name) {
				continue
			}
			e.kind = KindPerson
			e.nameEv.person = max(e.nameEv.person, decisive) // linked to a person's full name
			e.canonical = ents[r.best].name
			e.variant = !r.exact
			if e.role == "" {
				e.role = ents[r.best].role
			}
		}
	}
}

// linkSingles links single names no full name explains to an earlier
// spelling variant of theirs (Bogdanov … Bodganov).
func linkSingles(ents []entity) {
	type single struct {
		name, tok string
		kind      string
	}
	var singles []single
	singleAt := map[string]int{}
	idx := newTokenIndex()
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
		for _, c := range idx.lookup(own.tok) {
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
			idx.add(own.tok, len(singles))
		}
		singles = append(singles, own)
	}
}

// tokenIndex finds the names that hold a token matching a given one up to
// the spelling variants sameToken accepts. Variants are one edit apart
// after folding, so both sides are indexed under their folded form and
// every form with one letter deleted; candidates come back in insertion
// order, at most maxCandidates of them.
type tokenIndex struct {
	by map[string][]int
}

// maxCandidates bounds the names a token is compared with: a token shared
// by thousands of names ("Smith") is matched against the first ones.
const maxCandidates = 64

func newTokenIndex() *tokenIndex { return &tokenIndex{by: map[string][]int{}} }

// keys returns the folded token and its one-deletion forms.
func indexKeys(t string) []string {
	f := foldName(t)
	r := []rune(f)
	keys := []string{f}
	if len(r) < 5 || len(r) > 24 { // sameToken matches variants of 5 letters or more
		return keys
	}
	for i := range r {
		keys = append(keys, string(r[:i])+string(r[i+1:]))
	}
	return keys
}

func (x *tokenIndex) add(t string, id int) {
	for _, k := range indexKeys(t) {
		if l := x.by[k]; len(l) < maxCandidates && (len(l) == 0 || l[len(l)-1] != id) {
			x.by[k] = append(l, id)
		}
	}
}

func (x *tokenIndex) lookup(t string) []int {
	var out []int
	for _, k := range indexKeys(t) {
		out = append(out, x.by[k]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
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

// hasAcronym reports an all-capital token that is not a country or a
// post-nominal ("UN Peacekeeping", "NATO forces").
func hasAcronym(toks []token, vocab map[string]bool) bool {
	if len(toks) < 2 {
		return false
	}
	for _, t := range toks {
		l := strings.ToLower(t.text)
		if isAllCaps(t.text) && !countryAcronyms[t.text] && !postNominals[t.text] && !roleAbbrevs[t.text] &&
			len(t.text) <= 8 && !romanNumeral(t.text) && !vocab[l] && !commonWords[l] {
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

func wordCount(toks []token) int {
	n := 0
	for _, t := range toks {
		if t.isWord() {
			n++
		}
	}
	return n
}
