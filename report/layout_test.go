package report

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

func TestWordDiff(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       []diffOp
	}{
		{"same", "the quake killed 40", "the quake killed 40", []diffOp{{diffEqual, "the quake killed 40"}}},
		{"changed figure", "the quake killed 40 people", "the quake killed 42 people",
			[]diffOp{{diffEqual, "the quake killed"}, {diffDelete, "40"}, {diffInsert, "42"}, {diffEqual, "people"}}},
		{"added words", "officials said", "officials said on Monday",
			[]diffOp{{diffEqual, "officials said"}, {diffInsert, "on Monday"}}},
		{"dropped words", "at least 40 dead", "40 dead",
			[]diffOp{{diffDelete, "at least"}, {diffEqual, "40 dead"}}},
		{"all new", "a b", "c d", []diffOp{{diffDelete, "a b"}, {diffInsert, "c d"}}},
		{"empty first", "", "new text", []diffOp{{diffInsert, "new text"}}},
		{"white space", "a  b\nc", "a b c", []diffOp{{diffEqual, "a b c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wordDiff(tt.a, tt.b); !slices.Equal(got, tt.want) {
				t.Errorf("wordDiff(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
	// Past maxDiffCells the copies are replaced whole, in bounded time.
	long := strings.Repeat("word ", 1000)
	if got := wordDiff(long, long+"more"); len(got) != 2 || got[0].op != diffDelete || got[1].op != diffInsert {
		t.Errorf("wordDiff of two 1,000-word passages = %d runs, want a deletion and an insertion", len(got))
	}
}

func TestWrapText(t *testing.T) {
	tests := []struct {
		s     string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"one two three", 20, []string{"one two three"}},
		{"one two three", 7, []string{"one two", "three"}},
		{"abcdefghij xy", 4, []string{"abcd", "efgh", "ij", "xy"}},
		{"日本語の記事", 4, []string{"日本", "語の", "記事"}},
	}
	for _, tt := range tests {
		if got := wrapText(tt.s, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("wrapText(%q, %d) = %q, want %q", tt.s, tt.width, got, tt.want)
		}
	}
}

func TestFitColumns(t *testing.T) {
	tests := []struct {
		natural []int
		width   int
		want    []int
	}{
		{[]int{5, 10}, 80, []int{5, 10}},               // fits
		{[]int{4, 30, 60}, 50, []int{4, 18, 18}},       // the wide ones narrowed alike
		{[]int{4, 10, 60}, 50, []int{4, 10, 26}},       // a narrow one kept
		{[]int{20, 20, 20, 20}, 20, []int{6, 6, 6, 6}}, // never under 6
	}
	for _, tt := range tests {
		if got := fitColumns(tt.natural, tt.width); !slices.Equal(got, tt.want) {
			t.Errorf("fitColumns(%v, %d) = %v, want %v", tt.natural, tt.width, got, tt.want)
		}
	}
}

// TestTableFitsWidth checks that every line of the terminal report fits
// in the width asked (at least minWidth), from narrow to wide, on every
// test result.
func TestTableFitsWidth(t *testing.T) {
	results := map[string]func() *result.Result{"ThreeSources": threeSourceResult, "Adversarial": adversarialResult}
	for _, tc := range factCases {
		results["Facts"+tc.name] = func() *result.Result { return factsResult(tc.cmp()) }
	}
	for name, res := range results {
		for _, width := range []int{20, 60, 80, 132} {
			var buf bytes.Buffer
			if err := TableWidth(&buf, res(), width); err != nil {
				t.Fatal(err)
			}
			for i, line := range strings.Split(buf.String(), "\n") {
				if w := displayWidth(line); w > max(width, minWidth) {
					t.Errorf("%s at %d columns: line %d is %d wide: %q", name, width, i+1, w, line)
				}
			}
		}
	}
}
