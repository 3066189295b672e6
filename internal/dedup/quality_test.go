package dedup

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/storydiff/storydiff/internal/gen"
	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/shingle"
)

// genCorpus writes a generated corpus and returns its path and ground truth.
func genCorpus(t testing.TB, opt gen.Options) (string, map[[2]string]float64) {
	t.Helper()
	var c, tr bytes.Buffer
	if _, err := gen.Generate(opt, &c, &tr); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "gen.jsonl")
	if err := os.WriteFile(path, c.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	truth := readTruth(t, &tr)
	return path, truth
}

// readTruth reads the ground truth gen.Generate writes: the exact Jaccard
// of each pair of a near-duplicate group.
func readTruth(t testing.TB, r io.Reader) map[[2]string]float64 {
	t.Helper()
	truth := map[[2]string]float64{}
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		var p struct {
			A, B    string
			Jaccard float64
		}
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		truth[[2]string{p.A, p.B}] = p.Jaccard
	}
	return truth
}

// shingleSets returns the shingle sets of the articles of a JSONL file
// whose ids are in want (all when want is nil).
func shingleSets(t testing.TB, path string, k int, want map[string]bool) map[string][]uint64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sets := map[string][]uint64{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	o := shingle.Options{Kind: shingle.Word, K: k}
	for n := 1; sc.Scan(); n++ {
		a, err := input.ParseRecord(sc.Bytes(), path, n)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil || want[a.ID] {
			sets[a.ID] = o.Shingles(a.FullText())
		}
	}
	return sets
}

// quality is recall and precision of a run against exact ground truth.
type quality struct {
	relevant, found, inGroup int // truth pairs with J >= t+0.1, of those linked, and of those in one group
	linked, linkedOK         int // linked pairs, and of those with J >= t-0.1
	implied, impliedOK       int // pairs implied by the groups, and of those with J >= t-0.1
	recall, precision, grp   float64
	grpRecall                float64
}

func (q quality) String() string {
	return fmt.Sprintf("recall of linked pairs %.4f (%d/%d), in one group %.4f (%d); precision of linked pairs %.4f (%d/%d), of group pairs %.4f (%d/%d)",
		q.recall, q.found, q.relevant, q.grpRecall, q.inGroup, q.precision, q.linkedOK, q.linked, q.grp, q.impliedOK, q.implied)
}

// measure scores res (run with Pairs) on the corpus at path with its truth.
// The true Jaccard of a linked pair that is not in the truth file (articles
// of different groups) is computed from the texts.
func measure(t testing.TB, res *Result, path string, truth map[[2]string]float64) quality {
	t.Helper()
	th := res.Threshold
	group := map[string]int{}
	var implied [][2]string
	for gi, g := range res.Groups {
		for i, m := range g.Members {
			group[res.ID(m)] = gi + 1
			for _, m2 := range g.Members[i+1:] {
				implied = append(implied, [2]string{res.ID(m), res.ID(m2)})
			}
		}
	}
	lookup := func(a, b string) (float64, bool) {
		if j, ok := truth[[2]string{a, b}]; ok {
			return j, true
		}
		j, ok := truth[[2]string{b, a}]
		return j, ok
	}
	need := map[string]bool{}
	var linked [][2]string
	for _, p := range res.Pairs {
		linked = append(linked, [2]string{res.ID(p.A), res.ID(p.B)})
	}
	for _, ps := range [][][2]string{linked, implied} {
		for _, p := range ps {
			if _, ok := lookup(p[0], p[1]); !ok {
				need[p[0]], need[p[1]] = true, true
			}
		}
	}
	var sets map[string][]uint64
	if len(need) > 0 {
		sets = shingleSets(t, path, res.Params.K, need)
	}
	trueJ := func(p [2]string) float64 {
		if j, ok := lookup(p[0], p[1]); ok {
			return j
		}
		return shingle.Jaccard(sets[p[0]], sets[p[1]])
	}
	var q quality
	isLinked := map[[2]string]bool{}
	for _, p := range linked {
		isLinked[p], isLinked[[2]string{p[1], p[0]}] = true, true
	}
	for p, j := range truth {
		if j >= th+0.1 {
			q.relevant++
			if isLinked[p] {
				q.found++
			}
			if g := group[p[0]]; g != 0 && g == group[p[1]] {
				q.inGroup++
			}
		}
	}
	q.linked, q.implied = len(linked), len(implied)
	for _, p := range linked {
		if trueJ(p) >= th-0.1 {
			q.linkedOK++
		}
	}
	for _, p := range implied {
		if trueJ(p) >= th-0.1 {
			q.impliedOK++
		}
	}
	q.recall = float64(q.found) / float64(max(q.relevant, 1))
	q.precision = float64(q.linkedOK) / float64(max(q.linked, 1))
	q.grp = float64(q.impliedOK) / float64(max(q.implied, 1))
	q.grpRecall = float64(q.inGroup) / float64(max(q.relevant, 1))
	return q
}

