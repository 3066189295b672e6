package compare

import (
	"math"
	"slices"
)

// vector is a sparse vector: sorted term ids and their weights.
type vector struct {
	ids []int32
	w   []float64
}

// dot returns the inner product of two sparse vectors.
func dot(a, b vector) float64 {
	s := 0.0
	i, j := 0, 0
	for i < len(a.ids) && j < len(b.ids) {
		switch {
		case a.ids[i] < b.ids[j]:
			i++
		case a.ids[i] > b.ids[j]:
			j++
		default:
			s += a.w[i] * b.w[j]
			i++
			j++
		}
	}
	return s
}

// add returns a + b.
func add(a, b vector) vector {
	out := vector{ids: make([]int32, 0, len(a.ids)+len(b.ids)), w: make([]float64, 0, len(a.ids)+len(b.ids))}
	i, j := 0, 0
	for i < len(a.ids) || j < len(b.ids) {
		switch {
		case j == len(b.ids) || (i < len(a.ids) && a.ids[i] < b.ids[j]):
			out.ids, out.w = append(out.ids, a.ids[i]), append(out.w, a.w[i])
			i++
		case i == len(a.ids) || a.ids[i] > b.ids[j]:
			out.ids, out.w = append(out.ids, b.ids[j]), append(out.w, b.w[j])
			j++
		default:
			out.ids, out.w = append(out.ids, a.ids[i]), append(out.w, a.w[i]+b.w[j])
			i++
			j++
		}
	}
	return out
}

func (v vector) norm() float64 { return math.Sqrt(dot(v, v)) }

// vocabulary maps terms to ids in sorted term order, so ids do not depend
// on the order documents were seen.
func vocabulary(docs []map[string]float64) (map[string]int32, []int) {
	set := map[string]bool{}
	for _, d := range docs {
		for t := range d {
			set[t] = true
		}
	}
	terms := make([]string, 0, len(set))
	for t := range set {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	ids := make(map[string]int32, len(terms))
	for i, t := range terms {
		ids[t] = int32(i)
	}
	df := make([]int, len(terms))
	for _, d := range docs {
		for t := range d {
			df[ids[t]]++
		}
	}
	return ids, df
}
