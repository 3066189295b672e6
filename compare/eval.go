package compare

import (
	"bufio"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// ReadGold reads a gold clustering: one "file<TAB>cluster" per line, extra
// columns ignored, blank lines and lines starting with # skipped. A first
// line whose first two fields are "file" and "cluster" (any case) is a
// header. name is used in errors, which read "name:line: message".
func ReadGold(r io.Reader, name string) (map[string]string, error) {
	gold := map[string]string{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 {
			return nil, fmt.Errorf("%s:%d: want file<TAB>cluster, got %q", name, line, clip(text, 60))
		}
		file, cluster := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
		if line == 1 && strings.EqualFold(file, "file") && strings.EqualFold(cluster, "cluster") {
			continue
		}
		if file == "" || cluster == "" {
			return nil, fmt.Errorf("%s:%d: empty file or cluster field", name, line)
		}
		if prev, ok := gold[file]; ok && prev != cluster {
			return nil, fmt.Errorf("%s:%d: %s is in cluster %q and, earlier, in %q", name, line, file, cluster, prev)
		}
		gold[file] = cluster
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	if len(gold) == 0 {
		return nil, fmt.Errorf("%s: no gold entries", name)
	}
	return gold, nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Score compares pred with gold (both: document -> cluster label) over the
// documents labelled in both. B-cubed precision and recall average, over
// documents, the share of a document's predicted (gold) cluster that is in
// its gold (predicted) cluster. Pairwise scores count same-cluster pairs;
// with no predicted pair, pairwise precision is 1 (nothing was wrongly
// joined), and with no gold pair recall is 1. The adjusted Rand index is
// Hubert and Arabie's, 1 for identical partitions and about 0 for chance
// (1 when both partitions are trivial and equal).
func Score(pred, gold map[string]string) result.Scores {
	type cell struct{ g, p string }
	n := 0
	cells := map[cell]int{}
	gsize := map[string]int{}
	psize := map[string]int{}
	for d, g := range gold {
		p, ok := pred[d]
		if !ok {
			continue
		}
		n++
		cells[cell{g, p}]++
		gsize[g]++
		psize[p]++
	}
	s := result.Scores{Documents: n, GoldClusters: len(gsize), PredClusters: len(psize)}
	if n == 0 {
		return s
	}
	// Iterate in a fixed order so float sums are reproducible.
	keys := make([]cell, 0, len(cells))
	for c := range cells {
		keys = append(keys, c)
	}
	slices.SortFunc(keys, func(a, b cell) int {
		if c := strings.Compare(a.g, b.g); c != 0 {
			return c
		}
		return strings.Compare(a.p, b.p)
	})
	var bp, br, tp float64
	for _, c := range keys {
		k := float64(cells[c])
		bp += k * k / float64(psize[c.p])
		br += k * k / float64(gsize[c.g])
		tp += choose2(k)
	}
	s.BCubedP = bp / float64(n)
	s.BCubedR = br / float64(n)
	s.BCubedF1 = f1(s.BCubedP, s.BCubedR)
	gp := sumChoose2(gsize)
	pp := sumChoose2(psize)
	s.PairP, s.PairR = 1, 1
	if pp > 0 {
		s.PairP = tp / pp
	}
	if gp > 0 {
		s.PairR = tp / gp
	}
	s.PairF1 = f1(s.PairP, s.PairR)
	expected := gp * pp / choose2(float64(n))
	maxIndex := (gp + pp) / 2
	if maxIndex == expected {
		s.ARI = 1
	} else {
		s.ARI = (tp - expected) / (maxIndex - expected)
	}
	return s
}

func choose2(k float64) float64 { return k * (k - 1) / 2 }

func sumChoose2(sizes map[string]int) float64 {
	ks := make([]string, 0, len(sizes))
	for k := range sizes {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	s := 0.0
	for _, k := range ks {
		s += choose2(float64(sizes[k]))
	}
	return s
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// GoldKey returns the key of doc in gold: its file name (the base of its
// path), else its id plus the path's extension, else its id; ok is false
// when none is in gold.
func GoldKey(doc result.Document, gold map[string]string) (string, bool) {
	base := doc.Path
	if i := strings.LastIndexAny(base, `/\`); i >= 0 {
		base = base[i+1:]
	}
	ext := ""
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		ext = base[i:]
	}
	for _, k := range []string{base, doc.ID + ext, doc.ID} {
		if _, ok := gold[k]; ok && k != "" {
			return k, true
		}
	}
	return "", false
}

// Evaluate scores res against gold (file -> cluster), matching documents
// with [GoldKey]. Documents not in gold are listed and not scored. It
// reports up to top worst merges (by wrongly joined pairs) and worst splits
// (by gold pairs not joined), with the documents' titles.
func Evaluate(res *result.Result, gold map[string]string, top int) *result.Evaluation {
	ev := &result.Evaluation{Unmatched: []string{}, Merges: []result.Merge{}, Splits: []result.Split{}}
	docs := map[string]result.Document{}
	for _, d := range res.Documents {
		docs[d.ID] = d
	}
	pred := map[string]string{}
	used := map[string]bool{}
	byKey := map[string]result.EvalDoc{}
	for _, c := range res.Clusters {
		for _, id := range c.Documents {
			d := docs[id]
			if d.ID == "" {
				d.ID = id
			}
			k, ok := GoldKey(d, gold)
			if !ok || used[k] {
				ev.Unmatched = append(ev.Unmatched, id)
				continue
			}
			used[k] = true
			pred[k] = c.ID
			byKey[k] = result.EvalDoc{ID: id, File: k, Title: d.Title}
		}
	}
	slices.Sort(ev.Unmatched)
	ev.NotFound = len(gold) - len(used)
	g := map[string]string{}
	for k := range pred {
		g[k] = gold[k]
	}
	ev.Scores = Score(pred, g)

	// Contingency: predicted cluster -> gold cluster -> documents.
	pg := map[string]map[string][]result.EvalDoc{}
	gp := map[string]map[string][]result.EvalDoc{}
	keys := make([]string, 0, len(pred))
	for k := range pred {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p, gl := pred[k], g[k]
		if pg[p] == nil {
			pg[p] = map[string][]result.EvalDoc{}
		}
		if gp[gl] == nil {
			gp[gl] = map[string][]result.EvalDoc{}
		}
		pg[p][gl] = append(pg[p][gl], byKey[k])
		gp[gl][p] = append(gp[gl][p], byKey[k])
	}
	for p, m := range pg {
		if len(m) < 2 {
			continue
		}
		groups, n, same := toGroups(m)
		ev.Merges = append(ev.Merges, result.Merge{Cluster: p, WrongPairs: n*(n-1)/2 - same, Gold: groups})
	}
	for gl, m := range gp {
		if len(m) < 2 {
			continue
		}
		groups, n, same := toGroups(m)
		ev.Splits = append(ev.Splits, result.Split{Gold: gl, MissedPairs: n*(n-1)/2 - same, Predicted: groups})
	}
	slices.SortFunc(ev.Merges, func(a, b result.Merge) int {
		if a.WrongPairs != b.WrongPairs {
			return b.WrongPairs - a.WrongPairs
		}
		return strings.Compare(a.Cluster, b.Cluster)
	})
	slices.SortFunc(ev.Splits, func(a, b result.Split) int {
		if a.MissedPairs != b.MissedPairs {
			return b.MissedPairs - a.MissedPairs
		}
		return strings.Compare(a.Gold, b.Gold)
	})
	if top >= 0 {
		ev.Merges = ev.Merges[:min(top, len(ev.Merges))]
		ev.Splits = ev.Splits[:min(top, len(ev.Splits))]
	}
	return ev
}

// toGroups orders a label -> documents map by size desc then label, and
// returns the total size and the number of same-label pairs.
func toGroups(m map[string][]result.EvalDoc) ([]result.Group, int, int) {
	gs := make([]result.Group, 0, len(m))
	n, same := 0, 0
	for l, ds := range m {
		gs = append(gs, result.Group{Cluster: l, Documents: ds})
		n += len(ds)
		same += len(ds) * (len(ds) - 1) / 2
	}
	slices.SortFunc(gs, func(a, b result.Group) int {
		if len(a.Documents) != len(b.Documents) {
			return len(b.Documents) - len(a.Documents)
		}
		return strings.Compare(a.Cluster, b.Cluster)
	})
	return gs, n, same
}
