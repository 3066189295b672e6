package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dedupGroup is one line of `storydiff dedup` group output.
type dedupGroup struct {
	Group          int                `json:"group"`
	Members        []string           `json:"members"`
	Representative string             `json:"representative"`
	Similarity     map[string]float64 `json:"similarity"`
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func parseGroups(t *testing.T, s string) []dedupGroup {
	t.Helper()
	var gs []dedupGroup
	for i, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" {
			continue
		}
		var g dedupGroup
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			t.Fatalf("groups line %d %q: %v", i+1, line, err)
		}
		if g.Group != i+1 || len(g.Members) < 2 || len(g.Similarity) != len(g.Members) || g.Similarity[g.Representative] != 1 {
			t.Fatalf("groups line %d is inconsistent: %s", i+1, line)
		}
		gs = append(gs, g)
	}
	return gs
}

// generateCorpus runs `storydiff generate` into dir.
func generateCorpus(t *testing.T, dir string, args ...string) (corpus, truth string) {
	t.Helper()
	corpus, truth = filepath.Join(dir, "corpus.jsonl"), filepath.Join(dir, "truth.jsonl")
	r := runCLI(t, "", "", append([]string{"generate", "-o", corpus, "--truth", truth}, args...)...)
	if r.code != 0 {
		t.Fatalf("generate: exit %d, stderr %s", r.code, r.stderr)
	}
	return corpus, truth
}

