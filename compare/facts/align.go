package facts

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// Alignment. The facts of all sources are put in buckets (a kind decides
// which facts may be the same), scored pair by pair by their kind, and
// grouped greedily, best pairs first, into aligned facts. A kind says how
// its facts are bucketed and scored and when an aligned fact is a
// conflict: figureKind (figure.go), dateKind (date.go), nameKind
// (names.go), quoteKind (quote.go). The aligner knows nothing else of them.

// factKind is one kind of fact: how its mentions align and conflict.
type factKind interface {
	// bucket returns a key shared by every item it may align with.
	bucket(it *item) string
	// score scores the pairing of two items of one bucket (of two articles,
	// or of one when multi is true). ok is false when they are not the
	// same fact; veto when they can never be in one aligned fact.
	score(a, b *item, sameDoc bool, c *alignCtx) (s float64, ok, veto bool)
	// multi reports whether one article may state an aligned fact more
	// than once (a figure in the headline and the lead).
	multi() bool
	// conflict returns the conflict an aligned fact carries, if any.
	conflict(r *row, c *alignCtx) (Conflict, bool)
}

// kinds is the table of fact kinds.
var kinds = map[string]factKind{
	KindFigure:       figureKind{},
	KindDate:         dateKind{},
	KindPerson:       nameKind{},
	KindOrganization: nameKind{},
	KindPlace:        nameKind{},
	KindQuote:        quoteKind{},
}

var kindOrder = map[string]int{KindFigure: 0, KindDate: 1, KindQuote: 2, KindPerson: 3, KindOrganization: 4, KindPlace: 5}

var conflictOrder = map[string]int{ConflictFigure: 0, ConflictDate: 1, ConflictAttribution: 2, ConflictSpelling: 3}

var surenessOrder = map[string]int{SureHigh: 0, SureMedium: 1, SureLow: 2}

// maxBucket bounds the items compared pairwise in one bucket; beyond it
// only items with the same key align, so cost stays near-linear.
const maxBucket = 400

type node struct{ doc, item int }

type pairScore struct {
	a, b  int // node indexes, a < b
	score float64
}

// alignCtx is what kinds may consult while aligning one comparison.
type alignCtx struct {
	docs  []*docFacts
	nodes []node
	// df counts, per context word, the articles whose facts have it near.
	df map[string]int
	// scores of the scored pairs, by node pair (a < b).
	scores map[[2]int]pairResult
	// canon maps the key of a spelling with variants to the most used
	// spelling of its group (see spellingGroups).
	canon map[string]string
}

type pairResult struct {
	s        float64
	ok, veto bool
}

func (c *alignCtx) item(n int) *item { return &c.docs[c.nodes[n].doc].items[c.nodes[n].item] }

// weight is the weight of a context word: 1 + ln(N/df) over the articles.
func (c *alignCtx) weight(w string) float64 {
	df := c.df[w]
	if df == 0 {
		df = 1
	}
	x := 1 + math.Log(float64(len(c.docs))/float64(df))
	if len(w) > 2 && (w[:2] == "n:" || w[:2] == "y:") {
		x *= 1.5 // a name or a year says more of what a figure is about
	}
	return x
}

// ctxSimilarity is the weighted Jaccard of the context words of two items.
func (c *alignCtx) ctxSimilarity(a, b *item) float64 {
	return weightedJaccard(a.ctx, b.ctx, c.weight)
}

// row is an aligned fact: its nodes, sorted by article then position.
type row struct {
	kind  string
	nodes []int
	c     *alignCtx
}

func (r *row) item(i int) *item { return r.c.item(r.nodes[i]) }
func (r *row) doc(i int) *docFacts {
	return r.c.docs[r.c.nodes[r.nodes[i]].doc]
}

