package shingle

import "math"

// Params chooses bands × rows (bands*rows <= perms) for an LSH threshold,
// minimising the weighted false-positive and false-negative areas.
//
// Two signatures with Jaccard similarity s become candidates with
// probability P(s) = 1 − (1 − s^rows)^bands, an S-curve rising steepest
// near (1/bands)^(1/rows). Params returns the (bands, rows) minimising
//
//	fpWeight·∫₀ᵗ P(s) ds + fnWeight·∫ₜ¹ (1 − P(s)) ds
//
// over all bands, rows ≥ 1 with bands*rows ≤ perms, as datasketch's
// _optimal_param does (the integrals by composite Simpson's rule, ties to
// the first found in order of increasing bands, then rows). The threshold
// is clamped to [0, 1] (NaN counts as 0.5) and perms to at least 1.
func Params(threshold float64, perms int, fpWeight, fnWeight float64) (bands, rows int) {
	switch {
	case math.IsNaN(threshold):
		threshold = 0.5
	case threshold < 0:
		threshold = 0
	case threshold > 1:
		threshold = 1
	}
	perms = max(perms, 1)
	const n = 256 // Simpson intervals per integral (even)
	// Nodes and Simpson weights on [0, t] and [t, 1], with log s cached.
	type node struct{ logS, w float64 }
	grid := func(a, b float64) []node {
		h := (b - a) / n
		nodes := make([]node, n+1)
		for i := range nodes {
			w := 2.0
			switch {
			case i == 0 || i == n:
				w = 1
			case i%2 == 1:
				w = 4
			}
			nodes[i] = node{math.Log(a + float64(i)*h), w * h / 3}
		}
		return nodes
	}
	lo, hi := grid(0, threshold), grid(threshold, 1)
	prob := func(logS float64, b, r int) float64 { // P(s)
		sr := math.Exp(float64(r) * logS) // s^r; log 0 = -Inf gives 0
		return 1 - math.Pow(1-sr, float64(b))
	}
	best := math.Inf(1)
	bands, rows = 1, 1
	for b := 1; b <= perms; b++ {
		for r := 1; r <= perms/b; r++ {
			var fp, fn float64
			for _, x := range lo {
				fp += x.w * prob(x.logS, b, r)
			}
			for _, x := range hi {
				fn += x.w * (1 - prob(x.logS, b, r))
			}
			if e := fpWeight*fp + fnWeight*fn; e < best {
				best, bands, rows = e, b, r
			}
		}
	}
	return bands, rows
}

// CandidateProbability returns the probability that two signatures whose
// sets have Jaccard similarity s share at least one of bands bands of rows
// rows: 1 − (1 − s^rows)^bands, the S-curve of [Params].
func CandidateProbability(s float64, bands, rows int) float64 {
	return 1 - math.Pow(1-math.Pow(s, float64(rows)), float64(bands))
}

// RecallParams chooses bands × rows (bands*rows <= perms) for a
// verified index: the most rows per band, and so the fewest chance
// candidates, such that a pair whose Jaccard similarity equals the
// threshold still becomes a candidate with probability at least recall.
// Pairs above the threshold are then missed by the (verified) signature
// estimate rather than by the index. Bands take every slot the rows leave:
// bands = perms / rows. With no such rows it returns perms bands of one
// row. For 128 permutations and recall 0.95: threshold 0.5 gives 42 bands
// of 3 rows, 0.8 gives 18 of 7.
//
// [Params] balances false candidates against misses instead; RecallParams
// suits an index whose candidates are cheap to verify.
func RecallParams(threshold float64, perms int, recall float64) (bands, rows int) {
	for r := perms; r >= 1; r-- {
		b := perms / r
		if CandidateProbability(threshold, b, r) >= recall {
			return b, r
		}
	}
	return perms, 1
}
