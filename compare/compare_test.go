package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/result"
	"github.com/storydiff/storydiff/shingle"
)

// loadDir loads a directory of articles with the real loader.
func loadDir(t testing.TB, dir string) []*corpus.Article {
	t.Helper()
	arts, err := input.Load([]string{dir}, input.Options{Warn: func(err error) { t.Logf("warning: %v", err) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) == 0 {
		t.Fatalf("no articles in %s", dir)
	}
	return arts
}

// clusterOf maps article id -> cluster id.
func clusterOf(res *result.Result) map[string]string {
	m := map[string]string{}
	for _, c := range res.Clusters {
		for _, d := range c.Documents {
			m[d] = c.ID
		}
	}
	return m
}

// synthetic returns articles about a few invented events, two or three
// reports each with different wording, plus one reprint.
func synthetic() []*corpus.Article {
	var arts []*corpus.Article
	add := func(id, title, text string) {
		arts = append(arts, &corpus.Article{ID: id, Path: id + ".txt", Title: title, Text: text})
	}
	add("flood-1", "Floods hit Varnholm valley", "Heavy rain flooded the Varnholm valley on Tuesday, forcing Mayor Edda Lindqvist to evacuate 3,000 residents from Brekka and Osmund.\nRescue teams used boats in Brekka.")
	add("flood-2", "Thousands evacuated as Varnholm valley floods", "Mayor Edda Lindqvist ordered the evacuation of Brekka and Osmund after the Varnholm river burst its banks.\nAbout 3,000 residents left their homes, rescue teams said.")
	add("flood-2-reprint", "Thousands evacuated as Varnholm valley floods", "Mayor Edda Lindqvist ordered the evacuation of Brekka and Osmund after the Varnholm river burst its banks.\nAbout 3,000 residents left their homes, rescue teams said on Tuesday.\nREAD MORE: Other news")
	add("chess-1", "Okafor wins Quillmere chess open", "Grandmaster Tunde Okafor won the Quillmere chess open on Sunday, beating Mira Salonen in the final round.\nThe Quillmere open drew 400 players.")
	add("chess-2", "Tunde Okafor takes Quillmere title", "Tunde Okafor beat Mira Salonen to take the Quillmere chess open title.\nOkafor said the final round against Salonen was the hardest game of his career.")
	add("bridge", "Bridge closes for repairs in Tallow", "The Tallow harbour bridge will close for six weeks of repairs, the city council said.\nCommuters were told to use the ferry.")
	add("empty", "", "")
	return arts
}

func TestRunInvariants(t *testing.T) {
	arts := append(synthetic(), loadDir(t, "../testdata/seeds")...)
	res, err := Run(arts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for k, c := range res.Clusters {
		if want := fmt.Sprintf("c%d", k+1); c.ID != want {
			t.Errorf("cluster %d id = %s, want %s", k, c.ID, want)
		}
		if !slices.IsSorted(c.Documents) {
			t.Errorf("cluster %s documents not sorted: %v", c.ID, c.Documents)
		}
		if k > 0 {
			p := res.Clusters[k-1]
			if len(p.Documents) < len(c.Documents) || (len(p.Documents) == len(c.Documents) && p.Documents[0] > c.Documents[0]) {
				t.Errorf("clusters %s and %s out of order", p.ID, c.ID)
			}
		}
		for _, d := range c.Documents {
			seen[d]++
		}
		for i, p := range c.Pairs {
			if p.A >= p.B {
				t.Errorf("pair %s-%s not ordered", p.A, p.B)
			}
			if i > 0 && (c.Pairs[i-1].A > p.A || (c.Pairs[i-1].A == p.A && c.Pairs[i-1].B >= p.B)) {
				t.Errorf("cluster %s pairs not sorted", c.ID)
			}
			if p.Relation != result.NearDuplicate && p.Relation != result.SameEvent {
				t.Errorf("pair %s-%s relation %q", p.A, p.B, p.Relation)
			}
		}
		if len(c.Documents) >= 2 && len(c.Pairs) == 0 {
			t.Errorf("cluster %s of %d has no pairs", c.ID, len(c.Documents))
		}
	}
	if len(seen) != len(arts) {
		t.Errorf("%d articles clustered, want %d", len(seen), len(arts))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("article %s in %d clusters, want 1", id, n)
		}
	}
	if len(res.Documents) != len(arts) || !slices.IsSortedFunc(res.Documents, func(a, b result.Document) int { return strings.Compare(a.ID, b.ID) }) {
		t.Errorf("Documents: %d, sorted %v; want %d sorted", len(res.Documents), slices.IsSortedFunc(res.Documents, func(a, b result.Document) int { return strings.Compare(a.ID, b.ID) }), len(arts))
	}
	if res.Params.Permutations != 128 || res.Params.SameEvent != DefaultSameEvent || res.Params.Bands < 1 || res.Params.Rows < 1 {
		t.Errorf("Params = %+v", res.Params)
	}
}

func TestRunSyntheticEvents(t *testing.T) {
	res, err := Run(synthetic(), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	c := clusterOf(res)
	tests := []struct {
		a, b string
		same bool
	}{
		{"flood-1", "flood-2", true},
		{"flood-2", "flood-2-reprint", true},
		{"chess-1", "chess-2", true},
		{"flood-1", "chess-1", false},
		{"bridge", "flood-1", false},
		{"empty", "bridge", false},
	}
	for _, tt := range tests {
		if got := c[tt.a] == c[tt.b]; got != tt.same {
			t.Errorf("%s and %s in one cluster = %v, want %v (clusters %v)", tt.a, tt.b, got, tt.same, c)
		}
	}
	for _, cl := range res.Clusters {
		for _, p := range cl.Pairs {
			if p.A == "flood-2" && p.B == "flood-2-reprint" && p.Relation != result.NearDuplicate {
				t.Errorf("reprint pair relation = %q (Jaccard %.4f), want %q", p.Relation, p.Jaccard, result.NearDuplicate)
			}
			if p.A == "flood-1" && p.B == "flood-2" && p.Relation != result.SameEvent {
				t.Errorf("independent reports relation = %q, want %q", p.Relation, result.SameEvent)
			}
		}
	}
}

// checkSeeds asserts the bundled example clusters as documented: the two
// Central African Republic reports together, each Mali report alone.
func checkSeeds(t *testing.T, res *result.Result) {
	t.Helper()
	c := clusterOf(res)
	size := map[string]int{}
	for _, id := range c {
		size[id]++
	}
	var ids []string
	for id := range c {
		if strings.HasPrefix(id, "00") {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	if len(ids) != 5 {
		t.Fatalf("seed ids = %v, want 5", ids)
	}
	if c[ids[0]] != c[ids[1]] {
		t.Errorf("CAR reports %s and %s in clusters %s and %s, want one", ids[0], ids[1], c[ids[0]], c[ids[1]])
	}
	if size[c[ids[0]]] != 2 {
		t.Errorf("CAR cluster has %d documents, want 2", size[c[ids[0]]])
	}
	for _, id := range ids[2:] {
		if size[c[id]] != 1 {
			t.Errorf("Mali report %s is in a cluster of %d, want alone", id, size[c[id]])
		}
	}
}

func TestSeeds(t *testing.T) {
	res, err := Run(loadDir(t, "../testdata/seeds"), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkSeeds(t, res)
}

const ecbplusDir = "../../shared/eval/ecbplus"

func TestSeedsMixedIntoECBPlus(t *testing.T) {
	if _, err := os.Stat(ecbplusDir); err != nil {
		t.Skipf("eval data not present: %v", err)
	}
	if testing.Short() {
		t.Skip("short mode")
	}
	arts := append(loadDir(t, filepath.Join(ecbplusDir, "docs")), loadDir(t, "../testdata/seeds")...)
	res, err := Run(arts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	checkSeeds(t, res)
}

func encode(t *testing.T, res *result.Result) []byte {
	t.Helper()
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRunOrderIndependentAndDeterministic(t *testing.T) {
	arts := append(synthetic(), loadDir(t, "../testdata/seeds")...)
	opt := DefaultOptions()
	res, err := Run(arts, opt)
	if err != nil {
		t.Fatal(err)
	}
	want := encode(t, res)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		shuffled := slices.Clone(arts)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		o := opt
		o.Workers = 1 + i%3
		got, err := Run(shuffled, o)
		if err != nil {
			t.Fatal(err)
		}
		if b := encode(t, got); !bytes.Equal(b, want) {
			t.Fatalf("run %d on shuffled input differs:\n%s\nwant:\n%s", i, b, want)
		}
	}
}

func TestRunOptionsErrors(t *testing.T) {
	for _, mod := range []func(*Options){
		func(o *Options) { o.Shingle.Perms = -1 }, // 0 means the default
		func(o *Options) { o.Shingle.Perms = shingle.MaxPerms + 1 },
		func(o *Options) { o.Shingle.K = -1 },
		func(o *Options) { o.SameEvent = 0 },
		func(o *Options) { o.NearDuplicate = 1.5 },
	} {
		o := DefaultOptions()
		mod(&o)
		if _, err := Run(synthetic(), o); err == nil {
			t.Errorf("Run(%+v) succeeded, want an error", o)
		}
	}
	res, err := Run(nil, DefaultOptions())
	if err != nil || len(res.Clusters) != 0 {
		t.Errorf("Run(nil) = %+v, %v; want no clusters", res, err)
	}
}

func TestDiff(t *testing.T) {
	arts := synthetic()
	byID := map[string]*corpus.Article{}
	for _, a := range arts {
		byID[a.ID] = a
	}
	opt := DefaultOptions()
	tests := []struct {
		ids  []string
		want map[[2]string]result.Relation // pair → relation
	}{
		{[]string{"flood-2", "flood-2-reprint"}, map[[2]string]result.Relation{{"flood-2", "flood-2-reprint"}: result.NearDuplicate}},
		{[]string{"chess-2", "chess-1"}, map[[2]string]result.Relation{{"chess-1", "chess-2"}: result.SameEvent}},
		{[]string{"flood-1", "chess-1"}, map[[2]string]result.Relation{{"chess-1", "flood-1"}: result.Unrelated}},
		{[]string{"flood-2-reprint", "chess-1", "flood-2"}, map[[2]string]result.Relation{
			{"chess-1", "flood-2"}: result.Unrelated, {"chess-1", "flood-2-reprint"}: result.Unrelated,
			{"flood-2", "flood-2-reprint"}: result.NearDuplicate}},
	}
	for _, tt := range tests {
		in := make([]*corpus.Article, len(tt.ids))
		for i, id := range tt.ids {
			in[i] = byID[id]
		}
		res, err := Diff(in, opt)
		if err != nil {
			t.Fatalf("Diff(%v): %v", tt.ids, err)
		}
		if len(res.Clusters) != 1 || len(res.Clusters[0].Documents) != len(tt.ids) {
			t.Fatalf("Diff(%v) clusters = %+v, want one cluster of all", tt.ids, res.Clusters)
		}
		got := map[[2]string]result.Relation{}
		for _, p := range res.Clusters[0].Pairs {
			if p.A >= p.B {
				t.Errorf("Diff(%v) pair not ordered: %s, %s", tt.ids, p.A, p.B)
			}
			got[[2]string{p.A, p.B}] = p.Relation
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("Diff(%v) relations = %v, want %v", tt.ids, got, tt.want)
		}
	}
	if _, err := Diff(arts[:1], opt); err == nil {
		t.Error("Diff of one article succeeded, want an error")
	}
}

func TestTermCounts(t *testing.T) {
	got := termCounts("Quake hits Iran", "An earthquake struck southern Iran in 2005. Tara Reid said the Royal Navy helped.")
	for _, k := range []string{"b:quake_hits", "y:2005", "p:tara_reid", "p:royal_navy", "b:southern_iran"} {
		if got[k] == 0 {
			t.Errorf("termCounts missing %q: %v", k, got)
		}
	}
	for _, k := range []string{"w:the", "p:an_earthquake", "b:iran_in"} {
		if got[k] != 0 {
			t.Errorf("termCounts has %q: %v", k, got)
		}
	}
}

func TestTermCountsWeights(t *testing.T) {
	tests := []struct {
		name, title, body, term string
		want                    float64
	}{
		{"body bigram", "", "Quake hits Iran.", "b:quake_hits", 1},
		{"title bigram counts once", "Quake hits Iran", "", "b:quake_hits", 1},
		{"title and body add up", "Quake hits Iran", "A quake hits Iran.", "b:quake_hits", 2},
		{"year counts three times", "", "It happened in 2005.", "y:2005", 3},
		{"name pair counts twice", "", "He met Tara Reid there.", "p:tara_reid", 2},
		{"single word a quarter", "", "Quake hits Iran.", "w:iran", 0.25},
		{"other numbers dropped", "", "It killed 120 people.", "n:120", 0},
	}
	for _, tt := range tests {
		if got := termCounts(tt.title, tt.body)[tt.term]; got != tt.want {
			t.Errorf("%s: termCounts(%q, %q)[%q] = %v, want %v", tt.name, tt.title, tt.body, tt.term, got, tt.want)
		}
	}
}

func TestTermPrior(t *testing.T) {
	tests := []struct {
		term string
		want float64
	}{
		{"y:2024", 0},
		{"b:quake_hits", idfPrior},
		{"p:tara_reid", idfPrior},
		{"w:iran", idfPrior},
	}
	for _, tt := range tests {
		if got := termPrior(tt.term); got != tt.want {
			t.Errorf("termPrior(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}

// TestRunSharedYearAlone checks that short unrelated articles naming the
// same year, as a week of news names the current one, stay apart: years
// weigh three times, so their idf must not assume the year is rare.
func TestRunSharedYearAlone(t *testing.T) {
	mk := func(id, title, text string) *corpus.Article {
		return &corpus.Article{ID: id, Path: id + ".txt", Title: title, Text: text}
	}
	arts := []*corpus.Article{
		mk("bridge", "Bridge closes in Tallow", "The Tallow harbour bridge will close for repairs in March 2024, the city council said."),
		mk("chess", "Okafor wins chess open", "Grandmaster Tunde Okafor won the Quillmere chess open in 2024, beating Mira Salonen."),
		mk("flood", "Floods hit Varnholm", "Heavy rain flooded the Varnholm valley in 2024, forcing 3,000 residents to leave."),
		mk("quake", "Quake hits Qeshm", "A 5.6 earthquake struck Qeshm island in 2024, injuring five people."),
		mk("signing", "Teixeira signs", "Mark Teixeira signed with the Yankees in 2024 for $180 million."),
	}
	res, err := Run(arts, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clusters) != len(arts) {
		t.Errorf("%d clusters of %d unrelated articles naming one year, want %d: %+v", len(res.Clusters), len(arts), len(arts), res.Clusters)
	}
}

func FuzzTermCounts(f *testing.F) {
	f.Add("Title", "Body with U.S. and 1,000 people.\nREAD MORE: x")
	f.Add("\xff\xfe", "İstanbul ǅemal 's '' -- ..")
	f.Fuzz(func(t *testing.T, title, body string) {
		for k, v := range termCounts(title, body) {
			if v <= 0 || len(k) < 3 {
				t.Errorf("termCounts(%q, %q): term %q count %v", title, body, k, v)
			}
		}
	})
}

// ecbArticles loads the ECB+ development documents, or skips.
func ecbArticles(b *testing.B) []*corpus.Article {
	if _, err := os.Stat(ecbplusDir); err != nil {
		b.Skipf("eval data not present: %v", err)
	}
	return loadDir(b, filepath.Join(ecbplusDir, "docs"))
}

// scaled returns n articles made from base by deterministic perturbation:
// copy k of article i drops every (k+2)-th sentence and gets a new id, so
// copies are related but not identical.
func scaled(base []*corpus.Article, n int) []*corpus.Article {
	out := make([]*corpus.Article, 0, n)
	for k := 0; len(out) < n; k++ {
		for _, a := range base {
			if len(out) == n {
				break
			}
			lines := strings.Split(a.Text, "\n")
			var kept []string
			for i, l := range lines {
				if k == 0 || i%(k+2) != 1 {
					kept = append(kept, l)
				}
			}
			c := *a
			c.ID = fmt.Sprintf("%s~%d", a.ID, k)
			c.Text = strings.Join(kept, "\n")
			out = append(out, &c)
		}
	}
	return out
}

func BenchmarkRun(b *testing.B) {
	base := ecbArticles(b)
	for _, n := range []int{len(base), 10000} {
		arts := base
		if n != len(base) {
			arts = scaled(base, n)
		}
		bytes := 0
		for _, a := range arts {
			bytes += len(a.Title) + len(a.Text)
		}
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			b.SetBytes(int64(bytes))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(arts, DefaultOptions()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestDiffLabelsAsRun checks that diff labels the pairs of articles as
// the clustering groups them: unrelated exactly when Run puts the two in
// different events (or one is a near-duplicate of the other).
func TestDiffLabelsAsRun(t *testing.T) {
	arts := synthetic()
	opt := DefaultOptions()
	run, err := Run(arts, opt)
	if err != nil {
		t.Fatal(err)
	}
	event := map[string]string{}
	for _, c := range run.Clusters {
		for _, d := range c.Documents {
			event[d] = c.ID
		}
	}
	diff, err := Diff(arts, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range diff.Clusters[0].Pairs {
		apart := event[p.A] != event[p.B]
		if got := p.Relation == result.Unrelated; got != apart && p.Relation != result.NearDuplicate {
			t.Errorf("Diff pair %s, %s (similarity %.4f): %s; Run puts them in %s and %s", p.A, p.B, p.Similarity, p.Relation, event[p.A], event[p.B])
		}
	}
}
