package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// seedFiles returns the bundled example articles, sorted.
func seedFiles(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "seeds", "*.txt"))
	if err != nil || len(files) != 5 {
		t.Fatalf("want 5 seed articles, got %v (%v)", files, err)
	}
	return files
}

// jsonResult is the documented JSON schema, decoded strictly enough to check it.
type jsonResult struct {
	Version   string `json:"version"`
	Command   string `json:"command"`
	Inputs    []string
	Params    map[string]any `json:"params"`
	Documents []struct {
		ID, Path, Source, Title, Date string
		Words                         int
	} `json:"documents"`
	Clusters []struct {
		ID        string   `json:"id"`
		Documents []string `json:"documents"`
		Pairs     []struct {
			A, B       string
			Similarity float64
			Relation   string
		} `json:"pairs"`
	} `json:"clusters"`
}

func decodeResult(t *testing.T, out string) jsonResult {
	t.Helper()
	var r jsonResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not valid JSON: %v\n%s", err, out)
	}
	return r
}

// clusterOf maps a document id to the ids of its cluster, as a sorted key.
func clusterSets(r jsonResult) map[string]string {
	m := map[string]string{}
	for _, c := range r.Clusters {
		ids := slices.Clone(c.Documents)
		slices.Sort(ids)
		key := strings.Join(ids, ",")
		for _, id := range c.Documents {
			m[id] = key
		}
	}
	return m
}

func TestCompareSeedsClusters(t *testing.T) {
	res := runCLI(t, "", "", "cluster", "--format", "json", "testdata/seeds")
	if res.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	r := decodeResult(t, res.stdout)
	if len(r.Documents) != 5 {
		t.Fatalf("got %d documents, want 5", len(r.Documents))
	}
	sets := clusterSets(r)
	car := "000_d858415b83bcff72,001_81ccae808b42c6e3"
	for id, want := range map[string]string{
		"000_d858415b83bcff72": car,
		"001_81ccae808b42c6e3": car,
		"002_4348188f0bf15c1d": "002_4348188f0bf15c1d",
		"003_5fe9c52c033525cb": "003_5fe9c52c033525cb",
		"004_57de7d75869eeb03": "004_57de7d75869eeb03",
	} {
		if got := sets[id]; got != want {
			t.Errorf("cluster of %s = %q, want %q", id, got, want)
		}
	}
	seen := map[string]int{}
	for _, c := range r.Clusters {
		for _, id := range c.Documents {
			seen[id]++
		}
		for _, p := range c.Pairs {
			if p.Relation != "near-duplicate" && p.Relation != "same-event" {
				t.Errorf("pair %s-%s has relation %q", p.A, p.B, p.Relation)
			}
		}
	}
	for _, d := range r.Documents {
		if seen[d.ID] != 1 {
			t.Errorf("document %s is in %d clusters, want exactly 1", d.ID, seen[d.ID])
		}
	}
}

