package dedup

import (
	"slices"
	"sync"
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

// Index is a compact banded LSH index over a batch of signatures: for each band it holds a sorted array of (32-bit band hash, article)
// keys, 8 bytes per article and band. Build it with [NewIndex]; it is
// read-only afterwards and safe for concurrent use.
type Index struct {
	bands, rows int
	keys        [][]uint64
}

// NewIndex indexes the signatures of s with bands of rows slots each
// (bands × rows <= s.Params.Perms), using up to workers goroutines.
func NewIndex(s *Signatures, bands, rows, workers int) *Index {
	x := &Index{bands: bands, rows: rows, keys: make([][]uint64, bands)}
	parallelBands(bands, workers, func(band int) {
		x.keys[band] = bandKeys(s, rows, band, nil)
	})
	return x
}

// bandKeys returns the sorted keys of one band, reusing dst.
func bandKeys(s *Signatures, rows, band int, dst []uint64) []uint64 {
	n := s.Len()
	keys := slices.Grow(dst[:0], n)[:n]
	off := band * rows
	for i := range n {
		keys[i] = bandHash(s.Sig(i)[off:off+rows], band)<<32 | uint64(i)
	}
	slices.Sort(keys)
	return keys
}

// bandHash hashes one band of a signature to 32 bits.
func bandHash(v []uint32, band int) uint64 {
	h := uint64(band+1) * 0x9e3779b97f4a7c15
	for _, x := range v {
		h ^= uint64(x)
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	h *= 0x94d049bb133111eb
	h ^= h >> 29
	return h >> 32
}

// Query returns the indexed articles sharing at least one band with sig,
// sorted and unique.
func (x *Index) Query(sig []uint32) []int {
	var out []int
	for band, keys := range x.keys {
		h := bandHash(sig[band*x.rows:(band+1)*x.rows], band)
		i, _ := slices.BinarySearch(keys, h<<32)
		for ; i < len(keys) && keys[i]>>32 == h; i++ {
			out = append(out, int(uint32(keys[i])))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func parallelBands(bands, workers int, fn func(band int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range max(1, min(workers, bands)) {
		wg.Go(func() {
			for b := range next {
				fn(b)
			}
		})
	}
	for b := range bands {
		next <- b
	}
	close(next)
	wg.Wait()
}

// similarity is the fraction of equal slots of two signatures.
func similarity(a, b []uint32) float64 {
	b = b[:len(a)]
	eq := 0
	for i, x := range a {
		if x == b[i] {
			eq++
		}
	}
	return float64(eq) / float64(len(a))
}

// link finds the candidate pairs band by band (bands in parallel, one key
// array per worker), verifies them against the threshold, and groups the
// linked articles.
func link(res *Result, store *Signatures, opt *Options) {
	n := store.Len()
	saved := res.Saved
	edges := make(chan []edge, opt.Workers)
	counts := make([]int, res.Bands)
	go func() {
		pool := make(chan []uint64, opt.Workers)
		parallelBands(res.Bands, opt.Workers, func(band int) {
			var keys []uint64
			select {
			case keys = <-pool:
			default:
			}
			keys = bandKeys(store, res.Rows, band, keys)
			var out []edge
			cand := 0
			for lo := 0; lo < len(keys); {
				h := keys[lo] >> 32
				hi := lo + 1
				for hi < len(keys) && keys[hi]>>32 == h {
					hi++
				}
				for j := lo + 1; j < hi; j++ {
					b := int(uint32(keys[j]))
					if b < saved {
						continue // a and b both saved: not compared again
					}
					sb := store.Sig(b)
					for i := max(lo, j-bucketWindow); i < j; i++ {
						a := int(uint32(keys[i]))
						cand++
						s := similarity(store.Sig(a), sb)
						if s >= opt.Threshold {
							out = append(out, edge{int32(a), int32(b), float32(s)})
							if len(out) == 4096 {
								edges <- out
								out = nil
							}
						}
					}
				}
				lo = hi
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
	uf := newUnionFind(n)
	var pairs map[[2]int32]float32
	if opt.Pairs {
		pairs = map[[2]int32]float32{}
	}
	for es := range edges {
		for _, e := range es {
			uf.union(int(e.a), int(e.b))
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
			res.Pairs = append(res.Pairs, Pair{int(k[0]), int(k[1]), similarity(store.Sig(int(k[0])), store.Sig(int(k[1])))})
		}
		slices.SortFunc(res.Pairs, func(x, y Pair) int {
			if x.A != y.A {
				return x.A - y.A
			}
			return x.B - y.B
		})
	}
	res.Groups = groups(uf, n, store.Sig, store.Lengths, saved, res.Keep)
}

// groups collects the sets of two or more articles, ordered by their first
// member, and picks representatives.
func groups(uf *unionFind, n int, sig func(int) []uint32, lengths []uint32, saved int, keep Keep) []Group {
	size := make([]int32, n)
	for i := range n {
		size[uf.find(i)]++
	}
	index := make([]int32, n)
	var gs []Group
	for i := range n {
		r := uf.find(i)
		if size[r] < 2 {
			continue
		}
		if index[r] == 0 {
			gs = append(gs, Group{Members: make([]int, 0, size[r])})
			index[r] = int32(len(gs))
		}
		g := &gs[index[r]-1]
		g.Members = append(g.Members, i)
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
				if lengths[m] > lengths[g.Representative] {
					g.Representative = m
				}
			}
		}
		rs := sig(g.Representative)
		g.Similarity = make([]float64, len(g.Members))
		for k, m := range g.Members {
			g.Similarity[k] = similarity(sig(m), rs)
		}
	}
	return gs
}

// unionFind is a disjoint-set forest with union by size and path halving.
type unionFind struct {
	parent []int32
	size   []int32
}

func newUnionFind(n int) *unionFind {
	u := &unionFind{parent: make([]int32, n), size: make([]int32, n)}
	for i := range u.parent {
		u.parent[i] = int32(i)
		u.size[i] = 1
	}
	return u
}

func (u *unionFind) find(x int) int {
	for int(u.parent[x]) != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = int(u.parent[x])
	}
	return x
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra == rb {
		return
	}
	if u.size[ra] < u.size[rb] {
		ra, rb = rb, ra
	}
	u.parent[rb] = int32(ra)
	u.size[ra] += u.size[rb]
}