func TestDedupE2EGenerated(t *testing.T) {
	dir := t.TempDir()
	corpus, truth := generateCorpus(t, dir, "--n", "800", "--seed", "3")
	if readFile(t, truth) == "" {
		t.Fatal("generate wrote an empty truth file")
	}
	groups, kept, summary := filepath.Join(dir, "g.jsonl"), filepath.Join(dir, "kept.txt"), filepath.Join(dir, "s.md")
	r := runCLI(t, "", "", "dedup", "--groups", groups, "--kept", kept, "-o", summary, corpus)
	if r.code != 0 {
		t.Fatalf("dedup: exit %d, stderr %s", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("dedup with --groups and -o wrote to stdout: %q", r.stdout)
	}
	gs := parseGroups(t, readFile(t, groups))
	if len(gs) == 0 {
		t.Fatal("no near-duplicate groups in a corpus with 20% copies")
	}
	members := 0
	for _, g := range gs {
		members += len(g.Members)
	}
	keptIDs := strings.Fields(readFile(t, kept))
	if got, want := len(keptIDs), 800-(members-len(gs)); got != want {
		t.Errorf("kept %d ids, want %d (800 articles, %d in %d groups)", got, want, members, len(gs))
	}
	sum := readFile(t, summary)
	for _, want := range []string{"# Near-duplicate groups", "| Articles read | 800 |", "## Similarity to the representative"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	if !strings.Contains(r.stderr, "storydiff: dedup: 800 articles") {
		t.Errorf("stderr lacks the timing line: %q", r.stderr)
	}

	// Without --groups the groups go to stdout and the summary to stderr.
	r2 := runCLI(t, "", "", "dedup", "--format", "table", corpus)
	if r2.code != 0 || r2.stdout != readFile(t, groups) {
		t.Errorf("dedup to stdout: exit %d, stdout differs from --groups file", r2.code)
	}
	if !strings.Contains(r2.stderr, "Near-duplicate groups") {
		t.Errorf("summary not on stderr: %q", r2.stderr)
	}
}

func TestDedupE2EDeterministic(t *testing.T) {
	dir := t.TempDir()
	corpus, _ := generateCorpus(t, dir, "--n", "1500", "--seed", "8", "--workers", "1")
	corpus2 := filepath.Join(dir, "corpus2.jsonl")
	if r := runCLI(t, "", "", "generate", "--n", "1500", "--seed", "8", "--workers", "3", "-o", corpus2); r.code != 0 {
		t.Fatalf("generate: %s", r.stderr)
	}
	if readFile(t, corpus) != readFile(t, corpus2) {
		t.Fatal("generate output depends on --workers")
	}
	var first cliResult
	for i, w := range []string{"1", "2", "5", "5"} {
		r := runCLI(t, "", "", "dedup", "--workers", w, "--keep", "longest", corpus)
		if r.code != 0 {
			t.Fatalf("dedup --workers %s: exit %d, stderr %s", w, r.code, r.stderr)
		}
		// The last stderr line is the timing; the summary before it is deterministic.
		r.stderr = r.stderr[:strings.LastIndex(strings.TrimSuffix(r.stderr, "\n"), "\n")+1]
		if i == 0 {
			first = r
			continue
		}
		if r.stdout != first.stdout || r.stderr != first.stderr {
			t.Errorf("dedup --workers %s output differs from --workers 1", w)
		}
	}
}

func TestDedupE2EBadInput(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.jsonl")
	text := "The council approved the budget on Monday after a long debate about the new bridge."
	lines := []string{
		`{"id":"a","text":"` + text + `"}`,
		`{"id":"b","text": "unterminated`,
		"{\"id\":\"c\",\"text\":\"invalid \xff utf-8\"}",
		`{"id":"d","text":""}`,
		`{"id":"e","text":"` + strings.Repeat("long ", 400) + `"}`,
		`{"id":"f","text":"` + text + ` Reporting by the desk."}`,
	}
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, "", "", "dedup", "--max-bytes", "1000", "--threshold", "0.3", path)
	if r.code != 0 {
		t.Fatalf("exit %d, want 0; stderr %s", r.code, r.stderr)
	}
	for _, line := range []string{"2", "3", "4", "5"} {
		if want := "storydiff: warning: " + path + ":" + line + ":"; !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if gs := parseGroups(t, r.stdout); len(gs) != 1 || strings.Join(gs[0].Members, ",") != "a,f" {
		t.Errorf("groups = %+v, want a and f together", gs)
	}
	if !strings.Contains(r.stderr, "| Skipped inputs (warnings) | 4 |") {
		t.Errorf("summary does not count 4 warnings:\n%s", r.stderr)
	}

	r = runCLI(t, "", "", "dedup", "--strict", "--max-bytes", "1000", path)
	if r.code != 1 || !strings.Contains(r.stderr, "--strict") {
		t.Errorf("--strict: exit %d, stderr %q; want exit 1 naming --strict", r.code, r.stderr)
	}
	if r.stdout != "" {
		t.Errorf("--strict failure wrote output: %q", r.stdout)
	}

	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, []byte("\n\n"), 0o644)
	if r := runCLI(t, "", "", "dedup", empty); r.code != 1 || !strings.Contains(r.stderr, "no readable article") {
		t.Errorf("empty input: exit %d, stderr %q; want 1, no readable article", r.code, r.stderr)
	}
}

// TestDedupE2ERemovedFlags: --save and --against are gone, and say what
// replaces them.
func TestDedupE2ERemovedFlags(t *testing.T) {
	for _, flag := range []string{"--save", "--against"} {
		r := runCLI(t, "", "", "dedup", flag, "x.sig", "c.jsonl")
		if r.code != 2 || !strings.Contains(r.stderr, "storydiff index add") || !strings.Contains(r.stderr, "storydiff index query") {
			t.Errorf("dedup %s: exit %d, stderr %q; want 2 naming the index commands", flag, r.code, r.stderr)
		}
	}
}

func TestDedupE2EUsage(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"dedup"}, "no PATH"},
		{[]string{"dedup", "--keep", "last", "x.jsonl"}, `unknown --keep "last"`},
		{[]string{"dedup", "--progress", "sometimes", "x.jsonl"}, `unknown --progress "sometimes"`},
		{[]string{"dedup", "--format", "json", "x.jsonl"}, `unknown --format "json"`},
		{[]string{"dedup", "--threshold", "1.5", "x.jsonl"}, "--threshold"},
		{[]string{"dedup", "--bands", "100", "--rows", "2", "x.jsonl"}, "exceeds --perms"},
		{[]string{"generate", "--n", "-3"}, "--n"},
		{[]string{"generate", "extra"}, "unexpected argument"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", "", tt.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("storydiff %s: exit %d, stderr %q; want exit 2 mentioning %q", strings.Join(tt.args, " "), r.code, r.stderr, tt.want)
		}
	}
	for _, cmd := range []string{"dedup", "generate"} {
		if r := runCLI(t, "", "", cmd, "--help"); r.code != 0 || !strings.Contains(r.stdout, "usage: storydiff "+cmd) {
			t.Errorf("storydiff %s --help: exit %d, stdout %q", cmd, r.code, r.stdout)
		}
	}
}

