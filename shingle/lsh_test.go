package shingle

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"testing"
)

func TestParams(t *testing.T) {
	// Wanted values computed independently (midpoint rule, 400 steps, in
	// Python after datasketch's _optimal_param with equal weights).
	tests := []struct {
		threshold  float64
		perms      int
		bands, row int
	}{
		{0.5, 128, 25, 5},
		{0.8, 128, 9, 13},
		{0.3, 128, 37, 3},
		{0.9, 256, 9, 28},
		{0.5, 64, 14, 4},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("t=%.1f/perms=%d", tt.threshold, tt.perms), func(t *testing.T) {
			b, r := Params(tt.threshold, tt.perms, 0.5, 0.5)
			if b != tt.bands || r != tt.row {
				t.Errorf("Params(%v, %d, 0.5, 0.5) = %d, %d, want %d, %d", tt.threshold, tt.perms, b, r, tt.bands, tt.row)
			}
			if b*r > tt.perms {
				t.Errorf("bands*rows = %d > perms %d", b*r, tt.perms)
			}
			// The S-curve's steepest point sits near the threshold.
			if mid := math.Pow(1/float64(b), 1/float64(r)); math.Abs(mid-tt.threshold) > 0.1 {
				t.Errorf("S-curve midpoint (1/%d)^(1/%d) = %.3f, want within 0.1 of %v", b, r, mid, tt.threshold)
			}
		})
	}
}

func TestParamsWeights(t *testing.T) {
	// Weighting false negatives more must not raise the effective
	// threshold.
	b0, r0 := Params(0.7, 128, 0.5, 0.5)
	b1, r1 := Params(0.7, 128, 0.1, 0.9)
	m0 := math.Pow(1/float64(b0), 1/float64(r0))
	m1 := math.Pow(1/float64(b1), 1/float64(r1))
	if m1 > m0 {
		t.Errorf("fn-weighted midpoint %.3f (%d×%d) above balanced %.3f (%d×%d)", m1, b1, r1, m0, b0, r0)
	}
}

func TestParamsDegenerate(t *testing.T) {
	for _, tt := range []struct {
		threshold float64
		perms     int
	}{{0, 128}, {1, 128}, {-3, 16}, {7, 16}, {math.NaN(), 16}, {0.5, 0}, {0.5, -5}, {0.5, 1}} {
		b, r := Params(tt.threshold, tt.perms, 0.5, 0.5)
		if b < 1 || r < 1 || b*r > max(tt.perms, 1) {
			t.Errorf("Params(%v, %d) = %d, %d: want b, r >= 1 and b*r <= perms", tt.threshold, tt.perms, b, r)
		}
	}
}

// makeSet returns n random shingles; with base, the first keep of them are
// copied from base.
func makeSet(rng *rand.Rand, n int, base []uint64, keep int) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		if i < keep {
			s[i] = base[i]
		} else {
			s[i] = rng.Uint64()
		}
	}
	return s
}

func TestLSHFindsNearDuplicates(t *testing.T) {
	const perms = 128
	m := NewMinHasher(perms, 5)
	b, r := Params(0.8, perms, 0.5, 0.5)
	l := NewLSH(b, r)
	rng := rand.New(rand.NewPCG(5, 5))
	// 100 originals; each has a near-duplicate (shares 390 of 400
	// shingles, J = 390/410 ≈ 0.95) and a dissimilar neighbour (shares 120,
	// J ≈ 0.18).
	const n = 100
	type trio struct{ orig, near, far Signature }
	docs := make([]trio, n)
	for i := range docs {
		base := makeSet(rng, 400, nil, 0)
		docs[i] = trio{m.Signature(base), m.Signature(makeSet(rng, 400, base, 390)), m.Signature(makeSet(rng, 400, base, 120))}
		l.Add(3*i, docs[i].orig)
		l.Add(3*i+1, docs[i].near)
		l.Add(3*i+2, docs[i].far)
	}
	if got := l.Len(); got != 3*n {
		t.Errorf("Len() = %d, want %d", got, 3*n)
	}
	missed, spurious := 0, 0
	for i, d := range docs {
		got := l.Query(d.orig)
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Fatalf("Query result %v not sorted and unique", got)
		}
		if !slices.Contains(got, 3*i) {
			t.Errorf("Query(doc %d) = %v, misses the document itself", 3*i, got)
		}
		if !slices.Contains(got, 3*i+1) {
			missed++
		}
		if slices.Contains(got, 3*i+2) {
			spurious++
		}
	}
	// Allow the expected number of misses from the S-curve (signature
	// noise included only roughly) plus three binomial standard deviations.
	pMiss := math.Pow(1-math.Pow(390.0/410, float64(r)), float64(b))
	if limit := n*pMiss + 3*math.Sqrt(n*pMiss) + 1; float64(missed) > limit {
		t.Errorf("%d of %d near-duplicates (J≈0.95) not found, want <= %.1f", missed, n, limit)
	}
	if spurious > 0 {
		t.Errorf("%d of %d dissimilar documents (J≈0.18) returned", spurious, n)
	}
	pairs := l.Pairs()
	if !slices.IsSortedFunc(pairs, func(a, b [2]int) int {
		if a[0] != b[0] {
			return a[0] - b[0]
		}
		return a[1] - b[1]
	}) {
		t.Errorf("Pairs not sorted")
	}
	found := 0
	for _, p := range pairs {
		if p[0] >= p[1] {
			t.Fatalf("pair %v not a < b", p)
		}
		if p[0]%3 == 0 && p[1] == p[0]+1 {
			found++
		}
	}
	if found < n-missed {
		t.Errorf("Pairs has %d of %d near-duplicate pairs", found, n)
	}
}

