package report

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

// manySources are the ids of a cluster of eleven reports, in the order a
// comparison gives them (by id, so "s_10" before "s_2").
var manySources = []string{"s_1", "s_10", "s_11", "s_2", "s_3", "s_4", "s_5", "s_6", "s_7", "s_8", "s_9"}

// manyComparison is a comparison of eleven sources, as ECB+'s larger
// clusters give: a name one source spells its own way, a figure most
// sources agree on and two do not, a two-way attribution, facts stated by
// many sources in a few wordings, names the extractor typed as people
// with and without a sign of being one, and facts only one source states.
// Its text carries Markdown and HTML where article text can.
func manyComparison() (*result.Comparison, []string) {
	cmp := &result.Comparison{}
	mention := func(doc string, line int, text string) result.Mention {
		return result.Mention{Doc: doc, Line: line, Text: text, Sentence: text + " was said.", Count: 1}
	}
	// F1: a figure in eight sources, in two wordings; conflict 2.
	f1 := result.Fact{ID: "F1", Kind: result.KindFigure, Text: "7 rifles"}
	for i, doc := range []string{"s_1", "s_2", "s_3", "s_4", "s_5", "s_6", "s_10", "s_11"} {
		text := "seven AK-47s"
		if i%3 == 2 {
			text = "7 AK-47 <b>rifles</b>"
		}
		f1.Mentions = append(f1.Mentions, mention(doc, 3+i, text))
	}
	// F2: a figure in two sources.
	f2 := result.Fact{ID: "F2", Kind: result.KindFigure, Text: "23 pirates",
		Mentions: []result.Mention{mention("s_2", 1, "23 pirates"), mention("s_9", 2, "23 pirates")}}
	// F3: only s_7 | a figure.
	f3 := result.Fact{ID: "F3", Kind: result.KindFigure, Text: "three speedboats", Mentions: []result.Mention{mention("s_7", 4, "three speedboats")}}
	// F4: a quote in three sources, credited to two people; conflict 3.
	f4 := result.Fact{ID: "F4", Kind: result.KindQuote, Text: "We acted at once", Mentions: []result.Mention{
		{Doc: "s_1", Line: 5, Text: "We acted at once", Speaker: "Paul Ferguson", SpeakerAs: "researcher Paul Ferguson", SpeakerHow: "named"},
		{Doc: "s_2", Line: 6, Text: "We acted at once", Speaker: "Mike Reavey", SpeakerAs: "Mike Reavey", SpeakerHow: "named"},
		{Doc: "s_9", Line: 7, Text: "We acted at once", Speaker: "Paul Ferguson", SpeakerAs: "Ferguson", SpeakerHow: "named"},
	}}
	// F5: a person by role; F6: a "person" with no sign of being one,
	// in ten sources; F7: the dhow's name, spelled three ways (conflict 1).
	f5 := result.Fact{ID: "F5", Kind: result.KindPerson, Text: "Mike Reavey", Mentions: []result.Mention{
		{Doc: "s_2", Line: 6, Text: "Mike Reavey", Role: "director"}, mention("s_5", 2, "Mike Reavey")}}
	f6 := result.Fact{ID: "F6", Kind: result.KindPerson, Text: "Windows Update"}
	for i, doc := range manySources[:10] {
		f6.Mentions = append(f6.Mentions, mention(doc, 10+i, "Windows Update"))
	}
	f7 := result.Fact{ID: "F7", Kind: result.KindPerson, Text: "Salahaddin"}
	for i, doc := range manySources {
		f7.Mentions = append(f7.Mentions, mention(doc, 20+i, "Salahaddin"))
	}
	// F8: a place only s_4 states; F9: a person only s_8 states, who speaks.
	f8 := result.Fact{ID: "F8", Kind: result.KindPlace, Text: "Aden", Mentions: []result.Mention{mention("s_4", 8, "Aden | *port*")}}
	f9 := result.Fact{ID: "F9", Kind: result.KindPerson, Text: "Paul Ferguson", Mentions: []result.Mention{mention("s_8", 9, "Paul Ferguson")}}
	f10 := result.Fact{ID: "F10", Kind: result.KindQuote, Text: "It spreads", Mentions: []result.Mention{
		{Doc: "s_8", Line: 9, Text: "It spreads like wildfire", Speaker: "Paul Ferguson", SpeakerAs: "Paul Ferguson", SpeakerHow: "named"}}}
	cmp.Facts = []result.Fact{f1, f2, f3, f4, f5, f6, f7, f8, f9, f10}
	cmp.OnlyIn = []result.OnlyIn{{Doc: "s_4", Facts: []string{"F8"}}, {Doc: "s_7", Facts: []string{"F3"}}, {Doc: "s_8", Facts: []string{"F9", "F10"}}}

	spelling := result.Conflict{Kind: result.ConflictSpelling, Fact: "F7", Text: "Salahaddin", Sureness: result.SureHigh,
		Reason: "one source spells the name differently from the others"}
	for i, doc := range manySources {
		v, w := "Salahaddin", "The dhow was named Salahaddin."
		if doc == "s_4" {
			v, w = "Salahuddin", "The dhow, <i>Salahuddin</i>, had a skiff in tow | here."
		}
		spelling.Values = append(spelling.Values, result.ConflictValue{Doc: doc, Line: 20 + i, Value: v, Wording: w})
	}
	figure := result.Conflict{Kind: result.ConflictFigure, Fact: "F1", Text: "seized ak-47", Sureness: result.SureMedium,
		Reason: "exact values differ"}
	for i, m := range f1.Mentions {
		v := "7"
		switch m.Doc {
		case "s_3":
			v = "9"
		case "s_10":
			v = "12"
		}
		figure.Values = append(figure.Values, result.ConflictValue{Doc: m.Doc, Line: m.Line, Value: v, Wording: "They seized " + v + " rifles (" + strconv.Itoa(i) + ")."})
	}
	figure.Values = append(figure.Values, result.ConflictValue{Doc: "s_2", Line: 30, Value: "7", Wording: "Seven rifles, again."})
	quote := result.Conflict{Kind: result.ConflictAttribution, Fact: "F4", Text: "We acted at once", Sureness: result.SureHigh,
		Reason: "credited to different named speakers", Values: []result.ConflictValue{
			{Doc: "s_1", Line: 5, Value: "researcher Paul Ferguson", Wording: "“We acted at once,” researcher Paul Ferguson said."},
			{Doc: "s_2", Line: 6, Value: "Mike Reavey", Wording: "“We acted at once,” Mike Reavey said."},
			{Doc: "s_9", Line: 7, Value: "Ferguson", Wording: "“We acted at once,” Ferguson said."},
		}}
	cmp.Conflicts = []result.Conflict{spelling, figure, quote}
	cmp.Coverage = []result.Coverage{{Kind: result.KindFigure, Aligned: 2, Single: 1, Conflicts: 1},
		{Kind: result.KindQuote, Aligned: 1, Single: 1, Conflicts: 1}, {Kind: result.KindName, Aligned: 3, Single: 2, Conflicts: 1}}
	if len(manySources) <= maxMatrixColumns {
		panic(fmt.Sprintf("manyComparison has %d sources: too few for the matrix by fact", len(manySources)))
	}
	return cmp, manySources
}

