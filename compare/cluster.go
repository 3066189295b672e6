package compare

import (
	"container/heap"
	"slices"

	"github.com/storydiff/storydiff/shingle"
)

// edge is a scored candidate pair of documents (i < j).
type edge struct {
	i, j int
	sim  float64
}

// mergeItem is a candidate merge of clusters a < b in the heap.
type mergeItem struct {
	sim        float64
	a, b       int
	verA, verB int
}

type mergeHeap []mergeItem

func (h mergeHeap) Len() int { return len(h) }
func (h mergeHeap) Less(i, j int) bool {
	if h[i].sim != h[j].sim {
		return h[i].sim > h[j].sim
	}
	if h[i].a != h[j].a {
		return h[i].a < h[j].a
	}
	return h[i].b < h[j].b
}
func (h mergeHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *mergeHeap) Push(x any)   { *h = append(*h, x.(mergeItem)) }
func (h *mergeHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// averageLink clusters documents with unit vectors vecs by average linkage:
// repeatedly merge the two clusters with the highest mean pairwise cosine
// while it is at least thr. A mean below strong merges only an established
// cluster (core documents or more) with a small one (fewer than core): a
// cluster starts from strong evidence, stragglers attach on weaker
// evidence, and two established clusters (often two similar events of one
// kind) merge only on strong evidence. Only clusters joined by a candidate edge are
// compared, so the cost follows the candidate graph, not n². The mean
// cosine of all cross pairs is exact: for unit vectors it is the dot
// product of the two clusters' sum vectors over the product of their sizes.
// Ties break on the smaller cluster ids, so the result is deterministic.
// It returns each document's cluster label (equal labels, one cluster).
func averageLink(vecs []vector, edges []edge, thr, strong float64, core int) []int {
	n := len(vecs)
	sum := make([]vector, n)
	size := make([]int, n)
	ver := make([]int, n)
	nbr := make([]map[int]bool, n)
	for i := range n {
		sum[i] = vecs[i]
		size[i] = 1
		nbr[i] = map[int]bool{}
	}
	hs := make(mergeHeap, 0, len(edges))
	h := &hs
	for _, e := range edges {
		nbr[e.i][e.j] = true
		nbr[e.j][e.i] = true
		*h = append(*h, mergeItem{sim: e.sim, a: min(e.i, e.j), b: max(e.i, e.j)})
	}
	heap.Init(h)
	u := shingle.NewUnionFind(n)
	for h.Len() > 0 {
		m := heap.Pop(h).(mergeItem)
		if m.sim < thr {
			break
		}
		if size[m.a] == 0 || size[m.b] == 0 || ver[m.a] != m.verA || ver[m.b] != m.verB {
			continue // stale
		}
		if m.sim < strong && max(size[m.a], size[m.b]) < core {
			continue // weak link between small clusters: re-queued if one grows
		}
		if m.sim < strong && min(size[m.a], size[m.b]) >= core {
			continue // two established clusters merge only on strong evidence
		}
		a, b := m.a, m.b // a < b: a survives
		u.Union(a, b)
		sum[a] = add(sum[a], sum[b])
		size[a] += size[b]
		size[b] = 0
		sum[b] = vector{}
		ver[a]++
		for c := range nbr[b] {
			if c != a {
				nbr[a][c] = true
			}
			delete(nbr[c], b)
		}
		delete(nbr[a], b)
		nbr[b] = nil
		cs := make([]int, 0, len(nbr[a]))
		for c := range nbr[a] {
			nbr[c][a] = true
			cs = append(cs, c)
		}
		slices.Sort(cs)
		for _, c := range cs {
			s := dot(sum[a], sum[c]) / float64(size[a]*size[c])
			x, y := a, c
			if y < x {
				x, y = y, x
			}
			heap.Push(h, mergeItem{sim: s, a: x, b: y, verA: ver[x], verB: ver[y]})
		}
	}
	labels := make([]int, n)
	for i := range labels {
		labels[i] = u.Find(i)
	}
	return labels
}