// The clustering must come from the text, not from names or order: renamed
// copies in another order give the same grouping.
func TestClusterRenamedAndReordered(t *testing.T) {
	dir := t.TempDir()
	rename := map[string]string{}
	for i, f := range seedFiles(t) {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// Reverse the natural order of the names.
		name := string(rune('z'-i)) + "-article.txt"
		rename[strings.TrimSuffix(filepath.Base(f), ".txt")] = strings.TrimSuffix(name, ".txt")
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	orig := decodeResult(t, runCLI(t, "", "", "cluster", "--format", "json", "testdata/seeds").stdout)
	renamed := runCLI(t, "", "", "cluster", "--format", "json", dir)
	if renamed.code != 0 {
		t.Fatalf("exit %d: %s", renamed.code, renamed.stderr)
	}
	got := clusterSets(decodeResult(t, renamed.stdout))
	for id, key := range clusterSets(orig) {
		var want []string
		for _, m := range strings.Split(key, ",") {
			want = append(want, rename[m])
		}
		slices.Sort(want)
		if g := got[rename[id]]; g != strings.Join(want, ",") {
			t.Errorf("renamed %s: cluster %q, want %q", rename[id], g, strings.Join(want, ","))
		}
	}
}

func TestOutputDeterministic(t *testing.T) {
	files := seedFiles(t)
	reversed := slices.Clone(files)
	slices.Reverse(reversed)
	for _, format := range []string{"json", "markdown", "table"} {
		a := runCLI(t, "", "", append([]string{"compare", "--format", format}, files...)...)
		b := runCLI(t, "", "", append([]string{"compare", "--format", format}, files...)...)
		c := runCLI(t, "", "", append([]string{"compare", "--format", format}, reversed...)...)
		if a.code != 0 {
			t.Fatalf("%s: exit %d: %s", format, a.code, a.stderr)
		}
		if a.stdout != b.stdout {
			t.Errorf("%s: two runs differ", format)
		}
		// Inputs are echoed in the header in the order given; compare the rest.
		if stripInputs(a.stdout) != stripInputs(c.stdout) {
			t.Errorf("%s: output depends on input order", format)
		}
	}
}

// stripInputs drops the lines that echo the command-line inputs.
func stripInputs(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, "testdata/seeds/") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func TestJSONSchema(t *testing.T) {
	res := runCLI(t, "", "", "compare", "--format", "json", "testdata/seeds")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	var top map[string]json.RawMessage
	if err := json.Unmarshal([]byte(res.stdout), &top); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"version", "command", "inputs", "params", "documents", "clusters"} {
		if _, ok := top[k]; !ok {
			t.Errorf("JSON lacks top-level key %q", k)
		}
	}
	var docs []map[string]json.RawMessage
	if err := json.Unmarshal(top["documents"], &docs); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		for _, k := range []string{"id", "path", "source", "title", "date", "words"} {
			if _, ok := d[k]; !ok {
				t.Errorf("document lacks key %q: %v", k, d)
			}
		}
	}
	var clusters []map[string]json.RawMessage
	if err := json.Unmarshal(top["clusters"], &clusters); err != nil {
		t.Fatal(err)
	}
	for _, c := range clusters {
		for _, k := range []string{"id", "documents", "pairs"} {
			if _, ok := c[k]; !ok {
				t.Errorf("cluster lacks key %q", k)
			}
		}
	}
}

func TestBadInputsWarnAndContinue(t *testing.T) {
	dir := t.TempDir()
	for _, f := range seedFiles(t) {
		data, _ := os.ReadFile(f)
		os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "binary.txt"), []byte("\x00\x01\x02ELF\x00\x00\xff\xfe binary"), 0o644)
	os.WriteFile(filepath.Join(dir, "empty.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "latin1.txt"), []byte("Titre\nCaf\xe9 cr\xe8me, un article en Latin-1.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "feed.jsonl"), []byte(
		`{"id":"j1","title":"Storm hits coast","source":"Wire","text":"A storm hit the coast on Monday, cutting power to 40,000 homes."}`+"\n"+
			`{"id":"j2","title":"broken", "text": }`+"\n"+
			`{"id":"j3","title":"Election results","text":"The results of the election were announced on Sunday evening."}`+"\n"), 0o644)

	res := runCLI(t, "", "", "compare", "--format", "json", dir)
	if res.code != 0 {
		t.Fatalf("exit %d, want 0 (warnings only); stderr:\n%s", res.code, res.stderr)
	}
	for _, want := range []string{"binary.txt", "empty.txt", "latin1.txt", "feed.jsonl:2"} {
		if !strings.Contains(res.stderr, want) {
			t.Errorf("stderr does not name %q:\n%s", want, res.stderr)
		}
	}
	r := decodeResult(t, res.stdout)
	if len(r.Documents) != 7 {
		t.Errorf("got %d documents, want 7 (5 seeds + 2 good JSONL records)", len(r.Documents))
	}

	strict := runCLI(t, "", "", "compare", "--strict", dir)
	if strict.code != 1 {
		t.Errorf("--strict with bad inputs: exit %d, want 1", strict.code)
	}
}

