package shingle

import (
	"math"
	"slices"
	"testing"
)

func TestWordShingles(t *testing.T) {
	words := []string{"a", "b", "c", "d", "a", "b", "c"}
	tests := []struct {
		name  string
		words []string
		k     int
		want  int // number of distinct shingles
	}{
		{"k=3 with a repeat", words, 3, 4}, // abc bcd cda dab (abc again)
		{"k=1", words, 1, 4},
		{"fewer words than k", words[:2], 5, 1},
		{"exactly k", words[:5], 5, 1},
		{"no words", nil, 5, 0},
		{"k<1 means DefaultK", words, 0, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := WordShingles(tt.words, tt.k)
			if len(got) != tt.want {
				t.Errorf("len(WordShingles(%q, %d)) = %d, want %d", tt.words, tt.k, len(got), tt.want)
			}
			if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Errorf("WordShingles(%q, %d) = %x, not sorted and unique", tt.words, tt.k, got)
			}
		})
	}
	// The sliding window equals hashing each window on its own.
	all := WordShingles(words, 3)
	for i := 0; i+3 <= len(words); i++ {
		one := WordShingles(words[i:i+3], 3)
		if _, ok := slices.BinarySearch(all, one[0]); !ok {
			t.Errorf("window %q missing from the sliding shingles", words[i:i+3])
		}
	}
	// Order matters within a shingle; a short text differs from a window.
	if a, b := WordShingles([]string{"x", "y"}, 2), WordShingles([]string{"y", "x"}, 2); slices.Equal(a, b) {
		t.Errorf("WordShingles ignores word order: %x", a)
	}
	// A text shorter than k is one shingle of all its words: the same as
	// that text at k = its length.
	if a, b := WordShingles([]string{"x", "y"}, 3), WordShingles([]string{"x", "y"}, 2); !slices.Equal(a, b) {
		t.Errorf("WordShingles(x y, 3) = %x, want WordShingles(x y, 2) = %x", a, b)
	}
}

func TestCharShingles(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"case and punctuation ignored", "Hello, World!", "hello world", true},
		{"spacing ignored", "hello   world\n", " hello world", true},
		{"quotes unified", "it’s", "it's", true},
		{"different words", "hello world", "hello there", false},
	}
	for _, tt := range tests {
		a, b := CharShingles(tt.a, 3), CharShingles(tt.b, 3)
		if slices.Equal(a, b) != tt.same {
			t.Errorf("CharShingles(%q) == CharShingles(%q) is %v, want %v", tt.a, tt.b, !tt.same, tt.same)
		}
	}
	if got := len(CharShingles("abcd", 2)); got != 3 {
		t.Errorf("len(CharShingles(abcd, 2)) = %d, want 3", got)
	}
	if got := len(CharShingles("ab", 5)); got != 1 {
		t.Errorf("len(CharShingles(ab, 5)) = %d, want 1", got)
	}
	if got := len(CharShingles("é東京", 2)); got != 2 {
		t.Errorf("len(CharShingles(é東京, 2)) = %d, want 2 (runes, not bytes)", got)
	}
	if got := CharShingles("...", 3); got != nil {
		t.Errorf("CharShingles(...) = %x, want nil", got)
	}
}

func TestOptionsShingles(t *testing.T) {
	text := "The rebels — “pushed back” — retreated."
	if got, want := (Options{K: 2}).Shingles(text), WordShingles(Words(text), 2); !slices.Equal(got, want) {
		t.Errorf("Options{K:2}.Shingles = %x, want %x", got, want)
	}
	if got, want := (Options{Kind: Char, K: 4}).Shingles(text), CharShingles(text, 4); !slices.Equal(got, want) {
		t.Errorf("Options{Char,4}.Shingles = %x, want %x", got, want)
	}
	// Typography does not change the shingles.
	if a, b := (Options{}).Shingles(text), (Options{}).Shingles(`the REBELS - "pushed back" - retreated`); !slices.Equal(a, b) {
		t.Errorf("typographic variants shingle differently")
	}
}

func TestJaccard(t *testing.T) {
	tests := []struct {
		a, b []uint64
		want float64
	}{
		{[]uint64{1, 2, 3}, []uint64{1, 2, 3}, 1},
		{[]uint64{1, 2, 3}, []uint64{2, 3, 4}, 0.5},
		{[]uint64{1}, []uint64{2}, 0},
		{[]uint64{1, 5, 9, 12}, []uint64{5}, 0.25},
		{nil, []uint64{1}, 0},
		{nil, nil, 0},
	}
	for _, tt := range tests {
		if got := Jaccard(tt.a, tt.b); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("Jaccard(%v, %v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestSimilarityTracksJaccard checks the estimate on real text: an article
// against an edited copy of itself.
func TestSimilarityTracksJaccard(t *testing.T) {
	m := NewMinHasher(256, 11)
	for i, text := range seedTexts(t) {
		words := Words(text)
		edited := slices.Clone(words)
		for j := 0; j < len(edited); j += 12 {
			edited[j] = "changed"
		}
		a, b := WordShingles(words, 5), WordShingles(edited, 5)
		j := Jaccard(a, b)
		est := m.Signature(a).Similarity(m.Signature(b))
		if sd := math.Sqrt(j * (1 - j) / 256); math.Abs(est-j) > 4*sd+0.01 {
			t.Errorf("article %d: estimate %.3f, exact Jaccard %.3f (sd %.3f)", i, est, j, sd)
		}
	}
}
