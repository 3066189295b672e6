package report

import (
	"slices"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

func TestNaturalCompare(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       int
	}{
		{"numbers as numbers", "27_ecb_2", "27_ecb_10", -1},
		{"longer number later", "27_ecb_10", "27_ecb_9", 1},
		{"equal", "27_ecb_1", "27_ecb_1", 0},
		{"text decides", "1_ecb_3", "1_ecbplus_3", -1},
		{"leading number", "2_ecb_1", "13_ecb_1", -1},
		{"prefix first", "a", "a1", -1},
		{"leading zeros tie broken by bytes", "a007", "a7", -1},
		{"leading zeros same value", "a07b", "a7a", 1},
		{"no digits", "herald", "gazette", 1},
		{"huge numbers", "x99999999999999999999", "x100000000000000000000", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := naturalCompare(tt.a, tt.b); got != tt.want {
				t.Errorf("naturalCompare(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
			if got := naturalCompare(tt.b, tt.a); got != -tt.want {
				t.Errorf("naturalCompare(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
			}
		})
	}
}

func TestNaturalCompareSorts(t *testing.T) {
	in := []string{"27_ecb_1", "27_ecb_10", "27_ecb_11", "27_ecb_2", "27_ecb_3", "27_ecb_20", "27_ecb_9"}
	want := []string{"27_ecb_1", "27_ecb_2", "27_ecb_3", "27_ecb_9", "27_ecb_10", "27_ecb_11", "27_ecb_20"}
	got := slices.Clone(in)
	slices.SortFunc(got, naturalCompare)
	if !slices.Equal(got, want) {
		t.Errorf("sorted naturally: %q, want %q", got, want)
	}
}

// TestSourcesOrder checks that a cluster's sources, its pairs and a
// conflict's statements are listed in natural order, whatever the order
// of the result.
func TestSourcesOrder(t *testing.T) {
	ids := []string{"s_1", "s_10", "s_11", "s_2", "s_9"}
	want := []string{"s_1", "s_2", "s_9", "s_10", "s_11"}
	res := &result.Result{}
	for _, id := range ids {
		res.Documents = append(res.Documents, result.Document{ID: id})
	}
	c := result.Cluster{ID: "c1", Documents: ids,
		Pairs: []result.Pair{{A: "s_10", B: "s_2"}, {A: "s_1", B: "s_10"}, {A: "s_1", B: "s_2"}},
		Comparison: &result.Comparison{Conflicts: []result.Conflict{{Kind: result.ConflictFigure,
			Values: []result.ConflictValue{{Doc: "s_10", Line: 3, Value: "4"}, {Doc: "s_2", Line: 5, Value: "5"}, {Doc: "s_2", Line: 1, Value: "5"}}}}}}
	res.Clusters = []result.Cluster{c}
	v := newView(res)
	srcs := v.sources(&res.Clusters[0])
	var got []string
	for _, s := range srcs {
		got = append(got, s.label)
	}
	if !slices.Equal(got, want) {
		t.Errorf("sources = %q, want %q", got, want)
	}
	var pairs [][2]string
	for _, r := range pairRows(&res.Clusters[0]) {
		pairs = append(pairs, [2]string{r[0], r[1]})
	}
	if want := [][2]string{{"s_1", "s_2"}, {"s_1", "s_10"}, {"s_2", "s_10"}}; !slices.Equal(pairs, want) {
		t.Errorf("pairs = %q, want %q", pairs, want)
	}
	var stmts []ref
	for _, x := range v.conflicts(res.Clusters[0].Comparison, srcs)[0].values {
		stmts = append(stmts, ref{doc: x.doc, line: x.line})
	}
	if want := []ref{{doc: "s_2", line: 1}, {doc: "s_2", line: 5}, {doc: "s_10", line: 3}}; !slices.EqualFunc(stmts, want, func(a, b ref) bool { return a.doc == b.doc && a.line == b.line }) {
		t.Errorf("conflict statements = %v, want %v", stmts, want)
	}
}

func TestSourceTable(t *testing.T) {
	headline := result.Document{ID: "a", Title: "Fire guts church", TitleLine: 1}
	sentence := result.Document{ID: "b", Title: "A fire gutted the church on Friday night.", TitleLine: 1}
	given := result.Document{ID: "c", Title: "Church fire: arson suspected."} // a Title header
	dated := result.Document{ID: "d", Title: "Church fire was arson", TitleLine: 1, Date: "2008-12-13"}
	long := result.Document{ID: "e", TitleLine: 1, Title: "An arsonist has badly damaged the church attended by the Governor of Alaska Sarah Palin and her family on Friday night"}
	tests := []struct {
		name string
		docs []result.Document
		want []string
	}{
		{"no date: no Date column", []result.Document{headline, given}, []string{"Source", "Headline", "Words"}},
		{"a date: Date column", []result.Document{headline, dated}, []string{"Source", "Date", "Headline", "Words"}},
		{"first lines that are sentences", []result.Document{headline, sentence}, []string{"Source", "First line", "Words"}},
		{"a long first line", []result.Document{long}, []string{"Source", "First line", "Words"}},
		{"given titles and sentences", []result.Document{given, sentence}, []string{"Source", "Headline or first line", "Words"}},
		{"a given title ending in a full stop", []result.Document{given}, []string{"Source", "Headline", "Words"}},
		{"a dateline", []result.Document{headline, {ID: "f", TitleLine: 1, Title: "May 2, 2013, 1:12 PM"}}, []string{"Source", "First line", "Words"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var srcs []source
			for i := range tt.docs {
				srcs = append(srcs, source{doc: &tt.docs[i], label: tt.docs[i].ID})
			}
			st := newSourceTable(srcs)
			if !slices.Equal(st.header, tt.want) {
				t.Errorf("header = %q, want %q", st.header, tt.want)
			}
			for _, r := range st.rows(srcs, 90) {
				if len(r) != len(st.header) {
					t.Errorf("row %q has %d cells, want %d", r, len(r), len(st.header))
				}
			}
		})
	}
}

// TestPassagesOrder checks that a shared passage's copies are listed in
// natural source order, each after the first marked against it, and the
// passages in the order of their first copies.
func TestPassagesOrder(t *testing.T) {
	ids := []string{"s_1", "s_10", "s_2", "s_9"}
	res := &result.Result{}
	for _, id := range ids {
		res.Documents = append(res.Documents, result.Document{ID: id})
	}
	pm := func(doc string, line int, text string) result.PassageMention {
		return result.PassageMention{Doc: doc, Line: line, Text: text}
	}
	cmp := &result.Comparison{SharedPassages: []result.SharedPassage{
		{Similarity: 1, Mentions: []result.PassageMention{pm("s_2", 1, "b"), pm("s_9", 1, "b")}},
		{Similarity: 0.5, Mentions: []result.PassageMention{pm("s_10", 2, "a x"), pm("s_2", 5, "a y"), pm("s_1", 3, "a z")}},
	}}
	res.Clusters = []result.Cluster{{ID: "c1", Documents: ids, Comparison: cmp}}
	v := newView(res)
	var got []string
	for _, p := range v.passages(cmp, v.sources(&res.Clusters[0])) {
		var copies []string
		for _, c := range p.copies {
			copies = append(copies, c.doc+":"+markdownDiff(c.diff))
		}
		got = append(got, strings.Join(copies, " "))
	}
	want := []string{"s_1:a z s_2:a ~~z~~ **y** s_10:a ~~z~~ **x**", "s_2:b s_9:b"}
	if !slices.Equal(got, want) {
		t.Errorf("passages = %q, want %q", got, want)
	}
}

func TestReadsAsHeadline(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Iran Villagers Shelter In Tents After Killer Quake", true},
		{"'Several die' in south Iran quake", true},
		{"Microsoft releases emergency patch for IE...", true},
		{"The quake struck the island on Sunday, killing ten people.", false},
		{"May 2, 2013, 1:12 PM", false},
		{"Last Updated: Monday, 28 November 2005, 02:24 GMT", false},
		{"Posted: Nov 27, 2005 8:20 AM ET Last Updated: Nov 27, 2005 8:10 PM ET", false},
		{"November 28th, 2005, 09:11 GMT", false},
		{"11/28/05", false},
	}
	for _, tt := range tests {
		if got := readsAsHeadline(tt.line); got != tt.want {
			t.Errorf("readsAsHeadline(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}
