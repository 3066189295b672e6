package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// diffJSON is the fact-comparison part of the documented JSON schema.
type diffJSON struct {
	Command  string `json:"command"`
	Clusters []struct {
		Documents []string `json:"documents"`
		Pairs     []struct{ A, B string }
		Facts     []struct {
			ID       string `json:"id"`
			Kind     string `json:"kind"`
			Text     string `json:"text"`
			Mentions []struct {
				Doc     string `json:"doc"`
				Line    int    `json:"line"`
				Span    [2]int `json:"span"`
				Text    string `json:"text"`
				Speaker string `json:"speaker"`
			} `json:"mentions"`
		} `json:"facts"`
		Conflicts []struct {
			Kind   string `json:"kind"`
			Values []struct {
				Doc   string `json:"doc"`
				Line  int    `json:"line"`
				Value string `json:"value"`
			} `json:"values"`
		} `json:"conflicts"`
		OnlyIn []struct {
			Doc   string   `json:"doc"`
			Facts []string `json:"facts"`
		} `json:"only_in"`
		SharedPassages []struct {
			Mentions []struct{ Doc string } `json:"mentions"`
		} `json:"shared_passages"`
	} `json:"clusters"`
}

// clusterFlags pin the similarity options, so these tests do not depend on
// the clustering defaults (diff compares facts whatever the similarity).
var clusterFlags = []string{"-k", "5", "--perms", "64", "--near-dup", "0.8", "--same-event", "0.3"}

func diffArgs(args ...string) []string {
	return append(append([]string{"diff"}, clusterFlags...), args...)
}

func seedPair(t *testing.T) (string, string) {
	t.Helper()
	files := seedFiles(t)
	return files[0], files[1]
}

func TestDiffSeedPairJSON(t *testing.T) {
	a, b := seedPair(t)
	res := runCLI(t, "", "", diffArgs("--format", "json", a, b)...)
	if res.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	var r diffJSON
	if err := json.Unmarshal([]byte(res.stdout), &r); err != nil {
		t.Fatalf("output is not valid JSON: %v\n%s", err, res.stdout)
	}
	if r.Command != "diff" || len(r.Clusters) != 1 {
		t.Fatalf("command %q with %d clusters, want diff with 1", r.Command, len(r.Clusters))
	}
	c := r.Clusters[0]
	if len(c.Documents) != 2 || len(c.Pairs) != 1 {
		t.Errorf("cluster has %d documents and %d pairs, want 2 and 1", len(c.Documents), len(c.Pairs))
	}
	kinds := map[string]bool{}
	for _, x := range c.Conflicts {
		kinds[x.Kind] = true
		for _, v := range x.Values {
			if v.Line < 1 || !slices.Contains(c.Documents, v.Doc) {
				t.Errorf("conflict value %+v: bad line or document", v)
			}
		}
	}
	for _, k := range []string{"attribution", "spelling"} {
		if !kinds[k] {
			t.Errorf("no %s conflict in %+v", k, c.Conflicts)
		}
	}
	valid := []string{"figure", "date", "person", "organization", "place", "quote"}
	for _, f := range c.Facts {
		if !slices.Contains(valid, f.Kind) {
			t.Errorf("fact %s has kind %q", f.ID, f.Kind)
		}
		for _, m := range f.Mentions {
			if m.Line < 1 || m.Span[0] > m.Span[1] || m.Text == "" {
				t.Errorf("fact %s mention %+v: bad line, span or text", f.ID, m)
			}
		}
	}
	if len(c.OnlyIn) != 2 {
		t.Errorf("only_in has %d sources, want 2", len(c.OnlyIn))
	}
}

func TestDiffSeedPairMarkdown(t *testing.T) {
	a, b := seedPair(t)
	res := runCLI(t, "", "", diffArgs(a, b)...)
	if res.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	last := -1
	for _, s := range []string{"**3 conflicts to check", "### Conflicts to check", "### Fact matrix", "### Shared passages", "## Appendix"} {
		i := strings.Index(res.stdout, s)
		if i < 0 || i < last {
			t.Errorf("section %q missing or out of order in:\n%s", s, res.stdout)
		}
		last = i
	}
	if !strings.Contains(res.stdout, "Bodganov") {
		t.Errorf("report does not show the misspelt name")
	}
}