// align pairs the facts of the articles and builds the comparison.
func align(docs []*docFacts, vocab map[string]bool) *Comparison {
	c := &alignCtx{docs: docs, df: map[string]int{}, scores: map[[2]int]pairResult{}, canon: map[string]string{}}
	markUnique(docs)
	sps, groups := spellingGroups(docs, vocab)
	spellings := spellingConflicts(docs, sps, groups)
	groupOf := map[string]int{}
	for gi, g := range groups {
		for _, m := range g {
			groupOf[sps[m].key] = gi
			c.canon[sps[m].key] = spellings[gi].Text
		}
	}
	for _, d := range docs {
		for i := range d.items {
			if it := &d.items[i]; isEntity(it.kind) {
				it.canonName = canonicalName(it.name, c.canon)
			}
		}
	}
	buckets := map[string][]int{}
	var bucketKeys []string
	for di, d := range docs {
		seen := map[string]bool{}
		for ii := range d.items {
			it := &d.items[ii]
			k := it.kind
			if kinds[k] == nil {
				continue
			}
			b := kindGroup(k) + "/" + kinds[k].bucket(it)
			if _, ok := buckets[b]; !ok {
				bucketKeys = append(bucketKeys, b)
			}
			buckets[b] = append(buckets[b], len(c.nodes))
			c.nodes = append(c.nodes, node{di, ii})
			for w := range it.ctx {
				if !seen[w] {
					seen[w] = true
					c.df[w]++
				}
			}
		}
	}
	slices.Sort(bucketKeys)
	var pairs []pairScore
	for _, k := range bucketKeys {
		pairs = c.scoreBucket(buckets[k], pairs)
	}
	slices.SortStableFunc(pairs, func(p, q pairScore) int {
		if c := cmp.Compare(q.score, p.score); c != 0 {
			return c
		}
		if c := cmp.Compare(p.a, q.a); c != 0 {
			return c
		}
		return cmp.Compare(p.b, q.b)
	})
	gs := newGroups(len(c.nodes))
	group, members := gs.of, gs.members
	merge := func(ga, gb int) { gs.merge(ga, gb) }
	for _, p := range pairs {
		ga, gb := group[p.a], group[p.b]
		if ga != gb && c.canMerge(members[ga], members[gb]) {
			merge(ga, gb)
		}
	}
	// Further mentions of a fact in an article that already states it
	// (a figure in the headline and again in the lead) join its row.
	for _, k := range bucketKeys {
		for _, n := range buckets[k] {
			if len(members[group[n]]) > 1 || !kinds[c.item(n).kind].multi() {
				continue
			}
			best, bestScore := -1, 0.0
			for _, m := range buckets[k] {
				g := group[m]
				if g == group[n] || len(members[g]) < 2 || c.nodes[m].doc != c.nodes[n].doc {
					continue
				}
				r, ok := c.scores[key2(n, m)]
				if ok && r.ok && (best < 0 || r.s > bestScore) && c.canMerge(members[group[n]], members[g]) {
					best, bestScore = g, r.s
				}
			}
			if best >= 0 {
				merge(group[n], best)
			}
		}
	}
	// Repeats of one figure in one article that no other article states
	// are one fact of that article.
	// A repeat joins the aligned fact that holds its value, when there is
	// one.
	firstOf := map[[2]any]int{}
	for n := range c.nodes {
		if it := c.item(n); it.base != "" && len(members[group[n]]) > 1 {
			k := [2]any{c.nodes[n].doc, it.base}
			if _, ok := firstOf[k]; !ok {
				firstOf[k] = n
			}
		}
	}
	for n := range c.nodes {
		it := c.item(n)
		if it.base == "" || len(members[group[n]]) > 1 {
			continue
		}
		k := [2]any{c.nodes[n].doc, it.base}
		if g, ok := firstOf[k]; ok {
			merge(group[g], group[n])
		} else {
			firstOf[k] = n
		}
	}
	var rows []row
	for g, ms := range members {
		if len(ms) == 0 || group[g] != g {
			continue
		}
		slices.SortFunc(ms, func(x, y int) int {
			if c := cmp.Compare(c.nodes[x].doc, c.nodes[y].doc); c != 0 {
				return c
			}
			return cmp.Compare(c.item(x).start, c.item(y).start)
		})
		rows = append(rows, row{kind: majorityKind(ms, c), nodes: ms, c: c})
	}
	slices.SortStableFunc(rows, func(x, y row) int {
		if c := cmp.Compare(kindOrder[x.kind], kindOrder[y.kind]); c != 0 {
			return c
		}
		if c := cmp.Compare(y.sources(), x.sources()); c != 0 {
			return c
		}
		a, b := c.nodes[x.nodes[0]], c.nodes[y.nodes[0]]
		if c := cmp.Compare(a.doc, b.doc); c != 0 {
			return c
		}
		return cmp.Compare(c.item(x.nodes[0]).start, c.item(y.nodes[0]).start)
	})
	res := &Comparison{Facts: []Fact{}, Conflicts: []Conflict{}, OnlyIn: []OnlyIn{}, SharedPassages: []SharedPassage{},
		Coverage: []Coverage{}}
	cov := map[string]*Coverage{}
	for ri := range rows {
		r := &rows[ri]
		f := Fact{ID: fmt.Sprintf("F%d", ri+1), Kind: result.FactKind(r.kind)}
		seen := map[int]bool{}
		for i, n := range r.nodes {
			it := r.item(i)
			d := c.nodes[n].doc
			if seen[d] {
				f.Mentions[len(f.Mentions)-1].Count += it.count
				continue
			}
			seen[d] = true
			f.Mentions = append(f.Mentions, r.doc(i).mention(it))
			t := it.text
			if isEntity(r.kind) {
				t = it.name
			}
			if len([]rune(t)) > len([]rune(f.Text)) {
				f.Text = t
			}
		}
		res.Facts = append(res.Facts, f)
		k := coverageKind(r.kind)
		if cov[k] == nil {
			cov[k] = &Coverage{Kind: result.FactKind(k)}
		}
		if len(f.Mentions) >= 2 {
			cov[k].Aligned++
		} else {
			cov[k].Single++
		}
		if x, ok := kinds[r.kind].conflict(r, c); ok {
			x.Fact = f.ID
			res.Conflicts = append(res.Conflicts, x)
			cov[k].Conflicts++
		}
	}
	// Spelling conflicts, each attached to the first name fact that uses
	// one of its spellings.
	factOf := make([]string, len(groups))
	for _, f := range res.Facts {
		if !isEntity(string(f.Kind)) {
			continue
		}
		for _, m := range f.Mentions {
			for _, w := range strings.Fields(m.Text + " " + m.Name) {
				if gi, ok := groupOf[plainFold(strings.TrimSuffix(w, "."))]; ok && factOf[gi] == "" {
					factOf[gi] = f.ID
				}
			}
		}
	}
	for gi, x := range spellings {
		x.Fact = factOf[gi]
		res.Conflicts = append(res.Conflicts, x)
		if cv := cov[KindName]; cv != nil {
			cv.Conflicts++
		}
	}
	slices.SortStableFunc(res.Conflicts, func(x, y Conflict) int {
		if c := cmp.Compare(surenessOrder[string(x.Sureness)], surenessOrder[string(y.Sureness)]); c != 0 {
			return c
		}
		return cmp.Compare(conflictOrder[string(x.Kind)], conflictOrder[string(y.Kind)])
	})
	for _, k := range []string{KindFigure, KindDate, KindQuote, KindName} {
		if cv := cov[k]; cv != nil {
			res.Coverage = append(res.Coverage, *cv)
		}
	}
	if len(docs) >= 2 {
		for _, d := range docs {
			o := OnlyIn{Doc: d.art.ID, Facts: []string{}}
			for _, f := range res.Facts {
				if len(f.Mentions) == 1 && f.Mentions[0].Doc == d.art.ID {
					o.Facts = append(o.Facts, f.ID)
				}
			}
			res.OnlyIn = append(res.OnlyIn, o)
		}
	}
	var passages [][]sentRef
	res.SharedPassages, passages = sharedPassages(docs)
	for _, x := range reportedSpeechConflicts(docs, passages) {
		res.Conflicts = append(res.Conflicts, x)
		if cv := cov[KindQuote]; cv != nil {
			cv.Conflicts++
		}
	}
	slices.SortStableFunc(res.Conflicts, func(x, y Conflict) int {
		if c := cmp.Compare(surenessOrder[string(x.Sureness)], surenessOrder[string(y.Sureness)]); c != 0 {
			return c
		}
		return cmp.Compare(conflictOrder[string(x.Kind)], conflictOrder[string(y.Kind)])
	})
	return res
}