func TestLSHQueryPairsConsistent(t *testing.T) {
	// Interleave adds and queries across the merge threshold and check
	// Query against Pairs and against a brute-force band comparison.
	l := NewLSH(4, 2)
	rng := rand.New(rand.NewPCG(9, 9))
	const n = 9000
	sigs := make([]Signature, n)
	for i := range sigs {
		sigs[i] = Signature{uint32(rng.IntN(40)), uint32(rng.IntN(40)), uint32(rng.IntN(40)), uint32(rng.IntN(40)),
			uint32(rng.IntN(40)), uint32(rng.IntN(40)), uint32(rng.IntN(40)), uint32(rng.IntN(40))}
		l.Add(i, sigs[i])
		if i%1000 == 999 {
			q := rng.IntN(i + 1)
			got := l.Query(sigs[q])
			var want []int
			for j := 0; j <= i; j++ {
				if shareBand(sigs[q], sigs[j], 4, 2) {
					want = append(want, j)
				}
			}
			if !slices.Equal(got, want) {
				t.Fatalf("after %d adds, Query(%d) = %d ids, want %d", i+1, q, len(got), len(want))
			}
		}
	}
	pairs := l.Pairs()
	partners := make(map[int][]int)
	for _, p := range pairs {
		partners[p[0]] = append(partners[p[0]], p[1])
		partners[p[1]] = append(partners[p[1]], p[0])
	}
	for q := 0; q < n; q += 997 {
		want := append(partners[q], q)
		slices.Sort(want)
		if got := l.Query(sigs[q]); !slices.Equal(got, want) {
			t.Errorf("Query(%d) has %d ids, Pairs gives %d", q, len(got), len(want))
		}
	}
}

func shareBand(a, b Signature, bands, rows int) bool {
	for i := range bands {
		if slices.Equal(a[i*rows:(i+1)*rows], b[i*rows:(i+1)*rows]) {
			return true
		}
	}
	return false
}

func TestLSHEmptyAndDuplicateIDs(t *testing.T) {
	l := NewLSH(2, 2)
	if got := l.Query(Signature{1, 2, 3, 4}); len(got) != 0 {
		t.Errorf("Query on empty index = %v, want none", got)
	}
	if got := l.Pairs(); len(got) != 0 {
		t.Errorf("Pairs on empty index = %v, want none", got)
	}
	l.Add(7, Signature{1, 2, 3, 4, 99}) // extra slots ignored
	l.Add(7, Signature{1, 2, 3, 4})
	l.Add(3, Signature{1, 2, 0, 0})
	if got, want := l.Query(Signature{1, 2, 5, 5}), []int{3, 7}; !slices.Equal(got, want) {
		t.Errorf("Query = %v, want %v", got, want)
	}
	if got, want := l.Pairs(), [][2]int{{3, 7}}; !slices.Equal(got, want) {
		t.Errorf("Pairs = %v, want %v", got, want)
	}
}

func TestLSHConcurrent(t *testing.T) {
	l := NewLSH(8, 2)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 500 {
				id := g*500 + i
				l.Add(id, Signature{uint32(id), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
				l.Query(Signature{uint32(id), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})
			}
		})
	}
	wg.Wait()
	if got := len(l.Query(Signature{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15})); got != 2000 {
		t.Errorf("Query after concurrent adds = %d ids, want 2000", got)
	}
}

// TestLSHMemory measures the heap held per document (32 bands): the
// sorted index costs 12 bytes per document and band, plus the pending
// table (at most 1/16 of the documents per band).
func TestLSHMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates ~50 MB")
	}
	const n, bands, rows = 100_000, 32, 4
	rng := rand.New(rand.NewPCG(3, 3))
	sig := make(Signature, bands*rows)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	l := NewLSH(bands, rows)
	for i := range n {
		for j := range sig {
			sig[j] = rng.Uint32()
		}
		l.Add(i, sig)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	perDoc := float64(after.HeapAlloc-before.HeapAlloc) / n
	t.Logf("%d documents × %d bands: %.0f bytes per document (%.0f MB per million)", n, bands, perDoc, perDoc)
	if limit := 1.6 * 12 * bands; perDoc > limit {
		t.Errorf("LSH holds %.0f bytes per document, want <= %.0f", perDoc, limit)
	}
	runtime.KeepAlive(l)
}

