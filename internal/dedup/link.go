package dedup

import (
	"cmp"
	"iter"
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

// Link is a verified pair of articles: their estimated similarity reached
// the threshold.
type Link struct {
	A, B int32 // article indices, A < B
	Sim  float32
}

// edge is a verified pair: linked (sim at or above the threshold), or
// with Options.Containment an excerpt pair (cont at or above it).
type edge struct {
	Link
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

// sketch returns what linking needs of article i.
func (m *masks) sketch(store *Signatures, i int) Sketch {
	s := Sketch{Sig: store.Sig(i), Mask: m.of(i)}
	if s.Mask != nil {
		s.Mostly = m.mostly[i]
	}
	return s
}

// A Sketch is what linking needs of one article: its signature, the slots
// of it that hold a common value ([shingle.Commons.Mask]; nil for none),
// and whether it is [shingle.MostlyCommon] (false with a nil Mask).
type Sketch struct {
	Sig    shingle.Signature
	Mask   []uint64
	Mostly bool
}

// Eligible reports whether band band may link a and b, whose slots in it
// are equal: unless both are mostly common, not a band of common values
// only, whose key says nothing of either article.
func Eligible(a, b Sketch, band, rows int) bool {
	return !shingle.BandCommon(a.Mask, band, rows) || (a.Mostly && b.Mostly)
}

// FirstBand returns the first of bands bands in which the signatures of a
// and b are equal and that may link them ([Eligible]), or -1. A pair is
// examined only in that band, so each candidate is verified once whatever
// number of bands it shares, with no list of the pairs seen; and a bucket
// key shared by chance ([shingle.SortBand] keeps 32 bits of it) is no
// candidate.
func FirstBand(a, b Sketch, bands, rows int) int {
	for band := range bands {
		if slices.Equal(a.Sig[band*rows:(band+1)*rows], b.Sig[band*rows:(band+1)*rows]) && Eligible(a, b, band, rows) {
			return band
		}
	}
	return -1
}

// CommonBucket returns the members of an LSH bucket of band band that may
// be linked: bucket itself, or, when the slots of the first member (in
// article order) in the band hold common values only, its members that are
// mostly common, as only they may be linked by such a band, in *buf
// (reused). sketch returns the Sketch of a member.
func CommonBucket[T any](bucket []T, sketch func(T) Sketch, band, rows int, buf *[]T) []T {
	if len(bucket) == 0 || !shingle.BandCommon(sketch(bucket[0]).Mask, band, rows) {
		return bucket
	}
	*buf = (*buf)[:0]
	for _, e := range bucket {
		if sketch(e).Mostly {
			*buf = append(*buf, e)
		}
	}
	return *buf
}

// BucketPairs yields the pairs of positions (i, j), i < j, of a bucket of
// n members in article order that are candidates: all of them, but each
// member is paired with at most the first bucketWindow/2 members and the
// bucketWindow/2 just before it (see bucketWindow), in order of j then i.
func BucketPairs(n int) iter.Seq2[int, int] {
	return func(yield func(i, j int) bool) {
		for j := 1; j < n; j++ {
			for i := 0; i < j; i++ {
				if i == bucketWindow/2 && j-bucketWindow/2 > i {
					i = j - bucketWindow/2 // skip to the members just before j
				}
				if !yield(i, j) {
					return
				}
			}
		}
	}
}

// A Verdict is what verifying a candidate pair found.
type Verdict int

const (
	Unlinked  Verdict = iota // neither similar nor an excerpt
	Linked                   // estimated similarity at or above the threshold
	Excerpted                // with containment above 0: not linked, but one holds the other at containment or more
)

// Verify compares the signatures of a candidate pair with
// [shingle.Compare], leaving out the slots that both hold in common with
// many others, and tells whether the pair is linked at threshold, or is an
// excerpt pair at containment (when above 0).
func Verify(a, b Sketch, threshold, containment float64) (Verdict, shingle.Estimate) {
	e := shingle.Compare(a.Sig, b.Sig, a.Mask, b.Mask)
	switch {
	case e.Jaccard >= threshold:
		return Linked, e
	case containment > 0 && e.Containment >= containment:
		return Excerpted, e
	}
	return Unlinked, e
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
			sketch := func(e uint64) Sketch { return m.sketch(store, shingle.Member(e)) }
			for bucket := range shingle.Buckets(keys) {
				if m.bits != nil {
					bucket = CommonBucket(bucket, sketch, band, res.Rows, &sub)
				}
				for i, j := range BucketPairs(len(bucket)) {
					a, b := shingle.Member(bucket[i]), shingle.Member(bucket[j])
					sa, sb := m.sketch(store, a), m.sketch(store, b)
					if FirstBand(sa, sb, band+1, res.Rows) != band {
						continue
					}
					cand++
					var e edge
					switch v, est := Verify(sa, sb, opt.Threshold, opt.Containment); v {
					case Linked:
						e = edge{Link: Link{A: int32(a), B: int32(b), Sim: float32(est.Jaccard)}}
					case Excerpted:
						e = edge{Link: Link{A: int32(a), B: int32(b), Sim: float32(est.Jaccard)}, cont: float32(est.Containment), aInB: !est.BSmaller}
					default:
						continue
					}
					if es = append(es, e); len(es) == 4096 {
						out <- es
						es = nil
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
	var links []Link
	for es := range out {
		for _, e := range es {
			if e.cont == 0 {
				links = append(links, e.Link)
				continue
			}
			x := Excerpt{Excerpt: int(e.B), Full: int(e.A), Containment: float64(e.cont), Similarity: float64(e.Sim)}
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
	slices.SortFunc(links, func(x, y Link) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	if opt.Pairs {
		res.Pairs = make([]Pair, len(links))
		for i, e := range links {
			res.Pairs[i] = Pair{int(e.A), int(e.B), float64(e.Sim)}
		}
	}
	res.Groups, res.Chains = Groups(store.Lengths, links, res.Keep)
}

// Groups forms the groups of articles 0 … len(lengths)-1 (lengths are
// their text lengths, for [KeepLongest]) from the linked pairs: the article the keep rule
// ranks first (input order, or the longest text) that is in no group yet
// becomes a representative, and every article linked to it that is in no
// group yet joins it. So every member is linked to its representative,
// with its estimated similarity at or above the threshold; a chain A~B~C
// where A and C are far apart becomes {A, B} and C alone (or {C, …} with
// other links). Groups are ordered by first member. chains counts the
// connected components of the links that became more than one group.
//
// A group depends only on the connected component of the links it is in:
// Groups of the links of each component alone, with the articles numbered
// in the same order, gives the same groups.
func Groups(lengths []uint32, links []Link, keep Keep) (gs []Group, chains int) {
	n := len(lengths)
	start := make([]int32, n+1)
	for _, e := range links {
		start[e.A+1]++
		start[e.B+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	type nb struct {
		v   int32
		sim float32
	}
	adj := make([]nb, 2*len(links))
	fill := slices.Clone(start[:n])
	for _, e := range links {
		adj[fill[e.A]] = nb{e.B, e.Sim}
		fill[e.A]++
		adj[fill[e.B]] = nb{e.A, e.Sim}
		fill[e.B]++
	}
	var order []int32
	for i := range n {
		if start[i+1] > start[i] {
			order = append(order, int32(i))
		}
	}
	if keep == KeepLongest {
		slices.SortStableFunc(order, func(a, b int32) int {
			return cmp.Compare(lengths[b], lengths[a])
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
	for _, e := range links {
		uf.Union(int(e.A), int(e.B))
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
