package pipeline

import (
	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/storydiff/storydiff/shingle"
)

// Connected components by large-star and small-star rounds (Kiveris,
// Lattanzi, Mirrokni, Rastogi and Vassilvitskii, "Connected Components in
// MapReduce and Beyond", SoCC 2014), the step text-dedup runs on Spark.
// Each round is a shuffle of the edges by vertex; the rounds keep the
// components and turn each into a star around its least vertex. A Beam
// pipeline is a fixed graph, so the rounds are a fixed number, and a last
// step finishes what they leave: every vertex is labelled with the least
// vertex of its final edges, and a union-find of the labels that an edge
// still joins (none once the rounds converged) gives the component.

// largeStar is the large-star step at vertex u with its neighbours nbrs
// (distinct): every larger neighbour is linked to the least of u and its
// neighbours.
func largeStar(u uint64, nbrs []uint64, emit func(v, m uint64)) {
	m := u
	for _, v := range nbrs {
		m = min(m, v)
	}
	for _, v := range nbrs {
		if v > u {
			emit(v, m)
		}
	}
}

// smallStar is the small-star step at vertex u with its smaller
// neighbours nbrs (distinct): u and they are linked to the least of them.
func smallStar(u uint64, nbrs []uint64, emit func(v, m uint64)) {
	m := u
	for _, v := range nbrs {
		m = min(m, v)
	}
	if u != m {
		emit(u, m)
	}
	for _, v := range nbrs {
		if v != m {
			emit(v, m)
		}
	}
}

// resolveLabels returns, for the labels joined by edges cross (pairs of
// labels of the two ends of an edge), the least label of their set; the
// labels of no pair are their own.
func resolveLabels(cross [][2]uint64) map[uint64]uint64 {
	index := map[uint64]int{}
	var labels []uint64
	id := func(l uint64) int {
		i, ok := index[l]
		if !ok {
			i = len(labels)
			index[l] = i
			labels = append(labels, l)
		}
		return i
	}
	for _, c := range cross {
		id(c[0])
		id(c[1])
	}
	uf := shingle.NewUnionFind(len(labels))
	for _, c := range cross {
		uf.Union(index[c[0]], index[c[1]])
	}
	least := map[int]uint64{}
	for i, l := range labels {
		r := uf.Find(i)
		if m, ok := least[r]; !ok || l < m {
			least[r] = l
		}
	}
	roots := make(map[uint64]uint64, len(labels))
	for i, l := range labels {
		roots[l] = least[uf.Find(i)]
	}
	return roots
}

func init() {
	register.Function2x0(linkEdge)
	register.Function3x0(bothWays)
	register.Function3x0(towardSmaller)
	register.Function3x0(largeStarFn)
	register.Function3x0(smallStarFn)
	register.Function3x0(endpointLabels)
	register.Function2x1(minOrd)
	register.Function4x0(labelFirstEnd)
	register.Function4x0(crossLabels)
	register.Function3x0(resolveFn)
	register.DoFn4x0[uint64, uint64, func(*uint64, *uint64) bool, func(uint64, uint64)](&relabelFn{})
	register.Emitter2[uint64, uint64]()
	register.Iter1[uint64]()
	register.Iter2[uint64, uint64]()
}

// components returns the component of every vertex of links (KV of
// ordinal and the least ordinal of its component), after rounds rounds of
// large-star and small-star.
func components(s beam.Scope, rounds int, links beam.PCollection) beam.PCollection {
	edges := beam.ParDo(s, linkEdge, links)
	for range rounds {
		edges = beam.ParDo(s, largeStarFn, beam.GroupByKey(s, beam.ParDo(s, bothWays, edges)))
		edges = beam.ParDo(s, smallStarFn, beam.GroupByKey(s, beam.ParDo(s, towardSmaller, edges)))
	}
	labels := beam.CombinePerKey(s, minOrd, beam.ParDo(s, endpointLabels, edges))
	firstEnds := beam.ParDo(s, labelFirstEnd, beam.CoGroupByKey(s, labels, edges))
	cross := beam.ParDo(s, crossLabels, beam.CoGroupByKey(s, labels, firstEnds))
	roots := beam.ParDo(s, resolveFn, beam.Impulse(s), beam.SideInput{Input: cross})
	return beam.ParDo(s, &relabelFn{}, labels, beam.SideInput{Input: roots})
}

func linkEdge(l link, emit func(uint64, uint64)) { emit(l.A, l.B) }

func bothWays(u, v uint64, emit func(uint64, uint64)) {
	emit(u, v)
	emit(v, u)
}

func towardSmaller(u, v uint64, emit func(uint64, uint64)) {
	if u != v {
		emit(max(u, v), min(u, v))
	}
}

// distinct reads an iterator of vertices without repeats.
func distinct(iter func(*uint64) bool) []uint64 {
	seen := map[uint64]bool{}
	var out []uint64
	var v uint64
	for iter(&v) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func largeStarFn(u uint64, nbrs func(*uint64) bool, emit func(uint64, uint64)) {
	largeStar(u, distinct(nbrs), emit)
}

func smallStarFn(u uint64, nbrs func(*uint64) bool, emit func(uint64, uint64)) {
	smallStar(u, distinct(nbrs), emit)
}

func endpointLabels(u, v uint64, emit func(uint64, uint64)) {
	emit(u, min(u, v))
	emit(v, min(u, v))
}

func minOrd(a, b uint64) uint64 { return min(a, b) }

// labelFirstEnd keys each edge (u, v) by v with the label of u.
func labelFirstEnd(u uint64, label func(*uint64) bool, ends func(*uint64) bool, emit func(uint64, uint64)) {
	var l, v uint64
	if !label(&l) {
		panic("pipeline: a vertex without a label") // every vertex of an edge has one
	}
	for ends(&v) {
		emit(v, l)
	}
}

// crossLabels emits the pairs of labels an edge joins.
func crossLabels(v uint64, label func(*uint64) bool, others func(*uint64) bool, emit func(uint64, uint64)) {
	var l, o uint64
	if !label(&l) {
		panic("pipeline: a vertex without a label")
	}
	for others(&o) {
		if o != l {
			emit(min(o, l), max(o, l))
		}
	}
}

// resolveFn finishes the components on one worker: the labels joined by
// an edge, none when the rounds converged.
func resolveFn(_ []byte, cross func(*uint64, *uint64) bool, emit func(uint64, uint64)) {
	var pairs [][2]uint64
	var a, b uint64
	for cross(&a, &b) {
		pairs = append(pairs, [2]uint64{a, b})
	}
	for l, r := range resolveLabels(pairs) {
		if l != r {
			emit(l, r)
		}
	}
}

// relabelFn gives every vertex the least label of its component.
type relabelFn struct {
	roots map[uint64]uint64
}

func (f *relabelFn) ProcessElement(v, l uint64, roots func(*uint64, *uint64) bool, emit func(uint64, uint64)) {
	if f.roots == nil {
		f.roots = map[uint64]uint64{}
		var a, b uint64
		for roots(&a, &b) {
			f.roots[a] = b
		}
	}
	if r, ok := f.roots[l]; ok {
		l = r
	}
	emit(v, l)
}
