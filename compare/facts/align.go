package facts

import (
	"cmp"
	"fmt"
	"slices"
)

// Context thresholds for pairing two figures or dates that disagree: the
// Jaccard of the content words of their sentences (the figure itself
// excluded). Measured on edited copies (≈1) and independent reports of one
// event (unrelated sentences ≈0–0.15); a noun or date class used once in
// each article needs less context.
const (
	conflictContext = 0.4
	uniqueContext   = 0.3
	bareContext     = 0.6 // for numbers without a counted noun

	// maxBucket bounds the facts compared pairwise in one bucket (kind and
	// noun); beyond it only identical values are aligned.
	maxBucket = 600
)

var kindOrder = map[string]int{KindFigure: 0, KindDate: 1, KindPerson: 2, KindOrganization: 3, KindPlace: 4, KindQuote: 5}

var conflictOrder = map[string]int{ConflictAttribution: 0, ConflictFigure: 1, ConflictDate: 2, ConflictSpelling: 3}

type node struct{ doc, item int }

type pairScore struct {
	a, b  int // node indexes, a < b
	score float64
}

func isEntity(kind string) bool {
	return kind == KindPerson || kind == KindOrganization || kind == KindPlace
}

// bucket groups items that may align, so only those are compared.
func bucket(it *item) string {
	switch {
	case it.kind == KindFigure:
		return "f:" + it.value.Noun + "|" + it.value.Unit
	case it.kind == KindDate:
		return "d:"
	case isEntity(it.kind):
		t := nameTokens(it.name)
		if len(t) == 0 {
			return "e:"
		}
		f := foldName(t[len(t)-1])
		r := []rune(f)
		if len(r) == 0 {
			return "e:"
		}
		return "e:" + string(r[0])
	}
	return it.kind
}

// alignScore scores the pairing of two items of different articles; ok is
// false when they are not the same fact.
func alignScore(a, b *item, uniqA, uniqB bool) (float64, bool) {
	switch {
	case isEntity(a.kind) && isEntity(b.kind):
		if plainFold(a.name) == plainFold(b.name) {
			return 3, true
		}
		if a.kind != b.kind {
			return 0, false
		}
		if same, _ := sameName(a.name, b.name); same {
			return 2 + strutilJW(a.name, b.name), true
		}
	case a.kind != b.kind:
		return 0, false
	case a.kind == KindQuote:
		if s := quoteMatch(a.quoteWords, b.quoteWords); s >= 0.7 {
			return s, true
		}
	case a.kind == KindFigure:
		ctx := jaccard(a.ctx, b.ctx)
		if a.value.Noun == "" && a.value.Unit == "" {
			// A bare number: the same only in the same words.
			if a.base == b.base {
				return 0.3 + ctx, true
			}
			return ctx, ctx >= bareContext
		}
		if compatible(*a.value, *b.value) {
			return 0.3 + ctx, true
		}
		if a.value.Unit == "age" {
			// An age belongs to a person: only the same words make it the same.
			return ctx, ctx >= bareContext
		}
		if !anchored(a, b) {
			return 0, false
		}
		if ctx >= conflictContext || uniqA && uniqB && ctx >= uniqueContext {
			return ctx, true
		}
	case a.kind == KindDate:
		ctx := jaccard(a.ctx, b.ctx)
		comparable, equal := dateRelation(*a.date, *b.date)
		if equal {
			return 0.3 + ctx, true
		}
		if comparable && (ctx >= conflictContext || uniqA && uniqB && ctx >= uniqueContext) {
			return ctx, true
		}
	}
	return 0, false
}

// anchored reports whether two disagreeing figures may be one statement:
// when both sentences hold other figures, at least half of those must agree
// (an edited figure among unchanged ones), otherwise the sentences are two
// different statements (one player's 269 yards and 29 passes against
// another's 793 yards and 39 passes).
func anchored(a, b *item) bool {
	if len(a.siblings) == 0 || len(b.siblings) == 0 {
		return true
	}
	agree := 0
	for _, x := range a.siblings {
		for _, y := range b.siblings {
			if x.Noun == y.Noun && compatible(x, y) {
				agree++
				break
			}
		}
	}
	return 2*agree >= min(len(a.siblings), len(b.siblings)) && agree > 0
}

