package report

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/compare/facts"
	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/result"
)

// floodArticles are three hand-written reports of one flood: a wire story,
// a reprint that changes a figure, a speaker and a spelling, and an
// independent report.
func floodArticles() []*corpus.Article {
	day := time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC) // a Monday
	return []*corpus.Article{
		{ID: "gazette", Time: day, FirstLine: 3, Text: "Floods forced 3,000 residents from their homes in the Arno valley on Sunday, officials said.\n\n" +
			"“The water rose faster than anyone expected,” Mayor Anna Kowalski said.\n\n" +
			"The Red Cross opened 12 shelters in Florence and nearby towns.\n"},
		{ID: "herald", Time: day, FirstLine: 3, Text: "Floods forced 3,000 residents from their homes in the Arno valley on Sunday, officials said.\n\n" +
			"“The water rose faster than anyone expected,” a fire chief said.\n\n" +
			"The Red Cross opened 8 shelters in Florence, according to Mayor Anna Kowalsky.\n"},
		{ID: "wire", Time: day, FirstLine: 2, Text: "Thousands of residents fled rising water in Tuscany on Sunday.\n" +
			"Rescuers from the Civil Protection Department used boats to reach villages.\n"},
	}
}

func floodComparison() (*result.Comparison, []string) {
	arts := floodArticles()
	return facts.Compare(arts), []string{"gazette", "herald", "wire"}
}

// hostileComparison carries Markdown and HTML wherever a comparison has text.
func hostileComparison() (*result.Comparison, []string) {
	hi := 5.0
	return &result.Comparison{
		Facts: []result.Fact{{ID: "F1", Kind: "figure", Text: "5 | pipes", Mentions: []result.Mention{
			{Doc: "a|b", Line: 2, Text: "5 <b>bold</b>\n| x |", Value: &result.Value{Lo: 5, Hi: &hi, Exact: true}},
		}}, {ID: "F2", Kind: "quote", Text: "`code` [link](http://x)", Mentions: []result.Mention{
			{Doc: "a|b", Line: 3, Text: "- list\n# heading", Speaker: "**Bold** Speaker"},
			{Doc: "c", Line: 4, Text: "ok", SpeakerAs: "<script>x</script>"},
		}}},
		Conflicts: []result.Conflict{{Kind: "attribution", Fact: "F2", Text: "q|q", Values: []result.ConflictValue{
			{Doc: "a|b", Line: 3, Value: "**Bold** Speaker", Wording: "line\nbreak | pipe"},
			{Doc: "c", Line: 4, Value: "<script>x</script>", Wording: "&amp; www.evil.test"},
		}}},
		OnlyIn: []result.OnlyIn{{Doc: "a|b", Facts: []string{"F1"}}, {Doc: "c", Facts: []string{}}},
		SharedPassages: []result.SharedPassage{{Similarity: 0.75, Mentions: []result.PassageMention{
			{Doc: "a|b", Line: 1, Text: "1. ordered | x"}, {Doc: "c", Line: 9, Text: "+ plus"},
		}}},
	}, []string{"a|b", "c"}
}

// factCases are comparisons to render, with their documents' ids.
var factCases = []struct {
	name string
	cmp  func() (*result.Comparison, []string)
}{{"Floods", floodComparison}, {"Hostile", hostileComparison}, {"ManySources", manyComparison}, {"Empty", func() (*result.Comparison, []string) {
	return &result.Comparison{}, []string{"a", "b"}
}}}

// factsResult wraps a comparison in a result of one cluster, its
// documents carrying their text when they are the flood articles.
func factsResult(cmp *result.Comparison, ids []string) *result.Result {
	res := &result.Result{Version: "test", Command: "diff", Direct: true,
		Clusters: []result.Cluster{{ID: "c1", Documents: ids, Comparison: cmp}}}
	arts := map[string]*corpus.Article{}
	for _, a := range floodArticles() {
		arts[a.ID] = a
	}
	for _, id := range ids {
		d := result.Document{ID: id, Words: 10}
		if a, ok := arts[id]; ok {
			d.Source, d.Text, d.FirstLine, d.Link = a.Source, a.Text, a.FirstLine, "floods/"+id+".txt"
		}
		res.Documents = append(res.Documents, d)
	}
	return res
}

// factSections are the headings of a cluster's fact comparison, in order.
var factSections = []string{"### Conflicts to check", "### Fact matrix", "### Shared passages"}

func TestFactsMarkdown(t *testing.T) {
	for _, tc := range factCases {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, md, factsResult(tc.cmp()))
			golden(t, ".golden.md", out)
			checkMarkdown(t, out, false)
			last := -1
			for _, s := range factSections {
				i := bytes.Index(out, []byte(s))
				if i <= last {
					t.Errorf("section %q missing or out of order", s)
				}
				last = i
			}
		})
	}
}

func TestFactsTable(t *testing.T) {
	for _, tc := range factCases[:3] {
		t.Run(tc.name, func(t *testing.T) {
			out := render(t, tbl, factsResult(tc.cmp()))
			golden(t, ".golden.txt", out)
			if bytes.ContainsAny(out, "\x1b\x00") {
				t.Errorf("terminal output holds control characters")
			}
		})
	}
}

// TestFactsFloods checks the content the goldens show: the reprint's three
// changes are the conflicts, and the wire report's own facts are only-in.
func TestFactsFloods(t *testing.T) {
	cmp, _ := floodComparison()
	var kinds []string
	for _, c := range cmp.Conflicts {
		kinds = append(kinds, string(c.Kind)+"/"+string(c.Sureness))
	}
	// Surest first: exact counts that differ, a quote credited to a named
	// mayor and to an unnamed fire chief, a spelling that may be a
	// transliteration.
	if got, want := strings.Join(kinds, ","), "figure/high,attribution/medium,spelling/low"; got != want {
		t.Errorf("conflict kinds = %s, want %s: %+v", got, want, cmp.Conflicts)
	}
	var wireOnly []string
	for _, o := range cmp.OnlyIn {
		if o.Doc == "wire" {
			for _, id := range o.Facts {
				wireOnly = append(wireOnly, cmp.FactByID(id).Text)
			}
		}
	}
	for _, w := range []string{"Tuscany", "Civil Protection Department"} {
		found := false
		for _, x := range wireOnly {
			found = found || x == w
		}
		if !found {
			t.Errorf("only in wire = %q, want %q among them", wireOnly, w)
		}
	}
}

// TestFactsInReport renders a whole report with a fact comparison: the
// summary before the conflicts, the conflicts before the matrix, the
// appendix last, and line references linked to the articles' files.
func TestFactsInReport(t *testing.T) {
	out := string(render(t, md, factsResult(floodComparison())))
	checkMarkdown(t, []byte(out), false)
	last := -1
	for _, s := range []string{"# storydiff report", "## c1", "| Source |", "**3 conflicts to check", "### Conflicts to check",
		"### Fact matrix", "### Shared passages", "## Articles that stand alone", "## Appendix"} {
		i := strings.Index(out, s)
		if i <= last {
			t.Errorf("%q missing or out of order in:\n%s", s, out)
		}
		last = i
	}
	if !strings.Contains(out, "[line 3](floods/gazette.txt#L3)") {
		t.Errorf("no line reference linked to its file in:\n%s", out)
	}
}