// TestMatrixByFact checks where the fact matrix turns from a column per
// source to a row per fact, in every renderer.
func TestMatrixByFact(t *testing.T) {
	tests := []struct {
		sources int
		byFact  bool
	}{{2, false}, {maxMatrixColumns, false}, {maxMatrixColumns + 1, true}, {17, true}}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.sources), func(t *testing.T) {
			var ids []string
			f := result.Fact{ID: "F1", Kind: result.KindFigure, Text: "40 dead"}
			for i := range tt.sources {
				id := "d" + strconv.Itoa(i+1)
				ids = append(ids, id)
				f.Mentions = append(f.Mentions, result.Mention{Doc: id, Line: i + 1, Text: "40 dead"})
			}
			only := result.Fact{ID: "F2", Kind: result.KindPlace, Text: "Arno", Mentions: []result.Mention{{Doc: "d2", Line: 9, Text: "Arno"}}}
			cmp := &result.Comparison{Facts: []result.Fact{f, only}, OnlyIn: []result.OnlyIn{{Doc: "d2", Facts: []string{"F2"}}}}
			res := factsResult(cmp, ids)
			for _, r := range []struct {
				name   string
				render func(w *bytes.Buffer, res *result.Result) error
				want   string // in the output listed by fact, and only then
			}{
				{"markdown", md, "| F1 | figure | " + strconv.Itoa(tt.sources) + "/" + strconv.Itoa(tt.sources) + " | 40 dead: d1 L1, d2 L2"},
				{"table", tbl, "40 dead — d1:1, d2:2"},
				{"html", htm, "<td>40 dead: d1 L1, d2 L2"},
			} {
				out := string(render(t, r.render, res))
				if got := strings.Contains(out, r.want); got != tt.byFact {
					t.Errorf("%s, %d sources: listed by fact = %v, want %v:\n%s", r.name, tt.sources, got, tt.byFact, out)
				}
				if got := strings.Contains(out, "no other source states"); got != tt.byFact {
					t.Errorf("%s, %d sources: facts of one source by source = %v, want %v", r.name, tt.sources, got, tt.byFact)
				}
				if r.name == "markdown" {
					checkMarkdown(t, []byte(out), false)
				}
			}
		})
	}
}

