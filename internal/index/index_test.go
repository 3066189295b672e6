package index

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/internal/gen"
	"github.com/storydiff/storydiff/shingle"
)

// corpus writes a generated corpus of n articles in two files, the first
// split articles and the rest, and returns their paths and the truth
// pairs.
func corpus(t testing.TB, opt gen.Options, split int) (first, rest string, truth map[[2]string]float64) {
	t.Helper()
	var c, tr bytes.Buffer
	if _, err := gen.Generate(opt, &c, &tr); err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(c.Bytes(), []byte("\n"))
	dir := t.TempDir()
	first, rest = filepath.Join(dir, "first.jsonl"), filepath.Join(dir, "rest.jsonl")
	os.WriteFile(first, bytes.Join(lines[:split], nil), 0o644)
	os.WriteFile(rest, bytes.Join(lines[split:], nil), 0o644)
	truth = map[[2]string]float64{}
	sc := bufio.NewScanner(&tr)
	for sc.Scan() {
		var p struct {
			A, B    string
			Jaccard float64
		}
		json.Unmarshal(sc.Bytes(), &p)
		truth[[2]string{p.A, p.B}], truth[[2]string{p.B, p.A}] = p.Jaccard, p.Jaccard
	}
	return first, rest, truth
}

func queryAll(t testing.TB, d *DB, paths ...string) map[string][]Match {
	t.Helper()
	got := map[string][]Match{}
	_, err := d.QueryAll(paths, QueryOptions{}, func(r *Result) error {
		got[r.ID] = r.Matches
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestAddQuery adds half a generated corpus and queries the other half:
// every pair of the truth across the halves with Jaccard 0.6 or more is
// found, and no match is below 0.4; an indexed article finds itself.
func TestAddQuery(t *testing.T) {
	// Groups of copies never span chunks of 1000 articles: split inside one.
	first, rest, truth := corpus(t, gen.Options{N: 2000, Seed: 3, DupRate: 0.3}, 1500)
	dir := filepath.Join(t.TempDir(), "db")
	d, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	st, err := d.Add([]string{first}, AddOptions{Batch: 300})
	if err != nil || st.Added != 1500 || st.Batches != 5 {
		t.Fatalf("Add = %+v, %v; want 1500 added in 5 batches", st, err)
	}
	if st, err := d.Add([]string{first}, AddOptions{}); err != nil || st.Added != 0 || st.Already != 1500 {
		t.Fatalf("Add again = %+v, %v; want all 1500 already indexed", st, err)
	}
	got := queryAll(t, d, rest, first)
	indexed := map[string]bool{}
	d.Export(func(_ uint32, r *Record) error { indexed[r.ID] = true; return nil })
	relevant, found := 0, 0
	for p, j := range truth {
		if indexed[p[0]] && !indexed[p[1]] && j >= 0.6 {
			relevant++
			if slices.ContainsFunc(got[p[1]], func(m Match) bool { return m.Record.ID == p[0] }) {
				found++
			}
		}
	}
	for id, ms := range got {
		for _, m := range ms {
			if m.Record.ID == id {
				if !indexed[id] || m.Estimate.Jaccard != 1 {
					t.Errorf("%s matches itself at %v (indexed: %v)", id, m.Estimate.Jaccard, indexed[id])
				}
				continue
			}
			if j := truth[[2]string{id, m.Record.ID}]; j < 0.4 {
				t.Errorf("%s matches %s (estimate %.3f), true Jaccard %.3f", id, m.Record.ID, m.Estimate.Jaccard, j)
			}
		}
		if indexed[id] && (len(ms) == 0 || ms[0].Estimate.Jaccard != 1) {
			t.Errorf("indexed %s does not find itself first: %v", id, ms)
		}
	}
	if relevant < 30 || found < relevant*99/100 {
		t.Errorf("found %d of %d pairs with Jaccard >= 0.6 across the batches", found, relevant)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestParams: an index keeps its parameters; naming another value fails
// with a ParamsError naming the field; naming none adopts them.
func TestParams(t *testing.T) {
	first, _, _ := corpus(t, gen.Options{N: 50, Seed: 1}, 50)
	dir := filepath.Join(t.TempDir(), "db")
	ask := DefaultParams()
	ask.Shingle.Perms, ask.Containment = 64, 0.8
	d, err := Open(dir, Options{Create: true, Params: ask, Set: []string{"Perms", "Containment"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Add([]string{first}, AddOptions{}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	other := DefaultParams()
	_, err = Open(dir, Options{Params: other, Set: []string{"Perms", "Seed", "Threshold"}})
	pe, ok := errors.AsType[*ParamsError](err)
	if !ok || !errors.Is(err, ErrParams) || !slices.Equal(pe.Fields, []string{"Perms"}) || pe.Index.Shingle.Perms != 64 {
		t.Fatalf("Open with 128 permutations = %v, want a ParamsError on Perms", err)
	}
	d, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if p := d.Params(); p.Shingle.Perms != 64 || p.Containment != 0.8 || p.Bands*p.Rows > 64 || d.Len() != 50 {
		t.Errorf("reopened: %+v, %d articles", p, d.Len())
	}
	d.Close()
}

// TestNotIndex: a file, or a directory of other files, is never written.
func TestNotIndex(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "corpus.jsonl")
	os.WriteFile(file, []byte("{}\n"), 0o644)
	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	for _, p := range []string{file, other} {
		if _, err := Open(p, Options{Create: true}); !errors.Is(err, ErrNotIndex) {
			t.Errorf("Open(%s) = %v, want ErrNotIndex", p, err)
		}
	}
	if b, _ := os.ReadFile(file); string(b) != "{}\n" {
		t.Errorf("file changed: %q", b)
	}
	if ents, _ := os.ReadDir(other); len(ents) != 1 {
		t.Errorf("directory changed: %d entries", len(ents))
	}
	if _, err := Open(filepath.Join(dir, "none"), Options{}); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Open of a missing index = %v, want ErrNoIndex", err)
	}
}

// TestConcurrentReaders runs queries on many goroutines while an add
// commits batch after batch: every query sees whole batches (an article
// finds itself exactly when its batch was committed before the query's
// snapshot), and nothing fails. (Len may lag a commit the snapshot
// sees, so only the other way is checked.)
func TestConcurrentReaders(t *testing.T) {
	first, rest, _ := corpus(t, gen.Options{N: 3000, Seed: 5}, 1000)
	dir := filepath.Join(t.TempDir(), "db")
	d, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Add([]string{first}, AddOptions{}); err != nil {
		t.Fatal(err)
	}
	// Signatures of the articles to add, to query while they are added.
	var sigs []shingle.Signature
	var ids []string
	dedup.Stream([]string{rest}, dedup.Options{Shingle: d.Params().Shingle}, func(a *dedup.Signed) error {
		sigs, ids = append(sigs, slices.Clone(a.Sig)), append(ids, a.ID)
		return nil
	})
	const batch = 100
	done := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 4 {
		wg.Go(func() {
			for k := 0; ; k++ {
				select {
				case <-done:
					return
				default:
				}
				before := d.Len()
				q, err := d.NewQuerier()
				if err != nil {
					errs <- err
					return
				}
				i := (w*7919 + k*104729) % len(sigs)
				ms, err := q.Query(sigs[i])
				q.Close()
				if err != nil {
					errs <- err
					return
				}
				self := slices.ContainsFunc(ms, func(m Match) bool { return m.Record.ID == ids[i] })
				pos := 1000 + i // its number once added
				if pos < before && !self {
					errs <- fmt.Errorf("article %d: not found with %d articles indexed", pos, before)
					return
				}
			}
		})
	}
	st, err := d.Add([]string{rest}, AddOptions{Batch: batch})
	close(done)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if err != nil || st.Added != 2000 {
		t.Fatalf("Add = %+v, %v", st, err)
	}
}

// TestRecount: counts not written (an add killed before its end) are
// recounted when the index opens.
func TestRecount(t *testing.T) {
	first, _, _ := corpus(t, gen.Options{N: 400, Seed: 2, FooterRate: 0.5, FooterWords: 200, Words: 120}, 400)
	dir := filepath.Join(t.TempDir(), "db")
	d, err := Open(dir, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Add([]string{first}, AddOptions{Batch: 100}); err != nil {
		t.Fatal(err)
	}
	want, _ := d.counts.MarshalBinary()
	// As if killed after the last commit, before writing the counts.
	if err := d.db.Delete(keyCounts, nil); err != nil {
		t.Fatal(err)
	}
	d.dirty = false
	d.Close()
	d, err = Open(dir, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got, _ := d.counts.MarshalBinary()
	if !bytes.Equal(got, want) || d.counts.Len() != 400 {
		t.Errorf("recounted %d articles, counts equal: %v", d.counts.Len(), bytes.Equal(got, want))
	}
	st, err := d.Stats()
	if err != nil || st.CountedUntil != 0 || st.Articles != 400 {
		t.Errorf("Stats = %+v, %v", st, err)
	}
}

// TestContainment: in an index made with a containment threshold, an
// excerpt (the first third of an article) finds the full article as
// contained-in, and the full article finds an indexed excerpt as contains.
func TestContainment(t *testing.T) {
	var c bytes.Buffer
	if _, err := gen.Generate(gen.Options{N: 300, Seed: 8, DupRate: -1, Words: 600}, &c, nil); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var full, excerpts []string
	for i, l := range strings.Split(strings.TrimSpace(c.String()), "\n") {
		var a struct{ ID, Title, Text string }
		json.Unmarshal([]byte(l), &a)
		ex, _ := json.Marshal(map[string]string{"id": "x-" + a.ID, "title": a.Title, "text": a.Text[:len(a.Text)/3]})
		if i%2 == 0 {
			full = append(full, l)
			excerpts = append(excerpts, string(ex))
		} else { // indexed as an excerpt, queried in full
			full = append(full, string(ex))
			excerpts = append(excerpts, l)
		}
	}
	fullPath, exPath := filepath.Join(dir, "full.jsonl"), filepath.Join(dir, "ex.jsonl")
	os.WriteFile(fullPath, []byte(strings.Join(full, "\n")+"\n"), 0o644)
	os.WriteFile(exPath, []byte(strings.Join(excerpts, "\n")+"\n"), 0o644)
	p := DefaultParams()
	p.Containment = 0.8
	d, err := Open(filepath.Join(dir, "db"), Options{Create: true, Params: p, Set: []string{"Containment"}})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Add([]string{fullPath}, AddOptions{}); err != nil {
		t.Fatal(err)
	}
	got := queryAll(t, d, exPath)
	var contained, contains, wrong int
	for id, ms := range got {
		want := ContainedIn
		if !strings.HasPrefix(id, "x-") {
			want = Contains
		}
		if len(ms) == 0 {
			continue
		}
		switch {
		case ms[0].Relation != want || len(ms) > 1:
			wrong++
		case want == ContainedIn:
			contained++
		default:
			contains++
		}
	}
	if contained < 140 || contains < 140 || wrong > 0 {
		t.Errorf("of 150 excerpts %d found contained-in, of 150 full texts %d found containing; %d wrong", contained, contains, wrong)
	}
}

// TestBands: an index for near-duplicates bands as dedup does; one that
// also looks for excerpts has more bands of fewer rows (README says so).
func TestBands(t *testing.T) {
	for _, tt := range []struct {
		containment float64
		bands, rows int
	}{{0, 42, 3}, {0.8, 64, 2}} {
		p := DefaultParams()
		p.Containment = tt.containment
		if err := p.complete(); err != nil || p.Bands != tt.bands || p.Rows != tt.rows {
			t.Errorf("containment %v: %d bands × %d rows (%v), want %d × %d", tt.containment, p.Bands, p.Rows, err, tt.bands, tt.rows)
		}
	}
}
