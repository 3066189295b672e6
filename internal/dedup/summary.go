package dedup

import (
	"cmp"
	"slices"

	"github.com/storydiff/storydiff/result"
)

// largestGroups is how many of the largest groups a summary lists.
const largestGroups = 10

// Summary returns the parameters, counts, largest groups and similarity
// histogram of the run, for the report. The caller fills in Version and
// Inputs.
func (r *Result) Summary() *result.DedupSummary {
	s := &result.DedupSummary{
		ShingleKind:  r.Params.Kind.String(),
		ShingleSize:  r.Params.K,
		Permutations: r.Params.Perms,
		Seed:         r.Params.Seed,
		Bands:        r.Bands,
		Rows:         r.Rows,
		Threshold:    r.Threshold,
		Keep:         r.Keep.String(),
		Articles:     r.Articles,
		Bytes:        r.Bytes,
		Skipped:      r.Skipped,
		WithCommon:   r.WithCommon,
		Groups:       len(r.Groups),
		Duplicates:   r.Duplicates(),
		Candidates:   r.Candidates,
		Chains:       r.Chains,
		LargeGroup:   r.LargeGroup(),
		Containment:  r.Containment,
		Excerpts:     len(r.Contained),
	}
	s.Kept = r.Articles - s.Duplicates
	for _, g := range r.Groups {
		s.InGroups += len(g.Members)
		if len(g.Members) > s.LargeGroup {
			s.LargeGroups++
		}
	}

	order := make([]int, len(r.Groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(len(r.Groups[b].Members), len(r.Groups[a].Members))
	})
	for _, gi := range order[:min(largestGroups, len(order))] {
		g := r.Groups[gi]
		low := 1.0
		for i, m := range g.Members {
			if m != g.Representative {
				low = min(low, g.Similarity[i])
			}
		}
		s.Largest = append(s.Largest, result.LargestGroup{
			Group: gi + 1, Size: len(g.Members), Representative: r.ID(g.Representative), LowestSimilarity: low,
		})
	}

	// Member-to-representative similarities in tenths, from the first bin
	// that holds any; the top bin holds 0.9 to 1.0 inclusive.
	var bins [10]int
	total := 0
	for _, g := range r.Groups {
		for i, m := range g.Members {
			if m == g.Representative {
				continue
			}
			bins[min(9, max(0, int(g.Similarity[i]*10+1e-9)))]++
			total++
		}
	}
	first := 0
	for first < 9 && bins[first] == 0 {
		first++
	}
	for i := first; i < 10 && total > 0; i++ {
		s.Histogram = append(s.Histogram, result.SimilarityBin{Lo: float64(i) / 10, Hi: float64(i+1) / 10, Members: bins[i]})
	}
	return s
}

// NamedGroups returns the groups with the ids of their members, in output
// order, for the report.
func (r *Result) NamedGroups() *result.DedupGroups {
	out := &result.DedupGroups{Groups: make([]result.DedupGroup, len(r.Groups))}
	for gi, g := range r.Groups {
		ng := result.DedupGroup{
			Members:        make([]string, len(g.Members)),
			Representative: r.ID(g.Representative),
			Similarity:     g.Similarity,
		}
		for i, m := range g.Members {
			ng.Members[i] = r.ID(m)
		}
		out.Groups[gi] = ng
	}
	return out
}

// NamedExcerpts returns the excerpt pairs with the ids of their articles.
func (r *Result) NamedExcerpts() []result.DedupExcerpt {
	out := make([]result.DedupExcerpt, len(r.Contained))
	for i, x := range r.Contained {
		out[i] = result.DedupExcerpt{Excerpt: r.ID(x.Excerpt), Full: r.ID(x.Full), Containment: x.Containment, Similarity: x.Similarity}
	}
	return out
}