// signatureKind is a kind whose facts can be the only one of their sort
// in an article (the only count of boats): two such facts of two articles
// are likely the same.
type signatureKind interface {
	signature(it *item) string
}

// markUnique sets item.unique: repeats of one value (a figure in the
// headline and the lead) count once.
func markUnique(docs []*docFacts) {
	for _, d := range docs {
		count := map[string]int{}
		seen := map[[2]string]bool{}
		for i := range d.items {
			it := &d.items[i]
			if sk, ok := kinds[it.kind].(signatureKind); ok {
				sig := sk.signature(it)
				base := it.base
				if base == "" {
					base = it.key
				}
				if sig != "" && !seen[[2]string{sig, base}] {
					seen[[2]string{sig, base}] = true
					count[sig]++
				}
			}
		}
		for i := range d.items {
			it := &d.items[i]
			if sk, ok := kinds[it.kind].(signatureKind); ok {
				sig := sk.signature(it)
				it.unique = sig != "" && count[sig] == 1
			}
		}
	}
}

// finerKind is a kind that can split an oversized bucket.
type finerKind interface {
	finer(it *item) string
}

// scoreBucket scores the pairs of one bucket, appending the aligned pairs
// of different articles to pairs. An oversized bucket is split by the
// kind's finer key when it has one; what is still too large aligns only
// items with the same key.
func (c *alignCtx) scoreBucket(ns []int, pairs []pairScore) []pairScore {
	if len(ns) == 0 {
		return pairs
	}
	kind := kinds[c.item(ns[0]).kind]
	if len(ns) > maxBucket {
		fk, ok := kind.(finerKind)
		sub := map[string][]int{}
		var keys []string
		for _, n := range ns {
			key := c.item(n).key
			if ok {
				key = fk.finer(c.item(n))
			}
			if _, seen := sub[key]; !seen {
				keys = append(keys, key)
			}
			sub[key] = append(sub[key], n)
		}
		for _, key := range keys {
			g := sub[key]
			if ok && len(g) < len(ns) {
				pairs = c.scoreBucket(g, pairs)
				continue
			}
			for x := 1; x < len(g) && x < maxBucket; x++ {
				if c.nodes[g[0]].doc != c.nodes[g[x]].doc {
					pairs = append(pairs, pairScore{g[0], g[x], 1})
					c.scores[[2]int{g[0], g[x]}] = pairResult{1, true, false}
				}
			}
		}
		return pairs
	}
	for x := 0; x < len(ns); x++ {
		for y := x + 1; y < len(ns); y++ {
			a, b := ns[x], ns[y]
			same := c.nodes[a].doc == c.nodes[b].doc
			if same && !kind.multi() {
				continue
			}
			s, ok, veto := kind.score(c.item(a), c.item(b), same, c)
			if !ok && !veto && !kind.multi() {
				continue
			}
			c.scores[key2(a, b)] = pairResult{s, ok, veto}
			if ok && !same {
				pairs = append(pairs, pairScore{min(a, b), max(a, b), s})
			}
		}
	}
	return pairs
}