func TestWordings(t *testing.T) {
	cell := func(text, doc string, line int) []cellItem {
		return []cellItem{{text: text, ref: ref{doc: doc, label: doc, line: line}}}
	}
	r := matrixRow{cells: [][]cellItem{cell("500 users", "a", 1), nil, cell("500 Windows users", "c", 3), cell("500 Windows users", "d", 4), cell("500 users", "e", 5), cell("500 Windows users", "f", 6)}}
	var got []string
	for _, w := range r.wordings() {
		s := w.text + ":"
		for _, x := range w.refs {
			s += " " + x.doc
		}
		got = append(got, s)
	}
	if want := []string{"500 Windows users: c d f", "500 users: a e"}; !slices.Equal(got, want) {
		t.Errorf("wordings = %q, want %q", got, want)
	}
}

func TestKnownPerson(t *testing.T) {
	speakers := []string{"paul ferguson", "trend micro researcher paul ferguson", "reavey"}
	tests := []struct {
		name string
		fact result.Fact
		want bool
	}{
		{"a role", result.Fact{Text: "Jerry Yang", Mentions: []result.Mention{{Text: "Jerry Yang", Role: "CEO"}}}, true},
		{"a named speaker", result.Fact{Text: "Paul Ferguson", Mentions: []result.Mention{{Text: "Paul Ferguson"}}}, true},
		{"a short name that speaks", result.Fact{Text: "Reavey", Mentions: []result.Mention{{Text: "Reavey"}}}, true},
		{"a full name inside an attribution", result.Fact{Text: "Paul Ferguson", Mentions: []result.Mention{{Text: "Ferguson"}}}, true},
		{"a product", result.Fact{Text: "Windows Update", Mentions: []result.Mention{{Text: "Windows Update"}}}, false},
		{"one word inside an attribution is not enough", result.Fact{Text: "Trend", Mentions: []result.Mention{{Text: "Trend"}}}, false},
		{"a part of a word is not a name", result.Fact{Text: "Paul Fergus", Mentions: []result.Mention{{Text: "Paul Fergus"}}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := knownPerson(&tt.fact, speakers); got != tt.want {
				t.Errorf("knownPerson(%q) = %v, want %v", tt.fact.Text, got, tt.want)
			}
		})
	}
}
