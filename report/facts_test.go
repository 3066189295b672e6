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

func TestFactsMarkdown(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmp  func() (*result.Comparison, []string)
	}{{"Floods", floodComparison}, {"Hostile", hostileComparison}, {"Empty", func() (*result.Comparison, []string) {
		return &result.Comparison{}, []string{"a", "b"}
	}}} {
		t.Run(tc.name, func(t *testing.T) {
			cmp, ids := tc.cmp()
			var buf bytes.Buffer
			if err := factsMarkdown(&buf, cmp, ids); err != nil {
				t.Fatal(err)
			}
			golden(t, ".golden.md", buf.Bytes())
			checkMarkdown(t, buf.Bytes(), false)
			// Sections in order.
			last := -1
			for _, s := range []string{"### Conflicts to check", "### Fact matrix", "### Only in this source", "### Shared passages"} {
				i := bytes.Index(buf.Bytes(), []byte(s))
				if i <= last {
					t.Errorf("section %q missing or out of order", s)
				}
				last = i
			}
		})
	}
}

func TestFactsTable(t *testing.T) {
	for _, tc := range []struct {
		name string
		cmp  func() (*result.Comparison, []string)
	}{{"Floods", floodComparison}, {"Hostile", hostileComparison}} {
		t.Run(tc.name, func(t *testing.T) {
			cmp, ids := tc.cmp()
			var buf bytes.Buffer
			if err := factsTable(&buf, cmp, ids); err != nil {
				t.Fatal(err)
			}
			golden(t, ".golden.txt", buf.Bytes())
			if bytes.ContainsAny(buf.Bytes(), "\x1b\x00") {
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

// TestFactsInReport renders a whole report with a fact comparison.
func TestFactsInReport(t *testing.T) {
	cmp, ids := floodComparison()
	res := &result.Result{Version: "test", Command: "diff",
		Documents: []result.Document{{ID: "gazette"}, {ID: "herald"}, {ID: "wire"}},
		Clusters:  []result.Cluster{{ID: "1", Documents: ids, Comparison: cmp}}}
	out := render(t, md, res)
	checkMarkdown(t, out, false)
	if !bytes.Contains(out, []byte("### Conflicts to check")) {
		t.Errorf("report lacks the fact sections:\n%s", out)
	}
	render(t, tbl, res)
}