func key2(a, b int) [2]int {
	if a > b {
		a, b = b, a
	}
	return [2]int{a, b}
}

// canMerge reports whether two groups of nodes may become one aligned fact.
// Kinds with one mention per article need every cross pair aligned and no
// article twice (no chains: Smith → John Smith → Jane Smith). Kinds with
// several mentions per article need no vetoed pair and a mean cross-pair
// score (unscored pairs count as 0) of at least mergeThreshold.
func (c *alignCtx) canMerge(ga, gb []int) bool {
	kind := kinds[c.item(ga[0]).kind]
	if !kind.multi() {
		for _, x := range ga {
			for _, y := range gb {
				if c.nodes[x].doc == c.nodes[y].doc {
					return false
				}
				if r, ok := c.scores[key2(x, y)]; !ok || !r.ok {
					return false
				}
			}
		}
		return true
	}
	sum, n := 0.0, 0
	for _, x := range ga {
		for _, y := range gb {
			r, ok := c.scores[key2(x, y)]
			if ok && r.veto {
				return false
			}
			if ok {
				sum += r.s
			}
			n++
		}
	}
	return sum/float64(n) >= mergeThreshold
}

// mergeThreshold is the mean pair score two groups of figures or dates
// need to become one fact (see figureKind.score).
const mergeThreshold = 0.6

// sources returns the number of articles in the row.
func (r *row) sources() int {
	n, last := 0, -1
	for _, x := range r.nodes {
		if d := r.c.nodes[x].doc; d != last {
			n++
			last = d
		}
	}
	return n
}

