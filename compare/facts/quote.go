package facts

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storydiff/storydiff/shingle"
)

// honorifics are titles that say nothing of a role.
var honorifics = set("mr", "mrs", "ms", "miss", "sir", "dame", "lord")

// roleClass folds titles that name one role: the church's minister is
// the Rev. Larry Kroon; a spokeswoman is a spokesperson.
var roleClass = map[string]string{
	"minister": "clergy", "pastor": "clergy", "rev": "clergy", "reverend": "clergy", "priest": "clergy",
	"vicar": "clergy", "rector": "clergy", "chaplain": "clergy", "father": "clergy", "imam": "clergy", "rabbi": "clergy",
	"spokesman": "spokesperson", "spokeswoman": "spokesperson",
}

var pronouns = set("he", "she", "they", "it", "i", "we")

// npStop ends a speaker phrase that follows its verb ("said a statement
// issued late Sunday" → "a statement").
var npStop = set("on", "in", "at", "late", "early", "last", "this", "yesterday", "today", "after", "before",
	"when", "while", "as", "adding", "and", "but", "who", "which", "that", "during", "to", "from", "via",
	"through", "earlier", "later", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

// clauseStart words begin a clause: a speaker phrase before its verb starts after them.
var clauseStart = set("but", "and", "that", "while", "as", "earlier", "later", "meanwhile", "however", "which", "who", "whom", "where",
	"then", "also", "so", "because", "although", "though", "when")

// verbAdverbs stand between a speaker and the verb: "He also said".
var verbAdverbs = set("also", "later", "then", "earlier", "again", "further", "previously", "first", "had", "has",
	"have", "would", "will", "once", "repeatedly", "publicly", "privately")

// extractQuotes finds the direct quotations of every sentence with their
// speakers.
func extractQuotes(text string, sents []sentence, toksOf [][]token, ents []entity) []item {
	var out []item
	var prev *item // previous quotation, for continuations
	prevSent := -10
	for si, s := range sents {
		toks := toksOf[si]
		for qi, q := range s.quotes {
			_, ol := utf8.DecodeRuneInString(text[q.start:])
			_, cl := utf8.DecodeLastRuneInString(text[:q.end])
			is, ie := trimSpan(text, q.start+ol, q.end-cl)
			for ie > is && strings.ContainsRune(",.;:!?", rune(text[ie-1])) {
				ie--
			}
			words := quoteWords(text[is:ie])
			if len(words) < 2 {
				continue
			}
			it := item{kind: KindQuote, key: "quote:" + strings.Join(words, " "), text: text[is:ie],
				start: is, end: ie, sent: si, quoteWords: words}
			// Attribution after the quotation, then before it.
			segEnd := s.end
			if qi+1 < len(s.quotes) {
				segEnd = s.quotes[qi+1].start
			}
			segStart := s.start
			if qi > 0 {
				segStart = s.quotes[qi-1].end
			}
			npA, npB, ok := speakerAfter(toks, q.end, segEnd)
			if !ok {
				npA, npB, ok = speakerBefore(toks, segStart, q.start)
			}
			if !ok && qi > 0 && out != nil && out[len(out)-1].sent == si {
				// A quote split around its attribution: "…," he said, "…".
				it.speaker = out[len(out)-1].speaker
			} else if ok {
				it.speaker = resolveSpeaker(text, toks, npA, npB, ents, prev)
			} else if prev != nil && si-prevSent <= 1 && strings.TrimSpace(text[s.start:q.start]) == "" {
				// A continuation: the paragraph opens with a quote and names nobody.
				it.speaker = prev.speaker
				if it.speaker.name != "" {
					it.speaker.how = "continuation"
				}
			}
			out = append(out, it)
			prev = &out[len(out)-1]
			prevSent = si
		}
	}
	return out
}

// quoteWords returns the lower-cased words of a quotation.
func quoteWords(s string) []string { return shingle.Words(s) }

// tokRange returns the tokens inside [from, to).
func tokRange(toks []token, from, to int) (int, int) {
	a := 0
	for a < len(toks) && toks[a].start < from {
		a++
	}
	b := a
	for b < len(toks) && toks[b].end <= to {
		b++
	}
	return a, b
}

// speakerAfter finds an attribution right after a quotation: "…," X said /
// "…," said X / "…," Interfax quoted X as saying / "…," according to X.
// It returns the token range of the speaker phrase.
func speakerAfter(toks []token, from, to int) (int, int, bool) {
	a, b := tokRange(toks, from, to)
	for a < b && !toks[a].isWord() {
		a++
	}
	words := 0
	for k := a; k < b && words < 20; k++ {
		t := toks[k]
		if !t.isWord() {
			continue
		}
		words++
		l := t.lower()
		if l == "according" && k+1 < b && toks[k+1].lower() == "to" {
			return phraseAfter(toks, k+2, b)
		}
		if l == "quoted" {
			for m := k + 1; m+1 < b; m++ {
				if toks[m].lower() == "as" && toks[m+1].lower() == "saying" {
					return k + 1, m, m > k+1
				}
			}
		}
		if speechVerbs[l] && l != "saying" {
			if k == a {
				return phraseAfter(toks, k+1, b)
			}
			return phraseBefore(toks, a, k)
		}
	}
	return 0, 0, false
}

// phraseBefore returns the phrase before the verb at k, back to the clause
// start (punctuation, a quotation mark, a conjunction) but not before a.
func phraseBefore(toks []token, a, k int) (int, int, bool) {
	// "Mr. Kelly, the police commissioner, said": the name before the
	// appositive speaks.
	if k-1 > a && toks[k-1].text == "," {
		for c := k - 2; c > a; c-- {
			if toks[c].text == "," {
				if s, _, ok := phraseBefore(toks, a, c); ok {
					return s, k - 1, k-1-s <= 14
				}
				break
			}
			if isQuoteMark(firstRune(toks[c].text)) {
				break
			}
		}
	}
	if k-1 > a && toks[k-1].text == ")" {
		// "Rep. Edward Markey (D-Mass.) said": skip the parenthesis.
		for c := k - 2; c > a; c-- {
			if toks[c].text == "(" {
				if s, _, ok := phraseBefore(toks, a, c); ok {
					return s, c, true
				}
				break
			}
		}
	}
	// "He also said", "The company later said": the adverb is not the
	// speaker.
	for k-1 > a && verbAdverbs[toks[k-1].lower()] {
		k--
	}
	s := k
	for s > a {
		p := toks[s-1]
		if p.text == "," || p.text == ";" || p.text == ":" || isQuoteMark(firstRune(p.text)) || p.text == "(" ||
			clauseStart[p.lower()] && s-1 != a {
			break
		}
		s--
	}
	return trimPhrase(toks, s, k)
}

// speakerBefore finds an attribution before a quotation: X said: "…",
// X said the situation was "…", according to X, "…".
func speakerBefore(toks []token, from, to int) (int, int, bool) {
	a, b := tokRange(toks, from, to)
	for k := b - 1; k >= a; k-- {
		l := toks[k].lower()
		if l == "according" && k+1 < b && toks[k+1].lower() == "to" {
			return phraseAfter(toks, k+2, b)
		}
		if l == "saying" && k > a && toks[k-1].lower() == "as" {
			for m := k - 2; m >= a; m-- {
				if toks[m].lower() == "quoted" {
					return m + 1, k - 1, k-1 > m+1
				}
			}
		}
		if !speechVerbs[l] || l == "saying" {
			continue
		}
		if s, e, ok := phraseBefore(toks, a, k); ok {
			return s, e, ok
		}
		// "said X" inverted before the quote: said Peskov: "…". Not
		// "said the threat led Microsoft to act "…"": there what follows
		// the verb is what was said.
		s, e, ok := phraseAfter(toks, k+1, b)
		for m := e; ok && m < b; m++ {
			if t := toks[m].text; t != ":" && t != "," && !isQuoteMark(firstRune(t)) {
				return 0, 0, false
			}
		}
		return s, e, ok
	}
	return 0, 0, false
}

// phraseAfter returns the noun phrase starting at k, up to a stop word or
// punctuation (possessives and hyphens continue it).
func phraseAfter(toks []token, k, b int) (int, int, bool) {
	e := k
	for e < b {
		t := toks[e]
		if !t.isWord() && t.text != "'s" && t.text != "’s" {
			break
		}
		if t.lower() == "and" && e+1 < b && toks[e+1].isCap() {
			e++ // said Zadan and Meron
			continue
		}
		if npStop[t.lower()] || t.lower() == "issued" || t.lower() == "released" {
			break
		}
		e++
	}
	return trimPhrase(toks, k, e)
}

// trimPhrase drops leading clause words ("Earlier", "But") from toks[a:b].
func trimPhrase(toks []token, a, b int) (int, int, bool) {
	for a < b && (clauseStart[toks[a].lower()] || !toks[a].isWord()) {
		a++
	}
	return a, b, b > a && b-a <= 14
}

// resolveSpeaker turns a speaker phrase into a speaker: the last person
// named in it, a named organisation, the previous speaker for a pronoun, or
// the phrase itself (a role such as "a government spokesman").
func resolveSpeaker(text string, toks []token, a, b int, ents []entity, prev *item) speaker {
	from, to := toks[a].start, toks[b-1].end
	phrase := text[from:to]
	sp := speaker{as: phrase, roleSet: affiliation(toks[a:b]), heads: map[string]bool{}}
	for _, t := range toks[a:b] {
		if l := strings.TrimSuffix(t.lower(), "."); roleNouns[l] && !honorifics[l] || roleClass[l] != "" {
			if c := roleClass[l]; c != "" {
				l = c
			}
			sp.head = l // the last title word heads the role
			sp.heads[l] = true
		}
	}
	if b-a == 1 && pronouns[toks[a].lower()] {
		personal := toks[a].lower() == "he" || toks[a].lower() == "she"
		if prev != nil && prev.speaker.name != "" && (prev.speaker.person || !personal) {
			s := prev.speaker
			s.as = phrase
			s.weak = true // resolved, but not enough to contradict another source
			s.how = "pronoun"
			return s
		}
		// The last person named before the phrase (among the few names
		// before it): a guess. ents are in text order.
		k := sort.Search(len(ents), func(i int) bool { return ents[i].start >= from })
		for i := k - 1; i >= 0 && i >= k-200; i-- {
			if ents[i].kind == KindPerson && ents[i].end <= from {
				return speaker{name: ents[i].canonical, as: phrase, named: true, person: true, names: []string{ents[i].canonical}, weak: true, how: "pronoun"}
			}
		}
		return speaker{as: phrase, weak: true}
	}
	var other *entity
	for i := sort.Search(len(ents), func(i int) bool { return ents[i].start >= from }); i < len(ents) && ents[i].start < to; i++ {
		e := &ents[i]
		if e.end > to {
			continue
		}
		if rest := text[e.end:]; strings.HasPrefix(rest, "'s ") || strings.HasPrefix(rest, "’s ") {
			continue // a possessor ("Reid's rep", "Putin's spokesman") does not speak
		}
		if e.kind == KindPerson || e.kind == "" {
			e.kind = KindPerson // an undecided name that speaks is a person
			sp.names = append(sp.names, e.canonical)
		} else if other == nil {
			other = e
		}
	}
	if len(sp.names) > 0 {
		// "said Zadan and Meron": every person named speaks; the last
		// one names the attribution.
		sp.name, sp.named, sp.person, sp.how = sp.names[len(sp.names)-1], true, true, "named"
		return sp
	}
	if other != nil {
		rest := strings.Replace(phrase, other.name, "", 1)
		hasRole := false
		for _, t := range tokenize(rest, 0, len(rest)) {
			hasRole = hasRole || roleNouns[t.lower()]
		}
		if !hasRole {
			sp.name, sp.named, sp.kind, sp.how = other.canonical, true, other.kind, "named"
			return sp
		}
	}
	sp.name = strings.ToLower(strings.TrimSpace(trimArticle(phrase)))
	sp.weak = true
	for _, t := range toks[a:b] {
		if l := t.lower(); roleNouns[l] || orgCues[l] {
			sp.weak = false
		}
	}
	return sp
}

// affiliation returns the words of an attribution that place its speaker:
// demonyms and places (folded: Indian ~ India), and capitalised words
// other than the first ("a Russian government spokesman" → russ).
func affiliation(toks []token) map[string]bool {
	m := map[string]bool{}
	for i, t := range toks {
		l := strings.TrimSuffix(t.lower(), ".")
		switch {
		case !t.isWord() || l == "'s" || l == "’s" || nounStop[l] || roleNouns[l] || roleModifiers[l]:
		case demonyms[l] || places[l]:
			m[l[:min(4, len(l))]] = true
		case t.isCap() && i > 0:
			m[l] = true
		}
	}
	return m
}

func trimArticle(s string) string {
	l := strings.ToLower(s)
	for _, a := range []string{"a ", "an ", "the "} {
		if strings.HasPrefix(l, a) {
			return s[len(a):]
		}
	}
	return s
}

// sameSpeaker reports whether two attributions can be the same speaker.
// Unknown speakers are compatible with anyone; a role is compatible with a
// named person whose role (or phrase) contains all its words.
func sameSpeaker(a, b speaker) bool {
	if a.name == "" || b.name == "" || a.weak || b.weak {
		return true
	}
	// One attribution writes the other's name: "the head of the GSEE
	// union, Giannis Panagopoulos" and "Giannis Panagopoulos".
	if a.named && writesName(b.as, a.name) || b.named && writesName(a.as, b.name) {
		return true
	}
	switch {
	case a.person && b.person:
		for _, x := range a.names {
			for _, y := range b.names {
				if s, _ := sameName(x, y); s {
					return true
				}
			}
		}
		return false
	case a.named && b.named && !a.person && !b.person:
		if a.kind != b.kind {
			return true // India's navy, the Indian Navy
		}
		s, _ := sameName(a.name, b.name)
		return s
	case a.named && b.named:
		return true // a person may speak for an organisation
	}
	// A role against a name or another role: they differ only when the
	// role places its speaker somewhere the other does not ("a Russian
	// government spokesman" against a spokesman of another government).
	if a.named {
		a, b = b, a
	}
	if b.named {
		// "a fire chief" is not "Mayor Anna Kowalski": both have a title
		// and they differ.
		if a.head != "" && len(b.heads) > 0 && !b.heads[a.head] {
			return false
		}
		return subset(a.roleSet, b.roleSet)
	}
	return subset(a.roleSet, b.roleSet) || subset(b.roleSet, a.roleSet)
}

// writesName reports whether an attribution as written names the person
// name: the whole name, or its surname as a word ("Academy President
// Boone Isaacs" and "Cheryl Boone Isaacs").
func writesName(as, name string) bool {
	if strings.Contains(as, name) {
		return true
	}
	t := nameTokens(name)
	if len(t) < 2 {
		return false
	}
	for _, w := range strings.Fields(as) {
		if strings.Trim(w, ",.;:'’\"") == t[len(t)-1] {
			return true
		}
	}
	return false
}

func subset(a, b map[string]bool) bool {
	for w := range a {
		if !b[w] {
			return false
		}
	}
	return true
}

// quoteMatch scores how well two quotations match: 1 when the words are the
// same, 0.95 when the shorter (four words or more) is part of the longer,
// else the word-level LCS ratio when it is at least 0.8 and the lengths are
// comparable.
func quoteMatch(a, b []string) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if strings.Join(a, " ") == strings.Join(b, " ") {
		return 1
	}
	if len(a) >= 4 && contentWords(a) >= 3 && strings.Contains(" "+strings.Join(b, " ")+" ", " "+strings.Join(a, " ")+" ") {
		return 0.95 // not a stock phrase: "as quickly as possible" is in many quotes
	}
	// A quote with a word or two changed: the longest common subsequence
	// covers 80% of the shorter, and the shorter is not a small part of
	// the longer.
	if len(a) < 4 || float64(len(a)) < 0.6*float64(len(b)) || len(a)*len(b) > 1<<20 {
		return 0
	}
	if r := float64(lcs(a, b)) / float64(len(a)); r >= 0.8 {
		return r * 0.9
	}
	return 0
}

