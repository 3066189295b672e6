package gen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/shingle"
)

type record struct {
	ID, Title, Source, Date, Text string
}

type truthLine struct {
	A, B, Group string
	Jaccard     float64
	Edit        float64
}

func generate(t testing.TB, opt Options) ([]record, []truthLine, Stats) {
	t.Helper()
	var c, tr bytes.Buffer
	st, err := Generate(opt, &c, &tr)
	if err != nil {
		t.Fatal(err)
	}
	var recs []record
	sc := bufio.NewScanner(&c)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("corpus line %d: %v", len(recs)+1, err)
		}
		recs = append(recs, r)
	}
	var truth []truthLine
	for _, l := range strings.Split(strings.TrimSpace(tr.String()), "\n") {
		if l == "" {
			continue
		}
		var p truthLine
		if err := json.Unmarshal([]byte(l), &p); err != nil {
			t.Fatalf("truth line %q: %v", l, err)
		}
		truth = append(truth, p)
	}
	return recs, truth, st
}

func TestGenerateShape(t *testing.T) {
	opt := Options{N: 2500, Seed: 7}
	recs, truth, st := generate(t, opt)
	if got, want := len(recs), opt.N; got != want {
		t.Fatalf("articles = %d, want %d", got, want)
	}
	if st.Articles != opt.N || st.Pairs != len(truth) {
		t.Errorf("stats = %+v, want %d articles and %d pairs", st, opt.N, len(truth))
	}
	ids := map[string]bool{}
	total := 0
	for _, r := range recs {
		if r.ID == "" || r.Title == "" || r.Source == "" || r.Date == "" || r.Text == "" {
			t.Fatalf("record %+v has an empty field", r.ID)
		}
		if ids[r.ID] {
			t.Fatalf("duplicate id %q", r.ID)
		}
		ids[r.ID] = true
		if !utf8.ValidString(r.Text) {
			t.Fatalf("record %s: invalid UTF-8", r.ID)
		}
		total += len(r.Text)
	}
	if mean := total / len(recs); mean < 3000 || mean > 5500 {
		t.Errorf("mean text length = %d bytes, want about 4 KB", mean)
	}
	// The fraction of copies is close to DupRate (binomial noise only).
	if frac := float64(st.Copies) / float64(st.Articles); frac < 0.15 || frac > 0.25 {
		t.Errorf("copy fraction = %.3f, want about 0.2", frac)
	}
	for _, p := range truth {
		if !ids[p.A] || !ids[p.B] || !ids[p.Group] {
			t.Fatalf("truth pair %+v names an unknown id", p)
		}
		if p.Jaccard < 0 || p.Jaccard > 1 {
			t.Fatalf("truth pair %+v: Jaccard out of range", p)
		}
	}
}

func TestGenerateDeterministic(t *testing.T) {
	run := func(workers int, seed uint64) (string, string) {
		var c, tr bytes.Buffer
		if _, err := Generate(Options{N: 2300, Seed: seed, Workers: workers}, &c, &tr); err != nil {
			t.Fatal(err)
		}
		return c.String(), tr.String()
	}
	c1, t1 := run(1, 3)
	c4, t4 := run(4, 3)
	if c1 != c4 || t1 != t4 {
		t.Errorf("output differs between 1 and 4 workers")
	}
	if c5, _ := run(2, 4); c5 == c1 {
		t.Errorf("seeds 3 and 4 gave the same corpus")
	}
}

func TestGenerateNoDuplicates(t *testing.T) {
	_, truth, st := generate(t, Options{N: 1200, Seed: 1, DupRate: -1})
	if st.Copies != 0 || len(truth) != 0 {
		t.Errorf("DupRate<0: %d copies, %d truth pairs; want none", st.Copies, len(truth))
	}
}

func TestGenerateBadOptions(t *testing.T) {
	for _, opt := range []Options{{N: -1}, {N: 1, DupRate: 0.95}, {N: 1, MaxEdit: 2}, {N: 1, Words: 3}} {
		if _, err := Generate(opt, io.Discard, nil); err == nil {
			t.Errorf("Generate(%+v) succeeded, want an error", opt)
		}
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	if w.n--; w.n < 0 {
		return 0, io.ErrShortWrite
	}
	return len(p), nil
}

func TestGenerateWriteError(t *testing.T) {
	if _, err := Generate(Options{N: 5000, Seed: 1}, &failWriter{n: 1}, nil); err == nil {
		t.Error("Generate to a failing writer succeeded, want an error")
	}
}

func BenchmarkGenerate(b *testing.B) {
	var n int64
	for b.Loop() {
		st, err := Generate(Options{N: 2000, Seed: 1}, io.Discard, io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		n = st.Bytes
	}
	b.SetBytes(n)
	b.ReportAllocs()
}

// TestGenerateTruth checks the ground truth against Jaccard similarities
// recomputed from the written records, and that it spans a useful range.
func TestGenerateTruth(t *testing.T) {
	recs, truth, _ := generate(t, Options{N: 1500, Seed: 21, MaxEdit: 0.3})
	byID := map[string]record{}
	for _, r := range recs {
		byID[r.ID] = r
	}
	o := shingle.Options{Kind: shingle.Word, K: 5}
	set := func(id string) []uint64 {
		r := byID[id]
		a := corpus.Article{Title: r.Title, Text: r.Text}
		return o.Shingles(shingle.StripBoilerplate(a.FullText()))
	}
	var lo, hi, light, heavy int
	for _, p := range truth {
		if got := shingle.Jaccard(set(p.A), set(p.B)); math.Abs(got-p.Jaccard) > 1e-6 {
			t.Fatalf("truth %s~%s: Jaccard %.6f, recomputed %.6f", p.A, p.B, p.Jaccard, got)
		}
		switch {
		case p.Jaccard < 0.4:
			lo++
		case p.Jaccard > 0.8:
			hi++
		}
		if p.Edit < 0.02 && p.Jaccard < 0.6 {
			light++
		}
		if p.Edit > 0.25 && p.Jaccard > 0.6 {
			heavy++
		}
	}
	if lo < 20 || hi < 20 {
		t.Errorf("truth Jaccard range too narrow: %d pairs below 0.4, %d above 0.8", lo, hi)
	}
	if light+heavy > len(truth)/20 {
		t.Errorf("edit rate and Jaccard disagree: %d lightly edited pairs below 0.6, %d heavily edited above 0.6 (of %d)", light, heavy, len(truth))
	}
}

// TestGenerateFooter checks the shared footer: the same text at the end of
// about the share of articles asked for, and no change to a corpus without.
func TestGenerateFooter(t *testing.T) {
	plain, _, _ := generate(t, Options{N: 600, Seed: 3})
	recs, _, _ := generate(t, Options{N: 600, Seed: 3, FooterRate: 0.5, FooterWords: 40})
	again, _, _ := generate(t, Options{N: 600, Seed: 3, FooterRate: 0.5, FooterWords: 40, Workers: 1})
	last := func(text string) string { return text[strings.LastIndex(text, "\n\n")+2:] }
	footers := map[string]int{}
	with := 0
	for i, r := range recs {
		if r.Text != again[i].Text {
			t.Fatalf("record %d differs between runs", i)
		}
		if r.Text != plain[i].Text {
			with++
			footers[last(r.Text)]++
			if !strings.HasPrefix(r.Text, plain[i].Text) {
				t.Fatalf("record %d: footer not appended to the plain text", i)
			}
		}
	}
	if with < 240 || with > 360 || len(footers) != 1 {
		t.Errorf("%d of 600 articles with a footer (%d distinct endings), want about 300 with one", with, len(footers))
	}
}