func TestExitCodes(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"no args", nil, 2, "usage"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"compare", "--frob", "testdata/seeds"}, 2, "unknown flag"},
		{"unknown top-level flag", []string{"--bogus"}, 2, `unknown flag "--bogus"`},
		{"NaN --near-dup", []string{"compare", "--near-dup", "NaN", "testdata/seeds"}, 2, "--near-dup must be in (0, 1]"},
		{"NaN --same-event", []string{"cluster", "--same-event", "nan", "testdata/seeds"}, 2, "--same-event must be in (0, 1]"},
		{"NaN --same-event in diff", []string{"diff", "--same-event", "NaN", "testdata/seeds"}, 2, "--same-event"},
		{"NaN --threshold", []string{"dedup", "--threshold", "NaN", "testdata/seeds"}, 2, "--threshold must be in (0, 1]"},
		{"NaN --dup-rate", []string{"generate", "--dup-rate", "NaN"}, 2, "--dup-rate"},
		{"NaN --max-edit", []string{"generate", "--max-edit", "NaN"}, 2, "--max-edit"},
		{"infinite --near-dup", []string{"compare", "--near-dup", "+Inf", "testdata/seeds"}, 2, "--near-dup"},
		{"negative --workers in dedup", []string{"dedup", "--workers", "-3", "testdata/seeds"}, 2, "--workers must not be negative"},
		{"negative --workers in generate", []string{"generate", "--workers", "-3"}, 2, "--workers must not be negative"},
		{"unknown format", []string{"compare", "--format", "pdf", "testdata/seeds"}, 2, `unknown --format "pdf" (want markdown, table, html or json)`},
		{"bad threshold", []string{"compare", "--same-event", "1.5", "testdata/seeds"}, 2, "--same-event"},
		{"no paths", []string{"compare"}, 2, "no PATH"},
		{"missing file", []string{"compare", "testdata/does-not-exist.txt"}, 1, "does-not-exist.txt"},
		{"empty directory", []string{"compare", empty}, 1, "no readable article"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runCLI(t, "", "", tt.args...)
			if res.code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", res.code, tt.code, res.stderr)
			}
			if !strings.Contains(res.stderr, tt.inStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.inStderr, res.stderr)
			}
		})
	}
}

func TestHelpAndVersion(t *testing.T) {
	for _, cmd := range []string{"compare", "cluster", "diff", "eval", "dedup", "generate"} {
		res := runCLI(t, "", "", cmd, "--help")
		if res.code != 0 || !strings.Contains(res.stdout, "usage: storydiff "+cmd) {
			t.Errorf("%s --help: exit %d, stdout:\n%s", cmd, res.code, res.stdout)
		}
	}
	for _, cmd := range []string{"compare", "dedup"} {
		res := runCLI(t, "", "", "help", cmd)
		if res.code != 0 || !strings.HasPrefix(res.stdout, "usage: storydiff "+cmd+" [flags]") {
			t.Errorf("help %s: exit %d, stdout:\n%s", cmd, res.code, res.stdout)
		}
	}
	if res := runCLI(t, "", "", "help", "frob"); res.code != 2 || !strings.Contains(res.stderr, `unknown command "frob"`) {
		t.Errorf("help frob: exit %d, stderr %q", res.code, res.stderr)
	}
	res := runCLI(t, "", "", "--version")
	if res.code != 0 || !strings.HasPrefix(res.stdout, "storydiff ") {
		t.Errorf("--version: exit %d, %q", res.code, res.stdout)
	}
}

func TestStdin(t *testing.T) {
	data, err := os.ReadFile(seedFiles(t)[0])
	if err != nil {
		t.Fatal(err)
	}
	res := runCLI(t, "", string(data), "cluster", "--format", "json", "-", "testdata/seeds/001_81ccae808b42c6e3.txt")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	r := decodeResult(t, res.stdout)
	if len(r.Clusters) != 1 || len(r.Clusters[0].Documents) != 2 {
		t.Errorf("stdin copy of the CAR report and its pair: clusters %+v, want one cluster of 2", r.Clusters)
	}
}