func strutilJW(a, b string) float64 {
	fa, fb := foldName(a), foldName(b)
	if fa == "" || fb == "" {
		return 0
	}
	return jaroWinkler.Compare(fa, fb)
}

// align pairs the facts of the articles and builds the comparison.
func align(docs []*docFacts) *Comparison {
	var nodes []node
	buckets := map[string][]int{}
	var bucketKeys []string
	type docBucket struct {
		doc int
		key string
	}
	perDocBucket := map[docBucket]int{} // items per article and bucket, for uniqueness
	var nodeBucket []string
	for di, d := range docs {
		for ii := range d.items {
			k := bucket(&d.items[ii])
			if _, ok := buckets[k]; !ok {
				bucketKeys = append(bucketKeys, k)
			}
			buckets[k] = append(buckets[k], len(nodes))
			perDocBucket[docBucket{di, k}]++
			nodes = append(nodes, node{di, ii})
			nodeBucket = append(nodeBucket, k)
		}
	}
	unique := make([]bool, len(nodes))
	for n := range nodes {
		unique[n] = perDocBucket[docBucket{nodes[n].doc, nodeBucket[n]}] == 1
	}
	slices.Sort(bucketKeys)
	itemOf := func(n int) *item { return &docs[nodes[n].doc].items[nodes[n].item] }
	var pairs []pairScore
	for _, k := range bucketKeys {
		ns := buckets[k]
		if len(ns) > maxBucket {
			// Too many to compare all pairs: only identical values align.
			byBase := map[string][]int{}
			var bases []string
			for _, n := range ns {
				b := itemOf(n).base
				if _, ok := byBase[b]; !ok {
					bases = append(bases, b)
				}
				byBase[b] = append(byBase[b], n)
			}
			for _, b := range bases {
				group := byBase[b]
				for x := 0; x < len(group) && x < maxBucket; x++ {
					for y := x + 1; y < len(group) && y < maxBucket; y++ {
						if nodes[group[x]].doc != nodes[group[y]].doc {
							pairs = append(pairs, pairScore{group[x], group[y], 1})
						}
					}
				}
			}
			continue
		}
		for x := 0; x < len(ns); x++ {
			for y := x + 1; y < len(ns); y++ {
				a, b := ns[x], ns[y]
				if nodes[a].doc == nodes[b].doc {
					continue
				}
				if s, ok := alignScore(itemOf(a), itemOf(b), unique[a], unique[b]); ok {
					pairs = append(pairs, pairScore{a, b, s})
				}
			}
		}
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
	// Greedy grouping: at most one item per article in a group.
	group := make([]int, len(nodes))
	members := make([][]int, len(nodes))
	for i := range nodes {
		group[i] = i
		members[i] = []int{i}
	}
	for _, p := range pairs {
		ga, gb := group[p.a], group[p.b]
		if ga == gb {
			continue
		}
		// Every pair of the merged group must align on its own: no chains
		// (Smith → John Smith → Jane Smith; 43 → 43 → 121 RBIs).
		clash := false
		for _, x := range members[ga] {
			for _, y := range members[gb] {
				if nodes[x].doc == nodes[y].doc {
					clash = true
				} else if x != p.a || y != p.b {
					_, ok := alignScore(itemOf(x), itemOf(y), unique[x], unique[y])
					clash = clash || !ok
				}
				if clash {
					break
				}
			}
			if clash {
				break
			}
		}
		if clash {
			continue
		}
		if ga > gb {
			ga, gb = gb, ga
		}
		for _, y := range members[gb] {
			group[y] = ga
		}
		members[ga] = append(members[ga], members[gb]...)
		members[gb] = nil
	}
	var rows []row
	for g, ms := range members {
		if len(ms) == 0 || group[g] != g {
			continue
		}
		slices.SortFunc(ms, func(x, y int) int { return cmp.Compare(nodes[x].doc, nodes[y].doc) })
		rows = append(rows, row{kind: majorityKind(ms, itemOf), nodes: ms})
	}
	rows = foldRepeats(rows, nodes, itemOf)
	slices.SortStableFunc(rows, func(x, y row) int {
		if c := cmp.Compare(kindOrder[x.kind], kindOrder[y.kind]); c != 0 {
			return c
		}
		if c := cmp.Compare(len(y.nodes), len(x.nodes)); c != 0 {
			return c
		}
		a, b := nodes[x.nodes[0]], nodes[y.nodes[0]]
		if c := cmp.Compare(a.doc, b.doc); c != 0 {
			return c
		}
		return cmp.Compare(itemOf(x.nodes[0]).start, itemOf(y.nodes[0]).start)
	})
	res := &Comparison{Facts: []Fact{}, Conflicts: []Conflict{}, OnlyIn: []OnlyIn{}, SharedPassages: []SharedPassage{}}
	for ri, r := range rows {
		f := Fact{ID: fmt.Sprintf("F%d", ri+1), Kind: r.kind}
		for _, n := range r.nodes {
			it := itemOf(n)
			m := docs[nodes[n].doc].mention(*it)
			f.Mentions = append(f.Mentions, m)
			t := it.text
			if isEntity(r.kind) {
				t = it.name
			}
			if len([]rune(t)) > len([]rune(f.Text)) {
				f.Text = t
			}
		}
		res.Facts = append(res.Facts, f)
		if c, ok := rowConflict(f, r.nodes, itemOf, docs, nodes); ok {
			res.Conflicts = append(res.Conflicts, c)
		}
	}
	slices.SortStableFunc(res.Conflicts, func(x, y Conflict) int {
		return cmp.Compare(conflictOrder[x.Kind], conflictOrder[y.Kind])
	})
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
	res.SharedPassages = sharedPassages(docs)
	return res
}

// row is an aligned fact: its items, one per article, sorted by article.
type row struct {
	kind  string
	nodes []int
}

// foldRepeats drops a row that only one article carries when that article
// repeats the same figure or date in a row the other sources share, or in
// an earlier row of its own: it is a repeat, not a fact of its own. The
// repeat is counted in the row it repeats.
func foldRepeats(rows []row, nodes []node, itemOf func(int) *item) []row {
	type dk struct {
		doc  int
		base string
	}
	shared := map[dk]int{} // → node in a shared row
	for _, r := range rows {
		if len(r.nodes) < 2 {
			continue
		}
		for _, n := range r.nodes {
			k := dk{nodes[n].doc, itemOf(n).base}
			if _, ok := shared[k]; !ok {
				shared[k] = n
			}
		}
	}
	// Rows are in creation order (by article, then position), so the first
	// of a run of repeats in one article is kept.
	out := rows[:0]
	for _, r := range rows {
		if len(r.nodes) == 1 {
			it := itemOf(r.nodes[0])
			if it.kind == KindFigure || it.kind == KindDate {
				k := dk{nodes[r.nodes[0]].doc, it.base}
				if n, ok := shared[k]; ok {
					itemOf(n).count += it.count
					continue
				}
				shared[k] = r.nodes[0]
			}
		}
		out = append(out, r)
	}
	return out
}

func majorityKind(ms []int, itemOf func(int) *item) string {
	count := map[string]int{}
	best := ""
	for _, n := range ms {
		k := itemOf(n).kind
		count[k]++
		if best == "" || count[k] > count[best] || count[k] == count[best] && kindOrder[k] < kindOrder[best] {
			best = k
		}
	}
	return best
}

// rowConflict returns the conflict an aligned fact carries, if any.
func rowConflict(f Fact, ns []int, itemOf func(int) *item, docs []*docFacts, nodes []node) (Conflict, bool) {
	c := Conflict{Fact: f.ID, Text: f.Text}
	conflict := false
	for x := 0; x < len(ns); x++ {
		for y := x + 1; y < len(ns); y++ {
			a, b := itemOf(ns[x]), itemOf(ns[y])
			switch {
			case f.Kind == KindQuote:
				conflict = conflict || !sameSpeaker(a.speaker, b.speaker)
			case f.Kind == KindFigure && a.kind == KindFigure && b.kind == KindFigure:
				conflict = conflict || !compatible(*a.value, *b.value)
			case f.Kind == KindDate && a.kind == KindDate && b.kind == KindDate:
				comparable, equal := dateRelation(*a.date, *b.date)
				conflict = conflict || comparable && !equal
			}
		}
	}
	switch {
	case f.Kind == KindQuote && conflict:
		c.Kind = ConflictAttribution
		for i, n := range ns {
			it := itemOf(n)
			c.Values = append(c.Values, ConflictValue{Doc: f.Mentions[i].Doc, Line: f.Mentions[i].Line,
				Value: it.speaker.describe(), Wording: f.Mentions[i].Sentence})
		}
		return c, true
	case f.Kind == KindFigure && conflict:
		c.Kind = ConflictFigure
		if n := itemOf(ns[0]).value.Noun; n != "" {
			c.Text = n
		}
		for i, n := range ns {
			c.Values = append(c.Values, ConflictValue{Doc: f.Mentions[i].Doc, Line: f.Mentions[i].Line, Value: itemOf(n).value.String(), Wording: f.Mentions[i].Sentence})
		}
		return c, true
	case f.Kind == KindDate && conflict:
		c.Kind = ConflictDate
		for i, n := range ns {
			it := itemOf(n)
			v := it.text
			if it.date.resolved != "" {
				v += " (" + it.date.resolved + ")"
			}
			c.Values = append(c.Values, ConflictValue{Doc: f.Mentions[i].Doc, Line: f.Mentions[i].Line, Value: v, Wording: f.Mentions[i].Sentence})
		}
		return c, true
	case isEntity(f.Kind):
		return spellingConflict(f, ns, itemOf, docs, nodes)
	}
	return c, false
}

// spellingConflict reports the spellings of one entity that differ beyond
// being a shorter form of the name, within or across articles.
func spellingConflict(f Fact, ns []int, itemOf func(int) *item, docs []*docFacts, nodes []node) (Conflict, bool) {
	type sp struct {
		doc, off int
		text     string
	}
	var all []sp
	for _, n := range ns {
		it := itemOf(n)
		for t, off := range it.spellings {
			all = append(all, sp{nodes[n].doc, off, t})
		}
	}
	slices.SortFunc(all, func(a, b sp) int {
		if c := cmp.Compare(a.doc, b.doc); c != 0 {
			return c
		}
		return cmp.Compare(a.off, b.off)
	})
	variant := make([]bool, len(all))
	any := false
	for i := range all {
		for j := i + 1; j < len(all); j++ {
			if same, spelling := sameName(all[i].text, all[j].text); same && spelling {
				variant[i], variant[j], any = true, true, true
			}
		}
	}
	if !any {
		return Conflict{}, false
	}
	c := Conflict{Kind: ConflictSpelling, Fact: f.ID, Text: f.Text}
	for i, s := range all {
		if !variant[i] {
			continue
		}
		d := docs[s.doc]
		c.Values = append(c.Values, ConflictValue{Doc: d.art.ID, Line: d.art.Line(s.off), Value: s.text,
			Wording: sentenceAt(d, s.off)})
	}
	return c, true
}

func sentenceAt(d *docFacts, off int) string {
	for _, s := range d.sents {
		if off >= s.start && off < s.end {
			return d.art.Text[s.start:s.end]
		}
	}
	return ""
}
