package dedup

import (
	"path/filepath"
	"reflect"
	"testing"

	"github.com/storydiff/storydiff/result"
)

// TestSummary runs the hand-written corpus of testdata/dedup-input.jsonl
// (two groups, one article alone, one malformed line) and checks the
// summary and groups the report renders (report's fixtures copy them).
func TestSummary(t *testing.T) {
	res, err := Run([]string{filepath.Join("testdata", "dedup-input.jsonl")}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := &result.DedupSummary{
		ShingleKind: "word", ShingleSize: 5, Permutations: 128, Seed: 0, Bands: 42, Rows: 3, Threshold: 0.5, Keep: "first",
		Articles: 6, Bytes: 2674, Skipped: 1, Groups: 2, InGroups: 5, Duplicates: 3, Kept: 3, Candidates: 4, LargeGroup: 100,
		Largest: []result.LargestGroup{
			{Group: 1, Size: 3, Representative: "wire-1", LowestSimilarity: 0.71875},
			{Group: 2, Size: 2, Representative: "city-1", LowestSimilarity: 0.5859375},
		},
		Histogram: []result.SimilarityBin{
			{Lo: 0.5, Hi: 0.6, Members: 1}, {Lo: 0.6, Hi: 0.7}, {Lo: 0.7, Hi: 0.8, Members: 2}, {Lo: 0.8, Hi: 0.9}, {Lo: 0.9, Hi: 1},
		},
	}
	if got := res.Summary(); !reflect.DeepEqual(got, want) {
		t.Errorf("Summary() =\n%+v\nwant\n%+v", got, want)
	}
	groups := &result.DedupGroups{Groups: []result.DedupGroup{
		{Members: []string{"wire-1", "post-7", "herald|3"}, Representative: "wire-1", Similarity: []float64{1, 0.71875, 0.7421875}},
		{Members: []string{"city-1", "city-2"}, Representative: "city-1", Similarity: []float64{1, 0.5859375}},
	}}
	if got := res.NamedGroups(); !reflect.DeepEqual(got, groups) {
		t.Errorf("NamedGroups() =\n%+v\nwant\n%+v", got, groups)
	}
}