// TestQualityGenerated checks recall and precision against the exact ground
// truth of a generated corpus: recall over pairs whose true Jaccard is at
// least t+0.1 (are they linked?), precision of the linked pairs (is their
// true Jaccard at least t-0.1?) and precision of all pairs implied by the
// groups. Groups are stars around a representative, so two copies of one
// original can be in its group with each other further apart than the
// threshold; the share of pairs in one group is logged.
func TestQualityGenerated(t *testing.T) {
	n := 3000
	if testing.Short() {
		n = 1500
	}
	// A wide edit range so that true similarities span 0.1 to 1.
	path, truth := genCorpus(t, gen.Options{N: n, Seed: 11, DupRate: 0.3, MaxEdit: 0.3})
	for _, th := range []float64{0.3, 0.5, 0.7} {
		t.Run(fmt.Sprint(th), func(t *testing.T) {
			res, err := Run([]string{path}, Options{Threshold: th, Pairs: true})
			if err != nil {
				t.Fatal(err)
			}
			q := measure(t, res, path, truth)
			t.Logf("t=%.1f: %v; %d candidate checks", th, q, res.Candidates)
			if q.relevant < 30 || q.linked < 30 {
				t.Fatalf("too few pairs to measure: %d relevant, %d linked", q.relevant, q.linked)
			}
			if q.recall < 0.95 {
				t.Errorf("recall = %.4f, want >= 0.95", q.recall)
			}
			if q.precision < 0.95 {
				t.Errorf("precision of linked pairs = %.4f, want >= 0.95", q.precision)
			}
			if q.grp < 0.95 {
				t.Errorf("precision of group pairs = %.4f, want >= 0.95", q.grp)
			}
		})
	}
}

var scaleN = flag.Int("dedup.scale", 0, "TestQualityScale: generate and score a corpus of `n` articles (e.g. 100000)")

// TestQualityScale is TestQualityGenerated at a scale chosen on the command
// line, for the documented 100k / 1M runs:
//
//	go test ./internal/dedup -run TestQualityScale -v -timeout 1h -dedup.scale 100000
func TestQualityScale(t *testing.T) {
	if *scaleN == 0 {
		t.Skip("set -dedup.scale N to run")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "corpus.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	var tr bytes.Buffer
	bw := bufio.NewWriterSize(f, 1<<20)
	if _, err := gen.Generate(gen.Options{N: *scaleN, Seed: 1, DupRate: 0.3, MaxEdit: 0.3}, bw, &tr); err != nil {
		t.Fatal(err)
	}
	if err := errors.Join(bw.Flush(), f.Close()); err != nil {
		t.Fatal(err)
	}
	truth := readTruth(t, &tr)
	for _, th := range []float64{0.5, 0.8} {
		res, err := Run([]string{path}, Options{Threshold: th, Pairs: true})
		if err != nil {
			t.Fatal(err)
		}
		q := measure(t, res, path, truth)
		t.Logf("n=%d t=%.1f: %v; %d groups, %d candidate checks", *scaleN, th, q, len(res.Groups), res.Candidates)
		if q.recall < 0.99 || q.precision < 0.99 || q.grp < 0.98 {
			t.Errorf("t=%.1f: recall %.4f, precision %.4f, of group pairs %.4f; want >= 0.99, 0.99, 0.98", th, q.recall, q.precision, q.grp)
		}
	}
}

// TestRunDeterministic checks that groups, similarities and signatures do
// not depend on the number of workers.
func TestRunDeterministic(t *testing.T) {
	path, _ := genCorpus(t, gen.Options{N: 1500, Seed: 5})
	var first *Result
	for _, w := range []int{1, 3, runtime.GOMAXPROCS(0) + 2} {
		res, err := Run([]string{path}, Options{Workers: w, Pairs: true})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = res
			if len(res.Groups) == 0 {
				t.Fatal("no groups found")
			}
			continue
		}
		if got, want := fmt.Sprint(res.Groups, res.Pairs, res.Candidates), fmt.Sprint(first.Groups, first.Pairs, first.Candidates); got != want {
			t.Errorf("workers=%d: result differs from workers=1", w)
		}
		if !slices.Equal(res.store.IDs, first.store.IDs) {
			t.Fatalf("workers=%d: ids differ from workers=1", w)
		}
		for i := range res.store.IDs {
			if !slices.Equal(res.Sig(i), first.Sig(i)) {
				t.Fatalf("workers=%d: signature of %s differs from workers=1", w, res.store.IDs[i])
			}
		}
	}
}