// TestRecallParams checks the rule of RecallParams over a grid of
// thresholds: a pair at the threshold is a candidate with probability at
// least recall, one more row per band would lose that, and every slot the
// rows leave is a band; and dedup's banding at its default threshold.
func TestRecallParams(t *testing.T) {
	if b, r := RecallParams(0.5, 128, 0.95); b != 42 || r != 3 {
		t.Errorf("RecallParams(0.5, 128, 0.95) = %d×%d, want 42×3 (README)", b, r)
	}
	for _, perms := range []int{16, 128, 256} {
		for i := 1; i < 10; i++ {
			th := float64(i) / 10
			b, r := RecallParams(th, perms, 0.95)
			if b != perms/r {
				t.Errorf("RecallParams(%v, %d) = %d×%d: bands are not perms/rows", th, perms, b, r)
			}
			if r > 1 && CandidateProbability(th, b, r) < 0.95 {
				t.Errorf("RecallParams(%v, %d) = %d×%d: candidate probability %.3f < 0.95", th, perms, b, r, CandidateProbability(th, b, r))
			}
			if r < perms && CandidateProbability(th, perms/(r+1), r+1) >= 0.95 {
				t.Errorf("RecallParams(%v, %d) = %d×%d: %d rows would do", th, perms, b, r, r+1)
			}
		}
	}
}

// TestSortBand checks the batch form of the banding against the index: a
// pair shares a bucket of some band exactly when it shares a band in [LSH]
// (32-bit buckets may add chance collisions, none among these few).
func TestSortBand(t *testing.T) {
	const bands, rows, n = 4, 2, 3000
	rng := rand.New(rand.NewPCG(5, 5))
	sigs := make([]Signature, n)
	l := NewLSH(bands, rows)
	for i := range sigs {
		sigs[i] = make(Signature, bands*rows)
		for j := range sigs[i] {
			sigs[i][j] = uint32(rng.IntN(30))
		}
		l.Add(i, sigs[i])
	}
	var packed []uint64
	var keys []uint64
	for band := range bands {
		keys = SortBand(keys, n, func(i int) Signature { return sigs[i] }, band, rows)
		if len(keys) != n || !slices.IsSorted(keys) {
			t.Fatalf("band %d: %d keys, sorted %v", band, len(keys), slices.IsSorted(keys))
		}
		for bucket := range Buckets(keys) {
			for j := range bucket {
				for i := range j {
					a, b := Member(bucket[i]), Member(bucket[j])
					if a >= b {
						t.Fatalf("bucket members out of order: %d before %d", a, b)
					}
					packed = append(packed, uint64(a)<<32|uint64(b))
				}
			}
		}
	}
	slices.Sort(packed)
	packed = slices.Compact(packed)
	pairs := l.Pairs()
	if len(pairs) != len(packed) {
		t.Fatalf("SortBand buckets give %d pairs, LSH.Pairs %d", len(packed), len(pairs))
	}
	for i, p := range pairs {
		if got := [2]int{int(packed[i] >> 32), int(uint32(packed[i]))}; got != p {
			t.Fatalf("pair %d: SortBand %v, LSH %v", i, got, p)
		}
	}
}

func TestBandKey(t *testing.T) {
	sig := Signature{1, 2, 3, 4, 1, 2}
	if BandKey(sig, 0, 2) == BandKey(sig, 2, 2) {
		t.Error("equal slots in two bands give one key: the band must seed the hash")
	}
	if BandKey(sig, 0, 2) != BandKey(Signature{1, 2, 9, 9}, 0, 2) {
		t.Error("the key of a band depends on other bands' slots")
	}
}

func TestUnionFind(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		links [][2]int
		want  [][]int // groups of two or more, by first member
	}{
		{"none", 4, nil, nil},
		{"pair", 4, [][2]int{{1, 3}}, [][]int{{1, 3}}},
		{"chain", 6, [][2]int{{4, 5}, {0, 4}, {2, 5}}, [][]int{{0, 2, 4, 5}}},
		{"two groups, order by first member", 6, [][2]int{{3, 5}, {1, 2}}, [][]int{{1, 2}, {3, 5}}},
		{"self and repeats", 3, [][2]int{{1, 1}, {0, 2}, {2, 0}}, [][]int{{0, 2}}},
	}
	for _, tt := range tests {
		u := NewUnionFind(tt.n)
		for _, l := range tt.links {
			u.Union(l[0], l[1])
		}
		if got := u.Groups(); !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: Groups() = %v, want %v", tt.name, got, tt.want)
		}
		for _, g := range tt.want {
			for _, x := range g {
				if u.Find(x) != u.Find(g[0]) {
					t.Errorf("%s: Find(%d) != Find(%d)", tt.name, x, g[0])
				}
			}
		}
	}
}