func TestDiffIdenticalCopy(t *testing.T) {
	a, _ := seedPair(t)
	dir := t.TempDir()
	src, err := os.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"one.txt", "two.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := runCLI(t, dir, "", diffArgs("--format", "json", "one.txt", "two.txt")...)
	if res.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	var r diffJSON
	if err := json.Unmarshal([]byte(res.stdout), &r); err != nil {
		t.Fatal(err)
	}
	c := r.Clusters[0]
	for _, x := range c.Conflicts {
		docs := map[string]bool{}
		for _, v := range x.Values {
			docs[v.Doc] = true
		}
		if x.Kind != "spelling" || len(docs) != 2 {
			t.Errorf("copy: conflict %+v, want only the article's own spelling variants", x)
		}
	}
	for _, o := range c.OnlyIn {
		if len(o.Facts) != 0 {
			t.Errorf("copy: only in %s: %v, want nothing", o.Doc, o.Facts)
		}
	}
	if len(c.SharedPassages) == 0 {
		t.Errorf("copy: no shared passages")
	}
}

func TestDiffUsage(t *testing.T) {
	a, b := seedPair(t)
	files := seedFiles(t)
	one := t.TempDir()
	src, err := os.ReadFile(files[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(one, "only.txt"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"no argument", diffArgs()},
		{"one article", diffArgs(a)},
		{"directory of one", diffArgs(one)},
		{"bad format", diffArgs("--format", "pdf", a, b)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := runCLI(t, "", "", tc.args...)
			if res.code != 2 {
				t.Errorf("%v: exit %d, want 2; stderr:\n%s", tc.args, res.code, res.stderr)
			}
			if !strings.HasPrefix(res.stderr, "storydiff: ") {
				t.Errorf("%v: stderr %q does not start with storydiff: ", tc.args, res.stderr)
			}
		})
	}
}

// diff3 are three hand-written reports of one (fictional) quake that
// disagree as independent reports do: the toll (40, 42, at least 43), the
// magnitude (6.2, 6.3), the day of the arrests (Tuesday, Wednesday), how
// many sheltered (about 1,000, some 350), and the governor's name
// (Marwick, Marwik).
func diff3Files(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "diff3", "*.txt"))
	if err != nil || len(files) != 3 {
		t.Fatalf("testdata/diff3: %v %v", files, err)
	}
	return files
}

