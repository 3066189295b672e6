package dedup

import (
	"cmp"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/storydiff/storydiff/internal/parallel"
	"github.com/storydiff/storydiff/shingle"
)

// bucketWindow bounds the work of one LSH bucket: within a bucket (articles
// sorted by index) each article is checked against at most the first
// bucketWindow/2 articles of the bucket and the bucketWindow/2 before it.
// Buckets are tiny for real text; a huge one comes from thousands of
// identical or template-only articles, which the first members (the
// representatives of keep first) still link into one group at linear
// rather than quadratic cost.
const bucketWindow = 256

// edge is a verified pair: linked (sim at or above the threshold), or
// with Options.Containment an excerpt pair (cont at or above it).
type edge struct {
	a, b int32 // a < b
	sim  float32
	cont float32 // containment, for an excerpt pair; 0 for a link
	aInB bool    // the excerpt is a
}

// masks are the common slots of every signature (see [shingle.Commons]).
type masks struct {
	words  int
	bits   []uint64 // words per article; nil when no slot value is common
	mostly []bool   // the article is shingle.MostlyCommon
	count  int      // articles with a common slot
}

// of returns the mask of article i, nil when it has no common slot.
func (m *masks) of(i int) []uint64 {
	if m.bits == nil {
		return nil
	}
	w := m.bits[i*m.words : (i+1)*m.words]
	for _, x := range w {
		if x != 0 {
			return w
		}
	}
	return nil
}

// commonMasks counts the slot values of every signature and marks the
// slots holding a common one.
func commonMasks(store *Signatures, workers int) *masks {
	n, perms := store.Len(), store.Params.Perms
	m := &masks{words: (perms + 63) / 64}
	chunks := min(workers, max(1, n/4096))
	parts := make([]*shingle.SlotCounts, chunks)
	parallel.For(chunks, workers, func(c int) {
		counts := shingle.NewSlotCounts(n, perms)
		for i := c * n / chunks; i < (c+1)*n/chunks; i++ {
			counts.Add(store.Sig(i))
		}
		parts[c] = counts
	})
	counts := parts[0]
	for _, p := range parts[1:] {
		counts.Merge(p)
	}
	commons := counts.Commons()
	if !commons.Any() {
		return m
	}
	m.bits = make([]uint64, n*m.words)
	m.mostly = make([]bool, n)
	var withCommon atomic.Int64
	parallel.For(chunks, workers, func(c int) {
		k := 0
		for i := c * n / chunks; i < (c+1)*n/chunks; i++ {
			if mask := commons.Mask(store.Sig(i), m.bits[i*m.words:(i+1)*m.words]); mask != nil {
				m.mostly[i] = shingle.MostlyCommon(mask, perms)
				k++
			}
		}
		withCommon.Add(int64(k))
	})
	m.count = int(withCommon.Load())
	return m
}

// eligible reports whether band band may link a and b, whose slots in it
// are equal: unless both are mostly common, not a band of common values
// only, whose key says nothing of either article.
func (m *masks) eligible(a, b, band, rows int) bool {
	return m.bits == nil || !shingle.BandCommon(m.of(a), band, rows) || (m.mostly[a] && m.mostly[b])
}

// firstBand returns the first band in which the signatures of a and b are
// equal and that may link them, or -1. A pair is examined only in that
// band, so each candidate is verified once whatever number of bands it
// shares; and a bucket key shared by chance (SortBand keeps 32 bits of it)
// is no candidate.
func firstBand(sa, sb shingle.Signature, m *masks, a, b, bands, rows int) int {
	for band := range bands {
		if slices.Equal(sa[band*rows:(band+1)*rows], sb[band*rows:(band+1)*rows]) && m.eligible(a, b, band, rows) {
			return band
		}
	}
	return -1
}

