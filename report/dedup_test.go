package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/internal/dedup"
)

// dedupResult runs dedup on the hand-written corpus in testdata: two
// near-duplicate groups (a wire story with two edited reprints, and a
// rewritten budget story), one article alone and one malformed line.
func dedupResult(t *testing.T, opt dedup.Options) *dedup.Result {
	t.Helper()
	res, err := dedup.Run([]string{filepath.Join("testdata", "dedup-input.jsonl")}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

var dedupInfo = DedupInfo{Version: "0.1.0", Inputs: []string{"testdata/dedup-input.jsonl"}}

func dedupGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestDedupMarkdown(t *testing.T) {
	res := dedupResult(t, dedup.Options{})
	if len(res.Groups) != 2 || res.Skipped != 1 {
		t.Fatalf("fixture: %d groups, %d skipped; want 2 and 1", len(res.Groups), res.Skipped)
	}
	var buf bytes.Buffer
	if err := DedupMarkdown(&buf, res, dedupInfo); err != nil {
		t.Fatal(err)
	}
	dedupGolden(t, "TestDedupMarkdown.golden.md", buf.Bytes())
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
	var buf bytes.Buffer
	if err := DedupTable(&buf, dedupResult(t, dedup.Options{Keep: dedup.KeepLongest}), dedupInfo); err != nil {
		t.Fatal(err)
	}
	dedupGolden(t, "TestDedupTable.golden.txt", buf.Bytes())
}

func TestDedupGroups(t *testing.T) {
	var buf bytes.Buffer
	if err := DedupGroups(&buf, dedupResult(t, dedup.Options{})); err != nil {
		t.Fatal(err)
	}
	dedupGolden(t, "TestDedupGroups.golden.jsonl", buf.Bytes())
	if n := strings.Count(buf.String(), "\n"); n != 2 {
		t.Errorf("%d group lines, want 2", n)
	}
}

func TestDedupNoGroups(t *testing.T) {
	res := dedupResult(t, dedup.Options{Threshold: 1})
	var md, tb, js bytes.Buffer
	if err := DedupMarkdown(&md, res, dedupInfo); err != nil {
		t.Fatal(err)
	}
	if err := DedupTable(&tb, res, dedupInfo); err != nil {
		t.Fatal(err)
	}
	if err := DedupGroups(&js, res); err != nil {
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

func TestDedupJSONString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", `"plain"`},
		{"q\"b\\n\nt\t\x01\x7f", `"q\"b\\n\nt\t\u0001\u007f"`},
		{"bad \xff utf8", `"bad \ufffd utf8"`},
		{"sep\u2028x", `"sep\u2028x"`},
		{"ünï", `"ünï"`},
	}
	for _, tt := range tests {
		if got := string(appendJSONString(nil, tt.in)); got != tt.want {
			t.Errorf("appendJSONString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
