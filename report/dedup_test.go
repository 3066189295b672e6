package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

// dedupSummary is the summary of a dedup run over a hand-written corpus
// (internal/dedup/testdata/dedup-input.jsonl; TestSummary there checks
// these figures): two near-duplicate groups (a wire story with two edited
// reprints, and a rewritten budget story), one article alone and one
// malformed line.
func dedupSummary() *result.DedupSummary {
	return &result.DedupSummary{
		Version: "0.1.0", Inputs: []string{"testdata/dedup-input.jsonl"},
		ShingleKind: "word", ShingleSize: 5, Permutations: 128, Seed: 0, Bands: 42, Rows: 3, Threshold: 0.5, Keep: "first",
		Articles: 6, Bytes: 2674, Skipped: 1, Groups: 2, InGroups: 5, Duplicates: 3, Kept: 3, Candidates: 4, LargeGroup: 100,
		Largest: []result.LargestGroup{
			{Group: 1, Size: 3, Representative: "wire-1", LowestSimilarity: 0.71875},
			{Group: 2, Size: 2, Representative: "city-1", LowestSimilarity: 0.5859375},
		},
		Histogram: []result.SimilarityBin{{Lo: 0.5, Hi: 0.6, Members: 1}, {Lo: 0.6, Hi: 0.7, Members: 0}, {Lo: 0.7, Hi: 0.8, Members: 2}, {Lo: 0.8, Hi: 0.9, Members: 0}, {Lo: 0.9, Hi: 1, Members: 0}},
	}
}

func dedupGroups() *result.DedupGroups {
	return &result.DedupGroups{Groups: []result.DedupGroup{
		{Members: []string{"wire-1", "post-7", "herald|3"}, Representative: "wire-1", Similarity: []float64{1, 0.71875, 0.7421875}},
		{Members: []string{"city-1", "city-2"}, Representative: "city-1", Similarity: []float64{1, 0.5859375}},
	}}
}

func TestDedupMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := DedupMarkdown(&buf, dedupSummary()); err != nil {
		t.Fatal(err)
	}
	golden(t, ".golden.md", buf.Bytes())
	r := checkMarkdown(t, buf.Bytes(), false)
	if len(r.tables) != 3 {
		t.Fatalf("rendered %d tables, want 3 (counts, largest groups, histogram)", len(r.tables))
	}
	// The largest-groups table lists both groups, the bigger first.
	if got := r.tables[1]; len(got) != 3 || got[1][0] != "1" || got[1][1] != "3" || got[1][2] != "wire-1" {
		t.Errorf("largest groups table = %q", got)
	}
}

func TestDedupTable(t *testing.T) {
	s := dedupSummary()
	s.Keep = "longest"
	s.Largest[0].Representative, s.Largest[0].LowestSimilarity = "post-7", 0.515625
	s.Histogram[0].Members, s.Histogram[2].Members = 2, 1
	var buf bytes.Buffer
	if err := DedupTable(&buf, s); err != nil {
		t.Fatal(err)
	}
	golden(t, ".golden.txt", buf.Bytes())
}

func TestDedupGroups(t *testing.T) {
	var buf bytes.Buffer
	if err := DedupGroups(&buf, dedupGroups()); err != nil {
		t.Fatal(err)
	}
	golden(t, ".golden.jsonl", buf.Bytes())
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Errorf("%d group lines, want 2", n)
	}
}

func TestDedupNoGroups(t *testing.T) {
	s := dedupSummary()
	s.Groups, s.InGroups, s.Duplicates, s.Kept, s.Largest, s.Histogram = 0, 0, 0, 6, nil, nil
	var md, tb, js bytes.Buffer
	if err := DedupMarkdown(&md, s); err != nil {
		t.Fatal(err)
	}
	if err := DedupTable(&tb, s); err != nil {
		t.Fatal(err)
	}
	if err := DedupGroups(&js, &result.DedupGroups{}); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{md.String(), tb.String()} {
		if !strings.Contains(out, "No near-duplicates at this threshold.") {
			t.Errorf("summary without groups lacks the notice:\n%s", out)
		}
	}
	if js.Len() != 0 {
		t.Errorf("groups output = %q, want empty", js.String())
	}
}

// TestDedupGroupsJSON checks the encoding of ids (encoding/json's, without
// HTML escaping).
func TestDedupGroupsJSON(t *testing.T) {
	ids := []string{"q\"b\\n\nt\t\x01", "bad \xff utf8", "sep\u2028x", "<ünï>&"}
	g := &result.DedupGroups{Groups: []result.DedupGroup{
		{Members: ids, Representative: ids[0], Similarity: []float64{1, 0.5, 0.25, 0.125}},
		{Members: []string{"a", "b"}, Representative: "a", Similarity: []float64{1, 0.75}},
	}}
	var buf bytes.Buffer
	if err := DedupGroups(&buf, g); err != nil {
		t.Fatal(err)
	}
	want := `{"group":1,"members":["q\"b\\n\nt\t\u0001","bad \ufffd utf8","sep\u2028x","<ünï>&"],"representative":"q\"b\\n\nt\t\u0001",` +
		`"similarity":{"q\"b\\n\nt\t\u0001":1.000,"bad \ufffd utf8":0.500,"sep\u2028x":0.250,"<ünï>&":0.125}}` + "\n" +
		`{"group":2,"members":["a","b"],"representative":"a","similarity":{"a":1.000,"b":0.750}}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("DedupGroups =\n%s\nwant\n%s", got, want)
	}
}