// link finds the candidate pairs band by band with [shingle.SortBand]
// (bands in parallel, one sorted band per worker, so that memory is 8 bytes
// an article a worker rather than an index of every band), verifies them
// with [shingle.Compare] against the threshold, leaving out the slots
// that both articles hold in common with many others, and groups the
// linked articles around representatives.
func link(res *Result, store *Signatures, opt *Options) {
	n := store.Len()
	var mu sync.Mutex // Progress is called from one goroutine at a time
	report := func(phase Phase, done, total int) {
		if opt.Progress != nil {
			mu.Lock()
			defer mu.Unlock()
			opt.Progress(Progress{Phase: phase, Articles: res.Articles, Skipped: res.Skipped, Bytes: res.Bytes, Step: done, Steps: total})
		}
	}
	report(Counting, 0, 1)
	m := commonMasks(store, opt.Workers)
	res.WithCommon = m.count
	report(Linking, 0, res.Bands)

	out := make(chan []edge, opt.Workers)
	counts := make([]int, res.Bands)
	var bandsDone atomic.Int64
	go func() {
		pool := make(chan []uint64, opt.Workers)
		parallel.For(res.Bands, opt.Workers, func(band int) {
			var keys []uint64
			select {
			case keys = <-pool:
			default:
			}
			keys = shingle.SortBand(keys, n, store.Sig, band, res.Rows)
			var es []edge
			var sub []uint64
			cand := 0
			for bucket := range shingle.Buckets(keys) {
				if m.bits != nil && shingle.BandCommon(m.of(shingle.Member(bucket[0])), band, res.Rows) {
					// Common values only: a link only between articles
					// that are almost all common text.
					sub = sub[:0]
					for _, e := range bucket {
						if m.mostly[shingle.Member(e)] {
							sub = append(sub, e)
						}
					}
					bucket = sub
				}
				for j := 1; j < len(bucket); j++ {
					b := shingle.Member(bucket[j])
					sb := store.Sig(b)
					for i := 0; i < j; i++ {
						if i == bucketWindow/2 && j-bucketWindow/2 > i {
							i = j - bucketWindow/2 // skip to the articles just before b
						}
						a := shingle.Member(bucket[i])
						sa := store.Sig(a)
						if firstBand(sa, sb, m, a, b, band+1, res.Rows) != band {
							continue
						}
						cand++
						e := shingle.Compare(sa, sb, m.of(a), m.of(b))
						switch {
						case e.Jaccard >= opt.Threshold:
							es = append(es, edge{a: int32(a), b: int32(b), sim: float32(e.Jaccard)})
						case opt.Containment > 0 && e.Containment >= opt.Containment:
							es = append(es, edge{a: int32(a), b: int32(b), sim: float32(e.Jaccard), cont: float32(e.Containment), aInB: !e.BSmaller})
						default:
							continue
						}
						if len(es) == 4096 {
							out <- es
							es = nil
						}
					}
				}
			}
			counts[band] = cand
			if len(es) > 0 {
				out <- es
			}
			select {
			case pool <- keys:
			default:
			}
			report(Linking, int(bandsDone.Add(1)), res.Bands)
		})
		close(out)
	}()
	var edges []edge
	for es := range out {
		for _, e := range es {
			if e.cont == 0 {
				edges = append(edges, e)
				continue
			}
			x := Excerpt{Excerpt: int(e.b), Full: int(e.a), Containment: float64(e.cont), Similarity: float64(e.sim)}
			if e.aInB {
				x.Excerpt, x.Full = x.Full, x.Excerpt
			}
			res.Contained = append(res.Contained, x)
		}
	}
	slices.SortFunc(res.Contained, func(x, y Excerpt) int {
		return cmp.Or(cmp.Compare(x.Excerpt, y.Excerpt), cmp.Compare(x.Full, y.Full))
	})
	for _, c := range counts {
		res.Candidates += c
	}
	report(Grouping, 0, 1)
	slices.SortFunc(edges, func(x, y edge) int {
		return cmp.Or(cmp.Compare(x.a, y.a), cmp.Compare(x.b, y.b))
	})
	if opt.Pairs {
		res.Pairs = make([]Pair, len(edges))
		for i, e := range edges {
			res.Pairs[i] = Pair{int(e.a), int(e.b), float64(e.sim)}
		}
	}
	res.Groups, res.Chains = groups(n, edges, store, res.Keep)
}

// groups forms the groups from the linked pairs: the article the keep rule
// ranks first (input order, or the longest text) that is in no group yet
// becomes a representative, and every article linked to it that is in no
// group yet joins it. So every member is linked to its representative,
// with its estimated similarity at or above the threshold; a chain A~B~C
// where A and C are far apart becomes {A, B} and C alone (or {C, …} with
// other links). Groups are ordered by first member. chains counts the
// connected components of the links that became more than one group.
func groups(n int, edges []edge, store *Signatures, keep Keep) (gs []Group, chains int) {
	start := make([]int32, n+1)
	for _, e := range edges {
		start[e.a+1]++
		start[e.b+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	type nb struct {
		v   int32
		sim float32
	}
	adj := make([]nb, 2*len(edges))
	fill := slices.Clone(start[:n])
	for _, e := range edges {
		adj[fill[e.a]] = nb{e.b, e.sim}
		fill[e.a]++
		adj[fill[e.b]] = nb{e.a, e.sim}
		fill[e.b]++
	}
	var order []int32
	for i := range n {
		if start[i+1] > start[i] {
			order = append(order, int32(i))
		}
	}
	if keep == KeepLongest {
		slices.SortStableFunc(order, func(a, b int32) int {
			return cmp.Compare(store.Lengths[b], store.Lengths[a])
		})
	}
	group := make([]int32, n) // 1 + group of an article, 0 while in none, -1 alone
	for _, v := range order {
		if group[v] != 0 {
			continue
		}
		g := Group{Representative: int(v)}
		members := []nb{{v, 1}}
		for _, u := range adj[start[v]:start[v+1]] {
			if group[u.v] == 0 {
				members = append(members, u)
				group[u.v] = int32(len(gs) + 1)
			}
		}
		if len(members) == 1 {
			group[v] = -1
			continue
		}
		group[v] = int32(len(gs) + 1)
		slices.SortFunc(members, func(x, y nb) int { return cmp.Compare(x.v, y.v) })
		for _, u := range members {
			g.Members = append(g.Members, int(u.v))
			g.Similarity = append(g.Similarity, float64(u.sim))
		}
		gs = append(gs, g)
	}
	slices.SortFunc(gs, func(x, y Group) int { return cmp.Compare(x.Members[0], y.Members[0]) })
	// Components of the links that hold more than one group: chains.
	uf := shingle.NewUnionFind(n)
	for _, e := range edges {
		uf.Union(int(e.a), int(e.b))
	}
	seen := make(map[int]int)
	for _, g := range gs {
		seen[uf.Find(g.Representative)]++
	}
	for _, k := range seen {
		if k > 1 {
			chains++
		}
	}
	return gs, chains
}
