package pipeline

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/internal/gen"
	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/report"
)

// The tests run the pipeline on Beam's embedded Prism runner (loopback
// only, no Docker) and compare its outputs with those of package dedup,
// which `storydiff dedup` writes.
func TestMain(m *testing.M) { ptest.MainWithDefault(m, "prism") }

// want runs dedup on paths as `storydiff dedup --groups --kept` does, and
// returns the groups and kept files it writes and the warnings it prints.
func want(t *testing.T, paths []string, keep dedup.Keep, maxBytes int) (groups, kept, warnings string) {
	t.Helper()
	opt := dedup.DefaultOptions()
	opt.Keep, opt.MaxBytes = keep, maxBytes
	var w strings.Builder
	opt.Warn = func(err error) { fmt.Fprintf(&w, "warning: %v\n", err) }
	res, err := dedup.Run(paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	var g bytes.Buffer
	if err := report.DedupGroups(&g, res.NamedGroups()); err != nil {
		t.Fatal(err)
	}
	var k strings.Builder
	for _, i := range res.Kept() {
		k.WriteString(res.ID(i) + "\n")
	}
	if len(res.Groups) == 0 {
		t.Fatal("dedup found no groups: the test corpus is too easy")
	}
	return g.String(), k.String(), w.String()
}

// run runs the pipeline on paths and returns its groups, kept ids and
// warnings.
func run(t *testing.T, paths []string, keep dedup.Keep, maxBytes, rounds int) (groups, kept, warnings string) {
	t.Helper()
	cfg := DefaultConfig()
	cfg.Inputs, cfg.Output, cfg.Keep, cfg.MaxBytes, cfg.Rounds = paths, t.TempDir(), keep, maxBytes, rounds
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, cfg); err != nil {
		t.Fatal(err)
	}
	if err := ptest.Run(p); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(cfg.Output, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	return read(GroupsFile), read(KeptFile), read(WarningsFile)
}

func compare(t *testing.T, paths []string, maxBytes, rounds int) {
	for _, keep := range []dedup.Keep{dedup.KeepFirst, dedup.KeepLongest} {
		t.Run("keep "+keep.String(), func(t *testing.T) {
			wg, wk, ww := want(t, paths, keep, maxBytes)
			gg, gk, gw := run(t, paths, keep, maxBytes, rounds)
			if gg != wg {
				t.Errorf("groups differ from dedup's:\ngot:\n%s\nwant:\n%s", gg, wg)
			}
			if gk != wk {
				t.Errorf("kept ids differ from dedup's:\ngot:\n%s\nwant:\n%s", gk, wk)
			}
			if gw != ww {
				t.Errorf("warnings differ from dedup's:\ngot:\n%s\nwant:\n%s", gw, ww)
			}
		})
	}
}

// jsonl writes records as a JSON Lines file in dir.
func jsonl(t *testing.T, dir, name string, lines ...string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func rec(t *testing.T, id, title, text string) string {
	b, err := json.Marshal(map[string]string{"id": id, "title": title, "text": text})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSeeds compares the pipeline with dedup on the bundled example
// articles as JSON Lines, each with an edited copy under the same id
// (renamed ID-2 by both), and with bad records: both must skip the same
// records with the same warnings.
func TestSeeds(t *testing.T) {
	arts, err := input.Load([]string{"../../testdata/seeds"}, input.Options{})
	if err != nil || len(arts) == 0 {
		t.Fatalf("loading the seeds: %d articles, %v", len(arts), err)
	}
	dir := t.TempDir()
	var lines, copies []string
	for i, a := range arts {
		lines = append(lines, rec(t, a.ID, a.Title, a.Text))
		edited := strings.Replace(a.Text, " the ", " a ", 3)
		copies = append(copies, rec(t, a.ID, a.Title, edited))
		if i == 1 {
			lines = append(lines, `{"id": "broken", "text": `, "", rec(t, "empty", "", "  "), rec(t, a.ID+"-2", "", "an id a renaming must skip"))
		}
	}
	copies = append(copies, rec(t, "long", "", strings.Repeat("word ", 30000)))
	paths := []string{
		jsonl(t, dir, "seeds.jsonl", lines...),
		jsonl(t, dir, "copies.ndjson", copies...),
		jsonl(t, dir, "blank.jsonl", "", "  "),
		jsonl(t, dir, "binary.jsonl", "\x00\x01\x02 not text"),
		filepath.Join(dir, "missing.jsonl"),
	}
	// Malformed JSON, no text, too large, no records, binary, missing.
	if _, _, w := want(t, paths, dedup.KeepFirst, 100_000); strings.Count(w, "\n") != 6 {
		t.Fatalf("dedup warns of:\n%s\nwant 6 warnings", w)
	}
	compare(t, paths, 100_000, DefaultRounds)
}

// TestGenerated compares the pipeline with dedup on a generated corpus in
// two files, a third of whose articles end with one shared footer (common
// text), with every round count from none (components finished on one
// worker) to the default.
func TestGenerated(t *testing.T) {
	var corpus bytes.Buffer
	if _, err := gen.Generate(gen.Options{N: 1500, Seed: 7, FooterRate: 0.3, MaxCopies: 5}, &corpus, nil); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(corpus.String(), "\n"), "\n")
	dir := t.TempDir()
	half := len(lines) / 2
	paths := []string{jsonl(t, dir, "a.jsonl", lines[:half]...), jsonl(t, dir, "b.jsonl", lines[half:]...)}
	for _, rounds := range []int{DefaultRounds, 1, 0} {
		t.Run(fmt.Sprintf("rounds %d", rounds), func(t *testing.T) {
			compare(t, paths, dedup.DefaultMaxBytes, rounds)
		})
	}
}

// TestGenerated10k is the acceptance run: the pipeline on Prism
// against dedup on 10,000 articles as `storydiff generate --n 10000`
// writes them (its defaults), both --keep rules. About 20 s and 1.7 GB a
// rule on 2 cores; -short skips it.
func TestGenerated10k(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 articles on Prism: not with -short")
	}
	var corpus bytes.Buffer
	opt := gen.Options{N: 10000, Seed: 1, DupRate: 0.2, MaxEdit: 0.2, MaxCopies: 3, Words: 500, K: 5, FooterWords: 300}
	if _, err := gen.Generate(opt, &corpus, nil); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c10k.jsonl")
	if err := os.WriteFile(path, corpus.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	compare(t, []string{path}, dedup.DefaultMaxBytes, DefaultRounds)
}
