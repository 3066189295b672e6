package dedup

import (
	"slices"

	"github.com/storydiff/storydiff/internal/parallel"
	"github.com/storydiff/storydiff/shingle"
)

// bucketWindow bounds the work of one LSH bucket: within a bucket (articles
// sorted by index) each article is checked against at most this many
// articles before it. Buckets are tiny for real text; a huge one comes from
// thousands of identical or template-only articles, which the window still
// chains into one group at linear rather than quadratic cost.
const bucketWindow = 256

// edge is a verified pair.
type edge struct {
	a, b int32
	sim  float32
}

// link finds the candidate pairs band by band with [shingle.SortBand]
// (bands in parallel, one sorted band per worker, so that memory is 8 bytes
// an article a worker rather than an index of every band), verifies them
// against the threshold, and groups the linked articles.
func link(res *Result, store *Signatures, opt *Options) {
	n := store.Len()
	saved := res.Saved
	edges := make(chan []edge, opt.Workers)
	counts := make([]int, res.Bands)
	go func() {
		pool := make(chan []uint64, opt.Workers)
		parallel.For(res.Bands, opt.Workers, func(band int) {
			var keys []uint64
			select {
			case keys = <-pool:
			default:
			}
			keys = shingle.SortBand(keys, n, store.Sig, band, res.Rows)
			var out []edge
			cand := 0
			for bucket := range shingle.Buckets(keys) {
				for j := 1; j < len(bucket); j++ {
					b := shingle.Member(bucket[j])
					if b < saved {
						continue // a and b both saved: not compared again
					}
					sb := store.Sig(b)
					for _, e := range bucket[max(0, j-bucketWindow):j] {
						a := shingle.Member(e)
						cand++
						s := store.Sig(a).Similarity(sb)
						if s >= opt.Threshold {
							out = append(out, edge{int32(a), int32(b), float32(s)})
							if len(out) == 4096 {
								edges <- out
								out = nil
							}
						}
					}
				}
			}
			counts[band] = cand
			if len(out) > 0 {
				edges <- out
			}
			select {
			case pool <- keys:
			default:
			}
		})
		close(edges)
	}()
	uf := shingle.NewUnionFind(n)
	var pairs map[[2]int32]float32
	if opt.Pairs {
		pairs = map[[2]int32]float32{}
	}
	for es := range edges {
		for _, e := range es {
			uf.Union(int(e.a), int(e.b))
			if pairs != nil {
				pairs[[2]int32{e.a, e.b}] = e.sim
			}
		}
	}
	for _, c := range counts {
		res.Candidates += c
	}
	if pairs != nil {
		res.Pairs = make([]Pair, 0, len(pairs))
		for k := range pairs {
			res.Pairs = append(res.Pairs, Pair{int(k[0]), int(k[1]), store.Sig(int(k[0])).Similarity(store.Sig(int(k[1])))})
		}
		slices.SortFunc(res.Pairs, func(x, y Pair) int {
			if x.A != y.A {
				return x.A - y.A
			}
			return x.B - y.B
		})
	}
	res.Groups = groups(uf, store, saved, res.Keep)
}

// groups collects the sets of two or more articles, ordered by their first
// member, and picks representatives.
func groups(uf *shingle.UnionFind, store *Signatures, saved int, keep Keep) []Group {
	sets := uf.Groups()
	gs := make([]Group, len(sets))
	for gi, members := range sets {
		gs[gi].Members = members
	}
	for gi := range gs {
		g := &gs[gi]
		pool := g.Members
		if pool[0] < saved {
			// A group holding saved articles keeps a saved one.
			k := 0
			for k < len(pool) && pool[k] < saved {
				k++
			}
			pool = pool[:k]
		}
		g.Representative = pool[0]
		if keep == KeepLongest {
			for _, m := range pool[1:] {
				if store.Lengths[m] > store.Lengths[g.Representative] {
					g.Representative = m
				}
			}
		}
		rs := store.Sig(g.Representative)
		g.Similarity = make([]float64, len(g.Members))
		for k, m := range g.Members {
			g.Similarity[k] = store.Sig(m).Similarity(rs)
		}
	}
	return gs
}