// contentWords counts the words of ws that are not function words.
func contentWords(ws []string) int {
	n := 0
	for _, w := range ws {
		if !commonWords[w] && len(w) > 2 {
			n++
		}
	}
	return n
}

// describe renders a speaker for reports: the attribution as written, with
// the person it resolves to when the wording does not name them.
func (s speaker) describe() string {
	switch {
	case s.as == "" && s.name == "":
		return "(unattributed)"
	case s.as == "":
		return s.name
	case s.named && !strings.Contains(s.as, s.name):
		return s.as + " (" + s.name + ")"
	}
	return s.as
}

// lcs returns the length of the longest common subsequence of two word lists.
func lcs(a, b []string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// quoteKind aligns quotations by their words (see quoteMatch): a partial
// quote aligns with the full one. An aligned quote conflicts when two
// sources credit it to speakers who cannot be the same (see sameSpeaker);
// a guessed speaker (a pronoun, an unnamed phrase) never conflicts.
type quoteKind struct{}

func (quoteKind) multi() bool { return false }

func (quoteKind) bucket(it *item) string { return "" }

func (quoteKind) score(a, b *item, sameDoc bool, c *alignCtx) (float64, bool, bool) {
	if s := quoteMatch(a.quoteWords, b.quoteWords); s >= 0.7 {
		return s, true, false
	}
	return 0, false, false
}

func (quoteKind) conflict(r *row, c *alignCtx) (Conflict, bool) {
	conflict, named := false, true
	for x := 0; x < len(r.nodes); x++ {
		for y := x + 1; y < len(r.nodes); y++ {
			a, b := r.item(x).speaker, r.item(y).speaker
			if !sameSpeaker(a, b) {
				conflict = true
				named = named && a.person && b.person
			}
		}
	}
	if !conflict {
		return Conflict{}, false
	}
	x := Conflict{Kind: ConflictAttribution, Sureness: SureHigh, Reason: "credited to different named speakers"}
	if !named {
		x.Sureness, x.Reason = SureMedium, "credited to speakers described differently"
	}
	for i := range r.nodes {
		it := r.item(i)
		d := r.doc(i)
		if len([]rune(it.text)) > len([]rune(x.Text)) {
			x.Text = it.text
		}
		x.Values = append(x.Values, ConflictValue{Doc: d.art.ID, Line: d.line(it.start), Value: it.speaker.describe(),
			Wording: d.sentenceText(it.sent)})
	}
	return x, true
}

// reportedSpeaker returns the attribution of a sentence of reported
// speech, without quotation marks: "…, Genesee County Sheriff Robert
// Pickell said." or "…, said Pickell."
func reportedSpeaker(d *docFacts, si int) (speaker, bool) {
	s := d.sents[si]
	if len(s.quotes) > 0 {
		return speaker{}, false // quotations are compared as quotes
	}
	toks := tokenize(d.text, s.start, s.end)
	for k := len(toks) - 1; k >= 0 && k >= len(toks)-16; k-- {
		if !speechVerbs[toks[k].lower()] || toks[k].lower() == "saying" {
			continue
		}
		c := k - 1
		for c >= 0 && c >= k-15 && toks[c].text != "," {
			c--
		}
		if c < 0 || toks[c].text != "," {
			// "…, said Pickell": the comma comes before the verb.
			if k > 0 && toks[k-1].text == "," {
				c = k - 1
			} else {
				return speaker{}, false
			}
		}
		a, b, ok := speakerAfter(toks, toks[c].end, s.end)
		if !ok {
			return speaker{}, false
		}
		sp := resolveSpeaker(d.text, toks, a, b, d.ents, nil)
		return sp, sp.name != "" && !sp.weak
	}
	return speaker{}, false
}

// reportedSpeechConflicts finds statements several sources report in
// the same words, without quotation marks, and credit to speakers who
// cannot be the same: a wire sentence whose attribution an outlet changed
// ("…pulled over after about 15 minutes, Undersheriff James Gage said" and
// "…, Sheriff Robert Pickell said"). Two sentences report one statement
// when they share a run of at least seven words (two word 6-shingles)
// before their attributions.
func reportedSpeechConflicts(docs []*docFacts, passages [][]sentRef) []Conflict {
	type said struct {
		ref sentRef
		sp  speaker
		sh  []uint64
	}
	var all []said
	index := map[uint64][]int{}
	for di, d := range docs {
		for si := range d.sents {
			sp, ok := reportedSpeaker(d, si)
			if !ok || len(all) >= maxItems {
				continue
			}
			s := d.sents[si]
			words := shingle.Words(d.text[s.start:s.end])
			if len(words) < reportedShingle {
				continue
			}
			sh := shingle.WordShingles(words, reportedShingle)
			for _, h := range sh {
				index[h] = append(index[h], len(all))
			}
			all = append(all, said{sentRef{di, si}, sp, sh})
		}
	}
	// Statements: groups of sentences linked by two shared shingles.
	uf := shingle.NewUnionFind(len(all))
	shared := map[[2]int]int{}
	for _, ids := range index {
		if len(ids) > 2*len(docs) {
			continue // a stock phrase
		}
		for x := 0; x < len(ids); x++ {
			for y := x + 1; y < len(ids); y++ {
				a, b := ids[x], ids[y]
				if all[a].ref.doc == all[b].ref.doc {
					continue
				}
				k := [2]int{min(a, b), max(a, b)}
				shared[k]++
				if shared[k] == 2 {
					uf.Union(a, b)
				}
			}
		}
	}
	var out []Conflict
	for _, g := range uf.Groups() {
		conflict, named := false, true
		for x := 0; x < len(g); x++ {
			for y := x + 1; y < len(g); y++ {
				a, b := all[g[x]], all[g[y]]
				if a.ref.doc != b.ref.doc && !sameSpeaker(a.sp, b.sp) {
					conflict = true
					named = named && a.sp.person && b.sp.person
				}
			}
		}
		if !conflict {
			continue
		}
		x := Conflict{Kind: ConflictAttribution, Sureness: SureHigh,
			Reason: "the same statement is credited to different named speakers"}
		if !named {
			x.Sureness, x.Reason = SureMedium, "the same statement is credited to speakers described differently"
		}
		for _, i := range g {
			d := docs[all[i].ref.doc]
			s := d.sents[all[i].ref.sent]
			text := d.text[s.start:s.end]
			if x.Text == "" {
				x.Text = text
			}
			x.Values = append(x.Values, ConflictValue{Doc: d.art.ID, Line: d.line(s.start), Value: all[i].sp.describe(), Wording: text})
		}
		out = append(out, x)
	}
	return out
}

// reportedShingle is the word-shingle size that ties reported statements.
const reportedShingle = 6