func TestOutputFileAtomic(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "report.md")
	res := runCLI(t, "", "", "compare", "-o", out, "testdata/seeds")
	if res.code != 0 || res.stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", res.code, res.stdout, res.stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(first, []byte("# storydiff report")) {
		t.Fatalf("report file: %v %q", err, first)
	}
	// A failed run leaves the previous file untouched and no temporary behind.
	res = runCLI(t, "", "", "compare", "-o", out, filepath.Join(dir, "missing"))
	if res.code != 1 {
		t.Errorf("failed run: exit %d, want 1", res.code)
	}
	again, _ := os.ReadFile(out)
	if !bytes.Equal(first, again) {
		t.Error("failed run modified the existing output file")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries after a failed run, want 1 (no temporary files)", len(entries))
	}
}

func TestUntrustedTextEscaped(t *testing.T) {
	dir := t.TempDir()
	evil := "Title with | pipe and <script>alert(1)</script>\nBody text | with pipes and <b>html</b> about a storm on the coast.\n"
	os.WriteFile(filepath.Join(dir, "evil.txt"), []byte(evil), 0o644)
	os.WriteFile(filepath.Join(dir, "evil2.txt"), []byte(evil), 0o644)
	res := runCLI(t, "", "", "compare", dir)
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	if strings.Contains(res.stdout, "<script>") || strings.Contains(res.stdout, "<b>") {
		t.Errorf("raw HTML from an article passed through to the report:\n%s", res.stdout)
	}
}

// TestGoldenSeedsReport pins the README example report in every format.
// Run `go test . -update` after a deliberate change and review the diff.
// The report is written beside its golden file, as a reader would keep
// it, so that its links to the articles' lines work from there.
func TestGoldenSeedsReport(t *testing.T) {
	for _, format := range []string{"markdown", "table", "html", "json"} {
		ext := map[string]string{"markdown": ".md", "table": ".txt", "html": ".html", "json": ".json"}[format]
		golden := filepath.Join("testdata", "golden", "compare-seeds"+ext)
		out := filepath.Join("testdata", "golden", fmt.Sprintf(".compare-seeds-%d%s", os.Getpid(), ext))
		res := runCLI(t, "", "", "compare", "--format", format, "-o", out, "testdata/seeds")
		got, err := os.ReadFile(out)
		os.Remove(out)
		if res.code != 0 || err != nil {
			t.Fatalf("exit %d: %s %v", res.code, res.stderr, err)
		}
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test . -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s report differs from %s; rerun with -update and review the diff", format, golden)
		}
	}
}

// TestSeedsFirstScreen checks what an editor sees first: the first 40
// lines of the seeds report name both Central African Republic sources
// and show every conflict between them, each source's version with it.
func TestSeedsFirstScreen(t *testing.T) {
	res := runCLI(t, "", "", "compare", "testdata/seeds")
	if res.code != 0 {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	lines := strings.SplitAfter(res.stdout, "\n")
	screen := strings.Join(lines[:min(40, len(lines))], "")
	for _, want := range []string{
		"000\\_d858415b83bcff72", "001\\_81ccae808b42c6e3", "### Conflicts to check",
		"1. **Attribution, high", "2. **Spelling, high", "3. **Attribution, medium",
		"**President Vladimir Putin's spokesman Dmitry Peskov**", "**government spokesman Ange Maxime Kazagui**",
		"**Bogdanov**", "**Bodganov**", "**a Russian government spokesman**",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("the first 40 lines lack %q:\n%s", want, screen)
		}
	}
	if strings.Contains(screen, "MinHash") || strings.Contains(screen, "similarity") {
		t.Errorf("engine settings or pair similarities in the first 40 lines:\n%s", screen)
	}
}
