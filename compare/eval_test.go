package compare

import (
	"math"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScore(t *testing.T) {
	tests := []struct {
		name       string
		pred, gold map[string]string
		want       result.Scores
	}{
		{
			name: "identical",
			pred: map[string]string{"a": "1", "b": "1", "c": "2"},
			gold: map[string]string{"a": "x", "b": "x", "c": "y"},
			want: result.Scores{Documents: 3, GoldClusters: 2, PredClusters: 2, BCubedP: 1, BCubedR: 1, BCubedF1: 1, PairP: 1, PairR: 1, PairF1: 1, ARI: 1},
		},
		{
			// pred {a,b,c} {d}; gold {a,b} {c,d}.
			// B³ P: a,b: 2/3, c: 1/3, d: 1 -> (2/3+2/3+1/3+1)/4 = 2/3.
			// B³ R: a,b: 1, c: 1/2, d: 1/2 -> 3/4. F1 = 2·(2/3)(3/4)/(17/12) = 12/17.
			// Pairs: pred {ab,ac,bc}, gold {ab,cd}: TP 1, P 1/3, R 1/2, F1 0.4.
			// ARI: index 1, expected 3·2/6 = 1, max 2.5 -> 0.
			name: "merge and split",
			pred: map[string]string{"a": "1", "b": "1", "c": "1", "d": "2"},
			gold: map[string]string{"a": "x", "b": "x", "c": "y", "d": "y"},
			want: result.Scores{Documents: 4, GoldClusters: 2, PredClusters: 2, BCubedP: 2.0 / 3, BCubedR: 0.75, BCubedF1: 12.0 / 17, PairP: 1.0 / 3, PairR: 0.5, PairF1: 0.4, ARI: 0},
		},
		{
			// All singletons against gold {a,b} {c}: B³ P 1, R (1/2+1/2+1)/3 = 2/3.
			// No predicted pair: pairwise P 1 by convention, R 0. ARI: index 0,
			// expected 0, max 0.5 -> 0.
			name: "all singletons",
			pred: map[string]string{"a": "1", "b": "2", "c": "3"},
			gold: map[string]string{"a": "x", "b": "x", "c": "y"},
			want: result.Scores{Documents: 3, GoldClusters: 2, PredClusters: 3, BCubedP: 1, BCubedR: 2.0 / 3, BCubedF1: 0.8, PairP: 1, PairR: 0, PairF1: 0, ARI: 0},
		},
		{
			name: "documents outside either side are ignored",
			pred: map[string]string{"a": "1", "b": "1", "z": "1"},
			gold: map[string]string{"a": "x", "b": "x", "q": "y"},
			want: result.Scores{Documents: 2, GoldClusters: 1, PredClusters: 1, BCubedP: 1, BCubedR: 1, BCubedF1: 1, PairP: 1, PairR: 1, PairF1: 1, ARI: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.pred, tt.gold)
			g, w := got, tt.want
			if g.Documents != w.Documents || g.GoldClusters != w.GoldClusters || g.PredClusters != w.PredClusters ||
				!near(g.BCubedP, w.BCubedP) || !near(g.BCubedR, w.BCubedR) || !near(g.BCubedF1, w.BCubedF1) ||
				!near(g.PairP, w.PairP) || !near(g.PairR, w.PairR) || !near(g.PairF1, w.PairF1) || !near(g.ARI, w.ARI) {
				t.Errorf("Score = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestARIKnownValue(t *testing.T) {
	// The classic example: labels_true [0,0,0,1,1,1], labels_pred
	// [0,0,1,1,2,2] give ARI 0.24242424 (scikit-learn's documentation).
	gold := map[string]string{"1": "0", "2": "0", "3": "0", "4": "1", "5": "1", "6": "1"}
	pred := map[string]string{"1": "0", "2": "0", "3": "1", "4": "1", "5": "2", "6": "2"}
	if got := Score(pred, gold).ARI; math.Abs(got-0.24242424) > 1e-6 {
		t.Errorf("ARI = %.8f, want 0.24242424", got)
	}
}

func TestReadGold(t *testing.T) {
	tests := []struct {
		name, in string
		want     map[string]string
		err      string
	}{
		{"header and extra columns", "file\tcluster\ttopic\na.txt\tc1\t1\nb.txt\tc1\t1\n\nc.txt\tc2\n", map[string]string{"a.txt": "c1", "b.txt": "c1", "c.txt": "c2"}, ""},
		{"no header, CRLF, comment", "# gold\r\na.txt\tx\r\n", map[string]string{"a.txt": "x"}, ""},
		{"missing tab", "file\tcluster\na.txt c1\n", nil, "gold.tsv:2: want file<TAB>cluster"},
		{"empty cluster", "a.txt\t\n", nil, "gold.tsv:1: empty file or cluster"},
		{"conflict", "a.txt\tx\na.txt\ty\n", nil, "gold.tsv:2: a.txt is in cluster"},
		{"empty", "file\tcluster\n", nil, "gold.tsv: no gold entries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadGold(strings.NewReader(tt.in), "gold.tsv")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("ReadGold error = %v, want containing %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("ReadGold = %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("ReadGold[%q] = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	res := &result.Result{
		Documents: []result.Document{
			{ID: "a", Path: "dir/a.txt", Title: "A"}, {ID: "b", Path: "dir/b.txt", Title: "B"},
			{ID: "c", Path: "dir/c.txt", Title: "C"}, {ID: "d", Path: "dir/d.txt", Title: "D"},
			{ID: "e", Path: "feed.jsonl", Title: "E"}, {ID: "f", Path: "dir/f.txt", Title: "F"},
		},
		Clusters: []result.Cluster{
			{ID: "c1", Documents: []string{"a", "b", "c"}},
			{ID: "c2", Documents: []string{"d", "e"}},
			{ID: "c3", Documents: []string{"f"}},
		},
	}
	gold := map[string]string{"a.txt": "x", "b.txt": "x", "c.txt": "y", "d.txt": "y", "e": "z", "g.txt": "z"}
	ev := Evaluate(res, gold, 10)
	if got, want := strings.Join(ev.Unmatched, ","), "f"; got != want {
		t.Errorf("Unmatched = %q, want %q", got, want)
	}
	if ev.NotFound != 1 {
		t.Errorf("NotFound = %d, want 1", ev.NotFound)
	}
	if ev.Scores.Documents != 5 {
		t.Errorf("Documents = %d, want 5", ev.Scores.Documents)
	}
	// c1 mixes x{a,b} and y{c}: 2 wrong pairs; c2 mixes y{d} and z{e}: 1.
	if len(ev.Merges) != 2 || ev.Merges[0].Cluster != "c1" || ev.Merges[0].WrongPairs != 2 || ev.Merges[1].WrongPairs != 1 {
		t.Errorf("Merges = %+v, want c1 (2 wrong pairs) then c2 (1)", ev.Merges)
	}
	if g := ev.Merges[0].Gold; g[0].Cluster != "x" || g[0].Documents[0].Title != "A" || g[0].Documents[0].File != "a.txt" {
		t.Errorf("Merges[0].Gold = %+v, want x first with a.txt titled A", g)
	}
	// y{c,d} is split over c1 and c2: 1 missed pair.
	if len(ev.Splits) != 1 || ev.Splits[0].Gold != "y" || ev.Splits[0].MissedPairs != 1 {
		t.Errorf("Splits = %+v, want y with 1 missed pair", ev.Splits)
	}
	if ev := Evaluate(res, gold, 0); len(ev.Merges) != 0 || len(ev.Splits) != 0 {
		t.Errorf("Evaluate(top 0) kept %d merges, %d splits", len(ev.Merges), len(ev.Splits))
	}
}