// TestDedupE2EExcerpts: with --containment, the first third of an article
// is reported as an excerpt of it, apart from the groups.
func TestDedupE2EExcerpts(t *testing.T) {
	dir := t.TempDir()
	corpus, _ := generateCorpus(t, dir, "--n", "600", "--words", "600", "--dup-rate", "0", "--seed", "3")
	var lines []string
	for i, l := range strings.Split(strings.TrimSpace(readFile(t, corpus)), "\n") {
		lines = append(lines, l)
		if i%6 == 0 {
			var a struct{ ID, Title, Text string }
			json.Unmarshal([]byte(l), &a)
			b, _ := json.Marshal(map[string]string{"id": "x-" + a.ID, "title": a.Title, "text": a.Text[:len(a.Text)/3]})
			lines = append(lines, string(b))
		}
	}
	in := filepath.Join(dir, "with-excerpts.jsonl")
	os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	out := filepath.Join(dir, "excerpts.jsonl")
	r := runCLI(t, "", "", "dedup", "--containment", "0.8", "--contained", out, in)
	if r.code != 0 {
		t.Fatalf("dedup --containment: exit %d, %s", r.code, r.stderr)
	}
	found := 0
	for _, l := range strings.Split(strings.TrimSpace(readFile(t, out)), "\n") {
		var x struct {
			Excerpt, Full string
			Containment   float64
		}
		if err := json.Unmarshal([]byte(l), &x); err != nil {
			t.Fatalf("excerpt line %q: %v", l, err)
		}
		if x.Excerpt != "x-"+x.Full || x.Containment < 0.8 {
			t.Errorf("wrong excerpt pair: %s", l)
			continue
		}
		found++
	}
	if found < 95 || len(parseGroups(t, r.stdout)) != 0 {
		t.Errorf("%d of 100 excerpts found, %d groups; want at least 95 and none", found, len(parseGroups(t, r.stdout)))
	}
	if !strings.Contains(r.stderr, "| Excerpt pairs (containment ≥ 0.80) |") {
		t.Errorf("summary lacks the excerpt count:\n%s", r.stderr)
	}
	if r := runCLI(t, "", "", "dedup", "--containment", "0.8", in); r.code != 2 {
		t.Errorf("--containment without --contained: exit %d", r.code)
	}
}

// TestDedupE2ELargeGroup: 150 copies of one text form one group, named in
// a warning (over 100 members), and 150 articles that share only a footer
// form none.
func TestDedupE2ELargeGroup(t *testing.T) {
	dir := t.TempDir()
	footer := strings.Repeat("The quick brown fox jumps over the lazy dog near the river bank today. ", 20)
	var lines []string
	for i := range 150 {
		lines = append(lines, fmt.Sprintf(`{"id":"copy%d","text":"One press release, run by every site, word for word, about the new bridge."}`, i))
		lines = append(lines, fmt.Sprintf(`{"id":"own%d","text":"Article %d reports its own story number %d in words of its own %d times %d. %s"}`, i, i, i*7, i*13, i*31, footer))
	}
	in := filepath.Join(dir, "c.jsonl")
	os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	r := runCLI(t, "", "", "dedup", in)
	if r.code != 0 {
		t.Fatalf("dedup: exit %d, %s", r.code, r.stderr)
	}
	gs := parseGroups(t, r.stdout)
	if len(gs) != 1 || len(gs[0].Members) != 150 || !strings.HasPrefix(gs[0].Members[0], "copy") {
		t.Fatalf("groups = %d (first of %d members), want one of the 150 copies", len(gs), len(gs[0].Members))
	}
	if !strings.Contains(r.stderr, "warning: group 1 (representative copy0) has 150 members, more than 100") {
		t.Errorf("no warning for the large group:\n%s", r.stderr)
	}
}