func TestDiffThreeJSON(t *testing.T) {
	res := runCLI(t, "", "", diffArgs(append([]string{"--format", "json"}, diff3Files(t)...)...)...)
	if res.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", res.code, res.stderr)
	}
	var r struct {
		Clusters []struct {
			Documents []string
			Pairs     []struct{ A, B, Relation string }
			Conflicts []struct {
				Kind, Text, Sureness, Reason string
				Values                       []struct {
					Doc   string
					Line  int
					Value string
				}
			}
			Coverage []struct {
				Kind    string
				Aligned int
			}
		}
	}
	if err := json.Unmarshal([]byte(res.stdout), &r); err != nil {
		t.Fatalf("output is not valid JSON: %v", err)
	}
	if len(r.Clusters) != 1 || len(r.Clusters[0].Documents) != 3 || len(r.Clusters[0].Pairs) != 3 {
		t.Fatalf("want one cluster of 3 documents and 3 pairs, got %+v", r.Clusters)
	}
	c := r.Clusters[0]
	// Each expected discrepancy: its kind and the versions it must show.
	want := []struct {
		kind   string
		values []string
	}{
		{"figure", []string{"40", "42", "at least 43"}},
		{"figure", []string{"6.2 magnitude", "6.3 magnitude"}},
		{"date", []string{"Tuesday (2025-03-04)", "Wednesday (2025-03-05)"}},
		{"figure", []string{"about 1,000", "some 350"}},
		{"spelling", []string{"Marwick", "Marwik"}},
	}
	for _, w := range want {
		found := false
		for _, x := range c.Conflicts {
			var vs []string
			for _, v := range x.Values {
				vs = append(vs, v.Value)
				if v.Line < 1 {
					t.Errorf("conflict %q: value %+v has no line", x.Text, v)
				}
			}
			if x.Kind != w.kind {
				continue
			}
			all := true
			for _, v := range w.values {
				all = all && slices.Contains(vs, v)
			}
			if all {
				found = true
				if x.Sureness == "" || x.Reason == "" {
					t.Errorf("conflict %q says nothing of how sure it is: %+v", x.Text, x)
				}
			}
		}
		if !found {
			t.Errorf("no %s conflict showing %q; conflicts: %+v", w.kind, w.values, c.Conflicts)
		}
	}
	if len(c.Conflicts) != len(want) {
		t.Errorf("%d conflicts, want %d: %+v", len(c.Conflicts), len(want), c.Conflicts)
	}
	aligned := 0
	for _, cv := range c.Coverage {
		aligned += cv.Aligned
	}
	if aligned == 0 {
		t.Errorf("coverage says nothing was compared: %+v", c.Coverage)
	}
}

func TestDiffThreeMarkdownAndTable(t *testing.T) {
	for _, format := range []string{"markdown", "table"} {
		res := runCLI(t, "", "", diffArgs(append([]string{"--format", format}, diff3Files(t)...)...)...)
		if res.code != 0 {
			t.Fatalf("%s: exit %d, stderr:\n%s", format, res.code, res.stderr)
		}
		for _, s := range []string{"Compared", "at least 43", "6.3 magnitude", "Wednesday", "some 350", "Marwik", "gazette", "herald", "wire"} {
			if !strings.Contains(res.stdout, s) {
				t.Errorf("%s report lacks %q:\n%s", format, s, res.stdout)
			}
		}
	}
}

// TestDiffLabelsPairsAsCompare checks, on an ECB+ event of 17 reports
// that compare puts in one cluster, that diff calls none of their pairs
// unrelated (a pair of one event can score low on its own: the clustering
// joins an article to the event, not to each of its reports), and that a
// report of another event is unrelated to all of them.
func TestDiffLabelsPairsAsCompare(t *testing.T) {
	docs := filepath.Join(ecbplusDir, "docs")
	event, _ := filepath.Glob(filepath.Join(docs, "27_ecb_*.txt"))
	other := filepath.Join(docs, "12_ecb_1.txt")
	if len(event) == 0 {
		t.Skipf("eval data not present in %s", docs)
	}
	type pairs struct {
		Clusters []struct {
			Documents []string
			Pairs     []struct{ A, B, Relation string }
		}
	}
	run := func(args ...string) pairs {
		t.Helper()
		r := runCLI(t, "", "", append([]string{args[0], "--format", "json"}, args[1:]...)...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", args[0], r.code, r.stderr)
		}
		var p pairs
		if err := json.Unmarshal([]byte(r.stdout), &p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if c := run(append([]string{"compare"}, event...)...); len(c.Clusters) != 1 {
		t.Fatalf("compare: %d clusters of the 27_ecb reports, want 1", len(c.Clusters))
	}
	d := run(append([]string{"diff", other}, event...)...)
	unrelated := 0
	for _, p := range d.Clusters[0].Pairs {
		withOther := p.A == "12_ecb_1" || p.B == "12_ecb_1"
		if got := p.Relation == "unrelated"; got != withOther {
			t.Errorf("diff: pair %s, %s is %s", p.A, p.B, p.Relation)
		}
		if p.Relation == "unrelated" {
			unrelated++
		}
	}
	if unrelated != len(event) {
		t.Errorf("diff: %d unrelated pairs, want %d (12_ecb_1 with each report)", unrelated, len(event))
	}
}
