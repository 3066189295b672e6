package pipeline

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// starRounds runs the component step of the pipeline in memory: rounds
// of large-star and small-star over edges, the labels, and the finish of
// what the rounds left. It returns the component of every vertex, and the
// number of label pairs left to the finish.
func starRounds(edges [][2]uint64, rounds int) (map[uint64]uint64, int) {
	for range rounds {
		nbrs := map[uint64][]uint64{}
		for _, e := range edges {
			nbrs[e[0]] = append(nbrs[e[0]], e[1])
			nbrs[e[1]] = append(nbrs[e[1]], e[0])
		}
		edges = starStep(nbrs, largeStar)
		nbrs = map[uint64][]uint64{}
		for _, e := range edges {
			if e[0] != e[1] {
				u, v := max(e[0], e[1]), min(e[0], e[1])
				nbrs[u] = append(nbrs[u], v)
			}
		}
		edges = starStep(nbrs, smallStar)
	}
	labels := map[uint64]uint64{}
	for _, e := range edges {
		for _, v := range e {
			if l, ok := labels[v]; !ok || min(e[0], e[1]) < l {
				labels[v] = min(e[0], e[1])
			}
		}
	}
	var cross [][2]uint64
	for _, e := range edges {
		if a, b := labels[e[0]], labels[e[1]]; a != b {
			cross = append(cross, [2]uint64{min(a, b), max(a, b)})
		}
	}
	roots := resolveLabels(cross)
	for v, l := range labels {
		if r, ok := roots[l]; ok {
			labels[v] = r
		}
	}
	return labels, len(cross)
}

func starStep(nbrs map[uint64][]uint64, step func(u uint64, nbrs []uint64, emit func(v, m uint64))) [][2]uint64 {
	var out [][2]uint64
	for u, ns := range nbrs {
		slices.Sort(ns)
		step(u, slices.Compact(ns), func(v, m uint64) { out = append(out, [2]uint64{v, m}) })
	}
	return out
}

// graph is a random graph of n articles with ordinals spread over two
// files, and its links.
type graph struct {
	ords    []uint64 // ascending: the article order
	lengths []uint32
	links   []dedup.Link
}

func randomGraph(r *rand.Rand, n, m int, shape string) graph {
	g := graph{}
	for i := range n {
		g.ords = append(g.ords, ordinal(i*2/n, 1+i*3+r.IntN(3)))
		g.lengths = append(g.lengths, uint32(100+r.IntN(20))) // ties too
	}
	seen := map[[2]int32]bool{}
	add := func(a, b int) {
		if a == b {
			return
		}
		k := [2]int32{int32(min(a, b)), int32(max(a, b))}
		if !seen[k] {
			seen[k] = true
			g.links = append(g.links, dedup.Link{A: k[0], B: k[1], Sim: float32(r.IntN(50)+50) / 100})
		}
	}
	switch shape {
	case "chain": // the worst case for rounds: a long path
		p := r.Perm(n)
		for i := 1; i < n; i++ {
			add(p[i-1], p[i])
		}
	case "stars":
		for i := range n {
			add(i, r.IntN(max(1, n/20))*20)
		}
	default:
		for range m {
			add(r.IntN(n), r.IntN(n))
		}
	}
	slices.SortFunc(g.links, func(x, y dedup.Link) int { return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B)) })
	return g
}

// TestComponents checks the rounds and their finish against a union-find
// of the links, and that grouping each component alone gives dedup's
// groups of the whole graph, for both keep rules.
func TestComponents(t *testing.T) {
	tests := []struct {
		name     string
		n, m     int
		shape    string
		rounds   int
		finished bool // the rounds do not converge: the finish must act
	}{
		{"sparse", 300, 200, "random", DefaultRounds, false},
		{"dense", 100, 600, "random", DefaultRounds, false},
		{"hubs, one round", 400, 0, "stars", 1, true},
		{"hubs", 400, 0, "stars", DefaultRounds, false},
		{"chain converged", 64, 0, "chain", 12, false},
		{"chain finished by union-find", 500, 0, "chain", 2, true},
		{"no rounds", 200, 300, "random", 0, true},
	}
	for _, tt := range tests {
		for seed := range uint64(5) {
			t.Run(fmt.Sprintf("%s/seed %d", tt.name, seed), func(t *testing.T) {
				r := rand.New(rand.NewPCG(seed, 13))
				g := randomGraph(r, tt.n, tt.m, tt.shape)
				var edges [][2]uint64
				uf := shingle.NewUnionFind(tt.n)
				for _, l := range g.links {
					edges = append(edges, [2]uint64{g.ords[l.A], g.ords[l.B]})
					uf.Union(int(l.A), int(l.B))
				}
				comp, left := starRounds(edges, tt.rounds)
				if (left > 0) != tt.finished {
					t.Errorf("%d label pairs left to the finish after %d rounds", left, tt.rounds)
				}
				least := map[int]uint64{}
				for i, o := range g.ords {
					if l, ok := least[uf.Find(i)]; !ok || o < l {
						least[uf.Find(i)] = o
					}
				}
				byComp := map[uint64][]link{}
				for _, l := range g.links {
					a, b := g.ords[l.A], g.ords[l.B]
					if comp[a] != least[uf.Find(int(l.A))] || comp[b] != comp[a] {
						t.Fatalf("component of %d = %d and of %d = %d, want %d", a, comp[a], b, comp[b], least[uf.Find(int(l.A))])
					}
					byComp[comp[a]] = append(byComp[comp[a]], link{A: a, B: b, Sim: l.Sim, LenA: g.lengths[l.A], LenB: g.lengths[l.B]})
				}
				for _, keep := range []dedup.Keep{dedup.KeepFirst, dedup.KeepLongest} {
					want, _ := dedup.Groups(g.lengths, g.links, keep)
					var got []groupRec
					for _, ls := range byComp {
						got = append(got, componentGroups(ls, keep)...)
					}
					slices.SortFunc(got, func(x, y groupRec) int { return cmp.Compare(x.Members[0], y.Members[0]) })
					if len(got) != len(want) {
						t.Fatalf("keep %v: %d groups, want %d", keep, len(got), len(want))
					}
					for i, w := range want {
						wr := groupRec{Rep: g.ords[w.Representative], Sim: w.Similarity}
						for _, m := range w.Members {
							wr.Members = append(wr.Members, g.ords[m])
						}
						if fmt.Sprint(got[i]) != fmt.Sprint(wr) {
							t.Errorf("keep %v: group %d = %v, want %v", keep, i, got[i], wr)
						}
					}
				}
			})
		}
	}
}