func majorityKind(ms []int, c *alignCtx) string {
	count := map[string]int{}
	best := ""
	for _, n := range ms {
		k := c.item(n).kind
		count[k]++
		if best == "" || count[k] > count[best] || count[k] == count[best] && kindOrder[k] < kindOrder[best] {
			best = k
		}
	}
	return best
}

func isEntity(kind string) bool {
	return kind == KindPerson || kind == KindOrganization || kind == KindPlace
}

// kindGroup is the bucket prefix of a kind: names of any type align with
// each other (a spelling may have been typed differently).
func kindGroup(k string) string {
	if isEntity(k) {
		return KindName
	}
	return k
}

// coverageKind is the kind a fact counts under in Coverage.
func coverageKind(k string) string {
	if isEntity(k) {
		return KindName
	}
	return k
}

// valuesOf returns, per article of the row (in row order), its items.
func (r *row) perDoc() [][]int {
	var out [][]int
	last := -1
	for i, n := range r.nodes {
		d := r.c.nodes[n].doc
		if d != last {
			out = append(out, nil)
			last = d
		}
		out[len(out)-1] = append(out[len(out)-1], i)
	}
	return out
}

// disagreement looks, between every two articles of a row, for a
// statement of one that no statement of the other agrees with. rel says
// whether two items can disagree at all (comparable) and whether they
// agree; closer says whether b is closer to a than c is; sureness says
// how sure the disagreement of a with its closest item is, and why. It
// returns the surest disagreement found, or "" when the articles agree
// (an article and a copy of it never disagree, however many values each
// states).
//
// states, when not nil, says whether an article states a's value anywhere
// (not only in the row): an article that gives both values itself is
// not taken to contradict, nor to be contradicted by, one that gives one
// of them — one writer
// rarely contradicts themself a few lines apart, so the row then most
// often holds two things (a second quake's magnitude, a season's total
// beside a game's) — unless the two statements are one sentence with its
// value changed.
func (r *row) disagreement(rel func(a, b *item) (comparable, agree bool), closer func(a, b, c *item) bool,
	sureness func(a, b *item) (string, string), states func(a *item, d *docFacts) bool) (sure, why string) {
	per := r.perDoc()
	for x := 0; x < len(per); x++ {
		for y := x + 1; y < len(per); y++ {
			for _, p := range [2][2][]int{{per[x], per[y]}, {per[y], per[x]}} {
				for _, i := range p[0] {
					a := r.item(i)
					var closest *item
					agrees := false
					for _, j := range p[1] {
						b := r.item(j)
						comparable, agree := rel(a, b)
						if agree {
							agrees = true
							break
						}
						if comparable && (closest == nil || closer(a, b, closest)) {
							closest = b
						}
					}
					if agrees || closest == nil ||
						states != nil && r.c.ctxSimilarity(a, closest) < sameWording &&
							(states(a, r.doc(p[1][0])) || states(closest, r.doc(p[0][0]))) {
						continue
					}
					if s, w := sureness(a, closest); sure == "" || surenessOrder[s] < surenessOrder[sure] {
						sure, why = s, w
					}
				}
			}
		}
	}
	return sure, why
}

// sameWording is the context similarity from which two statements are one
// sentence with its figure changed (an edited copy): a value given
// elsewhere then does not explain the change away.
const sameWording = 0.6

// groups partitions items into groups merged one pair at a time: what the
// aligner and the shared passages both build, best pairs first.
type groups struct {
	of      []int   // item → its group (the smallest item of it)
	members [][]int // group → its items; nil for items that are not a group
}

func newGroups(n int) *groups {
	g := &groups{of: make([]int, n), members: make([][]int, n)}
	for i := range n {
		g.of[i], g.members[i] = i, []int{i}
	}
	return g
}

// merge joins the groups ga and gb; the smaller id names the result.
func (g *groups) merge(ga, gb int) int {
	if ga > gb {
		ga, gb = gb, ga
	}
	for _, y := range g.members[gb] {
		g.of[y] = ga
	}
	g.members[ga] = append(g.members[ga], g.members[gb]...)
	g.members[gb] = nil
	return ga
}

// roots returns the groups, in order of their ids.
func (g *groups) roots() []int {
	var out []int
	for i, ms := range g.members {
		if len(ms) > 0 && g.of[i] == i {
			out = append(out, i)
		}
	}
	return out
}
