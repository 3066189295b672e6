package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// indexArticles returns the article count `index stats` prints.
func indexArticles(t *testing.T, db string) (articles, counted int) {
	t.Helper()
	r := runCLI(t, "", "", "index", "stats", db)
	if r.code != 0 {
		t.Fatalf("index stats: exit %d, %s", r.code, r.stderr)
	}
	num := func(label string) int {
		m := regexp.MustCompile(`\| ` + regexp.QuoteMeta(label) + ` \| (\d+) \|`).FindStringSubmatch(r.stdout)
		if m == nil {
			t.Fatalf("index stats lacks %q:\n%s", label, r.stdout)
		}
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return num("Articles"), num("Articles counted in the stored counts")
}

// queryLines parses the JSON Lines of index query.
type queryLine struct {
	ID      string `json:"id"`
	Matches []struct {
		ID         string  `json:"id"`
		Relation   string  `json:"relation"`
		Similarity float64 `json:"similarity"`
	} `json:"matches"`
}

func queryLines(t *testing.T, out string) []queryLine {
	t.Helper()
	var ls []queryLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var l queryLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("query line %q: %v", sc.Text(), err)
		}
		ls = append(ls, l)
	}
	return ls
}

// findsItself reports whether a query line lists its own id at similarity 1.
func findsItself(l queryLine) bool {
	for _, m := range l.Matches {
		if m.ID == l.ID && m.Similarity == 1 {
			return true
		}
	}
	return false
}

// dirSize is the size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if fi, err := e.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// TestIndexE2EKill kills an add (SIGKILL) while it commits batches: the
// index opens, holds whole batches only, every committed article is found
// by a query, and the same add again adds exactly the rest.
func TestIndexE2EKill(t *testing.T) {
	dir := t.TempDir()
	corpus, _ := generateCorpus(t, dir, "--n", "40000", "--words", "120", "--seed", "6")
	db := filepath.Join(dir, "db")
	const batch = 200
	cmd, stderr := startCLI(t, "index", "add", "--batch", strconv.Itoa(batch), "--workers", "1", db, corpus)
	waitFor(t, "committed batches", func() bool { return dirSize(db) > 3<<20 })
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	n, counted := indexArticles(t, db)
	if n == 0 || n == 40000 || n%batch != 0 || counted != 0 {
		t.Fatalf("after the kill: %d articles (counts of %d); want a multiple of %d below 40000, counts never written; add's stderr:\n%s", n, counted, batch, stderr)
	}
	// The committed articles are the first n of the corpus: each finds itself.
	lines := strings.SplitAfter(readFile(t, corpus), "\n")
	head := filepath.Join(dir, "head.jsonl")
	os.WriteFile(head, []byte(strings.Join(lines[:n], "")), 0o644)
	r := runCLI(t, "", "", "index", "query", db, head)
	if r.code != 0 {
		t.Fatalf("query after the kill: exit %d, %s", r.code, r.stderr)
	}
	for _, l := range queryLines(t, r.stdout) {
		if !findsItself(l) {
			t.Fatalf("committed article %s not found after the kill: %+v", l.ID, l.Matches)
		}
	}
	r = runCLI(t, "", "", "index", "add", db, corpus)
	want := strconv.Itoa(40000-n) + " articles added, " + strconv.Itoa(n) + " already indexed"
	if r.code != 0 || !strings.Contains(r.stderr, want) {
		t.Fatalf("add again: exit %d, stderr %q; want %q", r.code, r.stderr, want)
	}
	if n, counted := indexArticles(t, db); n != 40000 || counted != 40000 {
		t.Errorf("after adding again: %d articles, counts of %d; want 40000", n, counted)
	}
}

// TestIndexE2EParams: the index keeps its parameters; a command naming
// another value fails with both values, and one naming none adopts them.
func TestIndexE2EParams(t *testing.T) {
	dir := t.TempDir()
	corpus := smallCorpus(t, dir, 100)
	db := filepath.Join(dir, "db")
	if r := runCLI(t, "", "", "index", "add", "--perms", "64", "--seed", "7", db, corpus); r.code != 0 {
		t.Fatalf("add: exit %d, %s", r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"index", "query", "--perms", "128", db, corpus},
		{"index", "add", "--seed", "7", "--perms", "128", db, corpus},
		{"index", "stats", "--shingle", "4", db},
	} {
		r := runCLI(t, "", "", args...)
		if r.code != 1 || !strings.Contains(r.stderr, "index made with other parameters") || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q; want 1, other parameters", args, r.code, r.stderr)
		}
	}
	r := runCLI(t, "", "", "index", "query", "--perms", "128", db, corpus)
	if !strings.Contains(r.stderr, "--perms 64, asked 128") {
		t.Errorf("mismatch message does not name both values: %q", r.stderr)
	}
	r = runCLI(t, "", "", "index", "query", "--seed", "7", db, corpus)
	if r.code != 0 || len(queryLines(t, r.stdout)) != 100 {
		t.Errorf("query with the index's seed: exit %d, %s", r.code, r.stderr)
	}
}

// TestIndexE2EConcurrent runs queries, stats and an export in other
// processes while an add runs: pebble lets one process open an index, so a
// reader with --wait 0 is told the index is busy, and readers that wait
// succeed once the add is done, seeing what it committed.
func TestIndexE2EConcurrent(t *testing.T) {
	dir := t.TempDir()
	corpus, _ := generateCorpus(t, dir, "--n", "40000", "--words", "120", "--seed", "8")
	small := smallCorpus(t, t.TempDir(), 50)
	db := filepath.Join(dir, "db")
	if r := runCLI(t, "", "", "index", "add", db, small); r.code != 0 {
		t.Fatalf("first add: exit %d, %s", r.code, r.stderr)
	}
	cmd, stderr := startCLI(t, "index", "add", "--batch", "200", "--workers", "1", db, corpus)
	waitFor(t, "stats --wait 0 to find the index in use", func() bool {
		r := runCLI(t, "", "", "index", "stats", "--wait", "0s", db)
		if r.code == 0 && cmd.ProcessState != nil {
			t.Fatal("the add ended before a reader found it running")
		}
		return r.code == 1 && strings.Contains(r.stderr, "index in use by another process")
	})
	var wg sync.WaitGroup
	results := make([]cliResult, 4)
	for i, args := range [][]string{
		{"index", "query", "--wait", "2m", db, small},
		{"index", "query", "--wait", "2m", db, small},
		{"index", "stats", "--wait", "2m", db},
		{"index", "export", "--wait", "2m", db},
	} {
		wg.Go(func() { results[i] = runCLI(t, "", "", args...) })
	}
	wg.Wait()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("add: %v, %s", err, stderr)
	}
	for i, r := range results {
		if r.code != 0 {
			t.Errorf("reader %d: exit %d, %s", i, r.code, r.stderr)
		}
	}
	for _, r := range results[:2] {
		for _, l := range queryLines(t, r.stdout) {
			if !findsItself(l) {
				t.Errorf("query while adding: %s does not find itself", l.ID)
			}
		}
	}
	// The small corpus is the first 50 articles of the large one (seed 8).
	if n := strings.Count(results[3].stdout, "\n"); n != 40000 {
		t.Errorf("export after waiting: %d articles, want 40000; add: %s", n, stderr)
	}
}

// TestIndexE2ERefuses: the index command writes no file that is not an
// index, and reads or writes nothing inside one.
func TestIndexE2ERefuses(t *testing.T) {
	dir := t.TempDir()
	corpus := smallCorpus(t, dir, 20)
	before := readFile(t, corpus)
	notes := filepath.Join(dir, "notes")
	os.Mkdir(notes, 0o755)
	os.WriteFile(filepath.Join(notes, "a.txt"), []byte("mine"), 0o644)
	db := filepath.Join(dir, "db")
	if r := runCLI(t, "", "", "index", "add", db, corpus); r.code != 0 {
		t.Fatalf("add: %d %s", r.code, r.stderr)
	}
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"index", "add", corpus, corpus}, 2, "inside it"},
		{[]string{"index", "add", corpus, notes}, 1, "not a storydiff index"},
		{[]string{"index", "add", notes, corpus}, 1, "not a storydiff index"},
		{[]string{"index", "add", db, db}, 2, "inside it"},
		{[]string{"index", "query", "-o", filepath.Join(db, "out.jsonl"), db, corpus}, 2, "inside it"},
		{[]string{"index", "query", filepath.Join(dir, "none"), corpus}, 1, "no index"},
		{[]string{"index", "query", "-o", corpus, db, corpus}, 2, "same file"},
		{[]string{"index", "frob", db}, 2, "unknown subcommand"},
		{[]string{"index", "add", "--containment", "2", db, corpus}, 2, "--containment"},
	}
	for _, tt := range tests {
		r := runCLI(t, "", "", tt.args...)
		if r.code != tt.code || !strings.Contains(r.stderr, tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d, %q", tt.args, r.code, r.stderr, tt.code, tt.want)
		}
	}
	if readFile(t, corpus) != before || readFile(t, filepath.Join(notes, "a.txt")) != "mine" {
		t.Error("an input or a foreign directory was written")
	}
	if ents, _ := os.ReadDir(notes); len(ents) != 1 {
		t.Errorf("the foreign directory holds %d entries", len(ents))
	}
}

// TestDedupE2EFooters is the boilerplate acceptance test at a small scale:
// with a shared 300-word footer on 5% and on 50% of 120-word articles, no
// group holds articles of two different generated groups (their texts
// apart from the footer are unrelated).
func TestDedupE2EFooters(t *testing.T) {
	for _, rate := range []string{"0.05", "0.5"} {
		t.Run(rate, func(t *testing.T) {
			dir := t.TempDir()
			corpus, truth := generateCorpus(t, dir, "--n", "6000", "--words", "120", "--footer-rate", rate)
			group := map[string]string{}
			sc := bufio.NewScanner(strings.NewReader(readFile(t, truth)))
			for sc.Scan() {
				var p struct{ A, B, Group string }
				json.Unmarshal(sc.Bytes(), &p)
				group[p.A], group[p.B] = p.Group, p.Group
			}
			r := runCLI(t, "", "", "dedup", corpus)
			if r.code != 0 {
				t.Fatalf("dedup: exit %d, %s", r.code, r.stderr)
			}
			gs := parseGroups(t, r.stdout)
			if len(gs) < 100 {
				t.Fatalf("only %d groups", len(gs))
			}
			for _, g := range gs {
				for _, m := range g.Members {
					if group[m] == "" || group[m] != group[g.Members[0]] {
						t.Fatalf("group %d mixes generated groups: %v", g.Group, g.Members)
					}
				}
			}
		})
	}
}
