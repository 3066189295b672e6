package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.* files")

// threeSourceResult is one event reported by three outlets, a reprinted
// wire story, and two articles that stand alone.
func threeSourceResult() *result.Result {
	return &result.Result{
		Version: "v0.0.0-test",
		Command: "compare",
		Inputs:  []string{"testdata/floods", "extra.jsonl"},
		Params: result.Params{
			ShingleKind: "word", ShingleSize: 5, Permutations: 128, Seed: 42,
			Bands: 32, Rows: 4, NearDuplicate: 0.8, SameEvent: 0.25,
		},
		Documents: []result.Document{
			{ID: "budget-a", Path: "extra.jsonl", Source: "Wire Service", Title: "Council approves budget after late-night session", Date: "2024-03-04", Words: 402},
			{ID: "budget-b", Path: "extra.jsonl", Source: "Metro Daily", Title: "Council approves budget after late-night session", Date: "2024-03-05", Words: 398},
			{ID: "flood-gazette", Path: "testdata/floods/gazette.txt", Source: "Valley Gazette", Title: "Thousands flee as river bursts its banks", Date: "2024-03-03", Words: 689},
			{ID: "flood-herald", Path: "testdata/floods/herald.html", Source: "Northern Herald", Title: "River valley floods displace 3,000 residents", Date: "2024-03-02", Words: 430},
			{ID: "flood-wire", Path: "testdata/floods/wire.txt", Source: "Wire Service", Title: "Floods force thousands from homes in river valley", Date: "2024-03-02", Words: 512},
			{ID: "match-report", Path: "testdata/floods/sport.txt", Source: "Sports Desk", Title: "Late goal settles derby", Date: "2024-03-02", Words: 350},
			{ID: "untitled", Path: "extra.jsonl", Words: 57},
		},
		Clusters: []result.Cluster{
			{ID: "c1", Documents: []string{"flood-gazette", "flood-herald", "flood-wire"}, Pairs: []result.Pair{
				{A: "flood-gazette", B: "flood-herald", Similarity: 0.312, Jaccard: 0.041, Relation: result.SameEvent},
				{A: "flood-gazette", B: "flood-wire", Similarity: 0.298, Jaccard: 0.035, Relation: result.SameEvent},
				{A: "flood-herald", B: "flood-wire", Similarity: 0.9124, Jaccard: 0.9124, Relation: result.NearDuplicate},
			}},
			{ID: "c2", Documents: []string{"budget-a", "budget-b"}, Pairs: []result.Pair{
				{A: "budget-a", B: "budget-b", Similarity: 0.95, Jaccard: 0.95, Relation: result.NearDuplicate},
			}},
			{ID: "c3", Documents: []string{"match-report"}},
			{ID: "c4", Documents: []string{"untitled"}, Pairs: []result.Pair{}},
		},
	}
}

// adversarialResult puts hostile text wherever the result carries text.
func adversarialResult() *result.Result {
	long := strings.Repeat("Très long titre 👩‍👩‍👧 avec des mots ", 10)
	return &result.Result{
		Version: "v1 | <b>beta</b>",
		Command: "compare\n# injected heading",
		Inputs:  []string{"dir|with|pipes", "-", "`rm -rf`", "a\\b"},
		Params:  result.Params{ShingleKind: "<i>char</i>", ShingleSize: 3, Permutations: 64, Seed: 1, Bands: 16, Rows: 4, NearDuplicate: 0.8, SameEvent: 0.3},
		Documents: []result.Document{
			{ID: "a|b", Source: "Evil | Source", Title: "<script>alert(1)</script>", Date: "2024-01-01\n| x | y |", Words: 10},
			{ID: "id\nwith newline", Source: "**bold** _it_ ~~gone~~", Title: "Back\\slash \\| and `code` and [link](http://x.test) ![img](y.png)", Date: "<b>date</b>", Words: 20},
			{ID: "emoji-🙂", Source: "Ünïcödé\tsource\r\nline two", Title: long, Words: 30},
			{ID: "- list", Source: "1. ordered", Title: "# not a heading ##", Words: 40},
			{ID: "html", Source: "&amp; &copy; &#60;", Title: "<!-- comment --> <img src=x onerror=alert(1)> www.evil.test mail@evil.test https://evil.test", Words: 50},
			{ID: "ctl", Source: "\x1b[31mred\x1b[0m\u202eevil", Title: "tab\there\x00nul \xff bad utf8 $x^2$ :smile:", Words: 60},
		},
		Clusters: []result.Cluster{
			{ID: "c|1", Documents: []string{"a|b", "emoji-🙂", "id\nwith newline"}, Pairs: []result.Pair{
				{A: "a|b", B: "emoji-🙂", Similarity: 0.5, Jaccard: 0.25, Relation: result.SameEvent},
				{A: "a|b", B: "id\nwith newline", Similarity: 0.4, Jaccard: 0.125, Relation: "<i>odd</i>"},
				{A: "emoji-🙂", B: "id\nwith newline", Similarity: 0.1, Jaccard: 0.0625, Relation: ""},
			}},
			{ID: "c\n## 2", Documents: []string{"- list", "missing-doc"}, Pairs: nil},
			{ID: "c3", Documents: []string{"html"}},
			{ID: "c4", Documents: []string{"ctl"}},
		},
	}
}

var cases = []struct {
	name string
	res  func() *result.Result
}{
	{"ThreeSources", threeSourceResult},
	{"Adversarial", adversarialResult},
	{"Empty", func() *result.Result { return &result.Result{Direct: true} }},
}

// golden compares got with testdata/<test name><ext>, rewriting it with -update.
func golden(t *testing.T, ext string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", strings.ReplaceAll(t.Name(), "/", "_")+ext)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update and review the diff):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func render(t *testing.T, f func(w *bytes.Buffer, res *result.Result) error, res *result.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := f(&buf, res); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func md(w *bytes.Buffer, res *result.Result) error  { return Markdown(w, res) }
func htm(w *bytes.Buffer, res *result.Result) error { return HTML(w, res) }
func tbl(w *bytes.Buffer, res *result.Result) error { return Table(w, res) }
func jsn(w *bytes.Buffer, res *result.Result) error { return JSON(w, res) }

func TestMarkdown(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, md, tc.res())
			golden(t, ".golden.md", got)
			checkMarkdown(t, got, true)
		})
	}
}

func TestTable(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, tbl, tc.res())
			golden(t, ".golden.txt", got)
			for i, r := range string(got) {
				if r == 0xFFFD && !strings.Contains(tc.name, "Adversarial") {
					t.Errorf("replacement character at byte %d", i)
				}
				if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || invisibleFormat(r) {
					t.Errorf("control or format character %U at byte %d", r, i)
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := render(t, jsn, tc.res())
			golden(t, ".golden.json", got)
		})
	}
}

// TestMarkdownRendersRawText checks, on hostile input, that every table
// cell, heading and header item renders as exactly the raw text it came
// from (cleaned to one line, titles truncated) and nothing else.
func TestMarkdownRendersRawText(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.res()
			r := checkMarkdown(t, render(t, md, res), true)
			v := newView(res)

			var wantTables [][][]string
			table := func(header []string, rows [][]string) {
				tab := [][]string{cleanRow(header)}
				for _, row := range rows {
					tab = append(tab, cleanRow(row))
				}
				wantTables = append(wantTables, tab)
			}
			wantHeadings := []string{"storydiff report"}
			if len(v.groups) > 1 {
				table(summaryHeader, v.summaryRows(markdownTitleWidth))
			}
			for _, c := range v.groups {
				h := sanitize(c.ID)
				if lead := truncate(v.leadTitle(c), markdownTitleWidth); lead != "" {
					h += " — " + lead
				}
				wantHeadings = append(wantHeadings, h)
				srcs := v.sources(c)
				st := newSourceTable(srcs)
				table(st.header, st.rows(srcs, markdownTitleWidth))
			}
			wantHeadings = append(wantHeadings, "Articles that stand alone")
			if len(v.singletons) > 0 {
				srcs := v.singletonSources()
				st := newSourceTable(srcs)
				table(st.header, st.rows(srcs, markdownTitleWidth))
			}
			wantHeadings = append(wantHeadings, "Appendix: engine settings and pair similarities")
			for _, c := range v.groups {
				wantHeadings = append(wantHeadings, "Pairs in "+sanitize(c.ID))
				if len(c.Pairs) > 0 {
					table(pairHeader, pairRows(c))
				}
			}

			if !slices.Equal(r.headings, wantHeadings) {
				t.Errorf("headings = %q, want %q", r.headings, wantHeadings)
			}
			if !reflect.DeepEqual(r.tables, wantTables) {
				t.Errorf("tables = %q\nwant %q", r.tables, wantTables)
			}

			var inputs []string
			sorted := slices.Clone(res.Inputs)
			slices.SortFunc(sorted, naturalCompare)
			for _, in := range sorted {
				inputs = append(inputs, plainCell(in))
			}
			wantItems := []string{"Inputs: " + orDash(strings.Join(inputs, ", "))}
			_, _, ps := v.params()
			for _, p := range ps {
				wantItems = append(wantItems, p.label+": "+plainCell(p.value))
			}
			if !slices.Equal(r.items, wantItems) {
				t.Errorf("header items = %q, want %q", r.items, wantItems)
			}
		})
	}
}

func cleanRow(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = plainCell(c)
	}
	return out
}

// TestMarkdownWithFacts renders clusters that carry a fact comparison and
// checks that the whole report is still well-formed GFM.
func TestMarkdownWithFacts(t *testing.T) {
	for _, tc := range cases[:2] {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.res()
			for i := range res.Clusters {
				if len(res.Clusters[i].Documents) > 1 {
					res.Clusters[i].Comparison = &result.Comparison{}
				}
			}
			checkMarkdown(t, render(t, md, res), false)
			render(t, tbl, res)
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range []struct {
		name string
		fn   func(*bytes.Buffer, *result.Result) error
	}{{"Markdown", md}, {"Table", tbl}, {"HTML", htm}, {"JSON", jsn}} {
		for _, tc := range cases {
			t.Run(f.name+"/"+tc.name, func(t *testing.T) {
				a := render(t, f.fn, tc.res())
				b := render(t, f.fn, tc.res())
				if !bytes.Equal(a, b) {
					t.Errorf("two renderings differ:\n%s\n---\n%s", a, b)
				}
			})
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := tc.res()
			out := render(t, jsn, res)
			if !bytes.HasSuffix(out, []byte("}\n")) {
				t.Errorf("output does not end in a newline")
			}
			if !reflect.DeepEqual(res, tc.res()) {
				t.Errorf("JSON modified its input")
			}

			var back result.Result
			if err := json.Unmarshal(out, &back); err != nil {
				t.Fatal(err)
			}
			want := jsonView(res)
			want.Direct = false // how the result was made: not in the JSON
			// JSON strings are UTF-8: invalid bytes come back as U+FFFD.
			want.Documents = slices.Clone(want.Documents)
			for i := range want.Documents {
				d := &want.Documents[i]
				for _, f := range []*string{&d.ID, &d.Path, &d.Source, &d.Title, &d.Date} {
					*f = strings.ToValidUTF8(*f, "\uFFFD")
				}
			}
			if !reflect.DeepEqual(&back, want) {
				t.Errorf("round trip:\ngot  %+v\nwant %+v", back, *want)
			}

			var top map[string]json.RawMessage
			if err := json.Unmarshal(out, &top); err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range top {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			if want := []string{"clusters", "command", "documents", "inputs", "params", "version"}; !slices.Equal(keys, want) {
				t.Errorf("top-level keys = %q, want %q", keys, want)
			}

			var tree any
			if err := json.Unmarshal(out, &tree); err != nil {
				t.Fatal(err)
			}
			if path, ok := findNull(tree, "$"); ok {
				t.Errorf("null at %s", path)
			}
			if bytes.ContainsAny(out, "<>&") {
				t.Errorf("unescaped HTML character in JSON output")
			}
		})
	}
}

// findNull returns the path of the first null in a decoded JSON value.
func findNull(v any, path string) (string, bool) {
	switch v := v.(type) {
	case nil:
		return path, true
	case []any:
		for i, e := range v {
			if p, ok := findNull(e, path+"["+strconv.Itoa(i)+"]"); ok {
				return p, true
			}
		}
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p, ok := findNull(v[k], path+"."+k); ok {
				return p, true
			}
		}
	}
	return "", false
}

// failWriter fails after n bytes.
type failWriter struct{ n int }

var errWrite = errors.New("disk full")

func (f *failWriter) Write(p []byte) (int, error) {
	if len(p) > f.n {
		n := f.n
		f.n = 0
		return n, errWrite
	}
	f.n -= len(p)
	return len(p), nil
}

func TestWriteErrors(t *testing.T) {
	renderers := []struct {
		name string
		fn   func(w *failWriter, res *result.Result) error
	}{
		{"Markdown", func(w *failWriter, res *result.Result) error { return Markdown(w, res) }},
		{"Table", func(w *failWriter, res *result.Result) error { return Table(w, res) }},
		{"JSON", func(w *failWriter, res *result.Result) error { return JSON(w, res) }},
		{"HTML", func(w *failWriter, res *result.Result) error { return HTML(w, res) }},
	}
	for _, r := range renderers {
		fw := &failWriter{n: 1 << 30}
		if err := r.fn(fw, threeSourceResult()); err != nil {
			t.Fatal(err)
		}
		size := 1<<30 - fw.n
		for _, n := range []int{0, size / 2, size - 1} {
			t.Run(r.name, func(t *testing.T) {
				if err := r.fn(&failWriter{n: n}, threeSourceResult()); !errors.Is(err, errWrite) {
					t.Errorf("%s on a writer failing after %d bytes = %v, want %v", r.name, n, err, errWrite)
				}
			})
		}
		t.Run(r.name+"/nil", func(t *testing.T) {
			if err := r.fn(&failWriter{n: 1 << 20}, nil); err == nil {
				t.Errorf("%s(nil result) = nil error, want one", r.name)
			}
		})
	}
}

func TestRelationMix(t *testing.T) {
	tests := []struct {
		name  string
		pairs []result.Pair
		want  string
	}{
		{"none", nil, ""},
		{"one", []result.Pair{{Relation: result.SameEvent}}, "1 same-event"},
		{"most first", []result.Pair{{Relation: result.NearDuplicate}, {Relation: result.SameEvent}, {Relation: result.SameEvent}}, "2 same-event, 1 near-duplicate"},
		{"ties by name", []result.Pair{{Relation: result.SameEvent}, {Relation: result.NearDuplicate}}, "1 near-duplicate, 1 same-event"},
		{"unrelated", []result.Pair{{Relation: ""}}, "1 unrelated"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := relationMix(&result.Cluster{Pairs: tt.pairs}); got != tt.want {
				t.Errorf("relationMix(%v) = %q, want %q", tt.pairs, got, tt.want)
			}
		})
	}
}

func TestTableRowsMustMatchHeader(t *testing.T) {
	header := []string{"a", "b"}
	for _, rows := range [][][]string{{{"1"}}, {{"1", "2", "3"}}} {
		var buf bytes.Buffer
		if err := writeMarkdownTable(&buf, header, rows); err == nil {
			t.Errorf("writeMarkdownTable(%q, %q) = nil error, want one", header, rows)
		}
		if err := writeTextTable(&buf, header, rows); err == nil {
			t.Errorf("writeTextTable(%q, %q) = nil error, want one", header, rows)
		}
		if buf.Len() != 0 {
			t.Errorf("failed tables wrote %q, want nothing", buf.String())
		}
	}
}

func TestWriteMarkdownTable(t *testing.T) {
	var buf bytes.Buffer
	err := writeMarkdownTable(&buf, []string{"kind", "text|x"}, [][]string{
		{"quote", "“We will stay,” he said | *really*"},
		{"", "line one\nline two"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "\n| kind | text\\|x |\n| --- | --- |\n| quote | “We will stay,” he said \\| \\*really\\* |\n| — | line one line two |\n"
	if got := buf.String(); got != want {
		t.Errorf("writeMarkdownTable wrote\n%q\nwant\n%q", got, want)
	}
	r := checkMarkdown(t, buf.Bytes(), true)
	wantTab := [][][]string{{{"kind", "text|x"}, {"quote", "“We will stay,” he said | *really*"}, {"—", "line one line two"}}}
	if !reflect.DeepEqual(r.tables, wantTab) {
		t.Errorf("rendered %q, want %q", r.tables, wantTab)
	}
}

// syntheticResult builds a result of n documents in clusters of one to
// four, with titles of realistic length and some characters to escape.
func syntheticResult(n int) *result.Result {
	res := &result.Result{Version: "bench", Command: "compare", Inputs: []string{"corpus/"}}
	for i := range n {
		res.Documents = append(res.Documents, result.Document{
			ID:     fmt.Sprintf("doc-%05d", i),
			Path:   fmt.Sprintf("corpus/doc-%05d.txt", i),
			Source: []string{"Wire Service", "Daily <Herald>", "The *Gazette*", "Radio | News"}[i%4],
			Title:  fmt.Sprintf("Officials say %d people were moved after the river rose — “we had no choice” [update %d]", i*7, i%3),
			Date:   "2024-03-02",
			Words:  300 + i%500,
		})
	}
	for i, c := 0, 0; i < n; c++ {
		size := min(1+c%4, n-i)
		cl := result.Cluster{ID: fmt.Sprintf("c%d", c+1)}
		for j := range size {
			cl.Documents = append(cl.Documents, res.Documents[i+j].ID)
		}
		for a := 0; a < size; a++ {
			for b := a + 1; b < size; b++ {
				cl.Pairs = append(cl.Pairs, result.Pair{A: cl.Documents[a], B: cl.Documents[b], Similarity: 0.4, Jaccard: 0.05, Relation: result.SameEvent})
			}
		}
		res.Clusters = append(res.Clusters, cl)
		i += size
	}
	return res
}

func BenchmarkRender(b *testing.B) {
	for _, f := range []struct {
		name string
		fn   func(io.Writer, *result.Result) error
	}{{"Markdown", Markdown}, {"Table", Table}, {"JSON", JSON}} {
		for _, n := range []int{100, 1000} {
			res := syntheticResult(n)
			b.Run(fmt.Sprintf("%s/n=%d", f.name, n), func(b *testing.B) {
				var buf bytes.Buffer
				if err := f.fn(&buf, res); err != nil {
					b.Fatal(err)
				}
				b.SetBytes(int64(buf.Len()))
				b.ReportAllocs()
				for b.Loop() {
					if err := f.fn(io.Discard, res); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// TestSyntheticMarkdown checks a larger generated report end to end.
func TestSyntheticMarkdown(t *testing.T) {
	res := syntheticResult(60)
	r := checkMarkdown(t, render(t, md, res), true)
	v := newView(res)
	// Summary, sources per group, singletons, pairs per group.
	if got, want := len(r.tables), 1+len(v.groups)+1+len(v.groups); got != want {
		t.Errorf("%d tables, want %d", got, want)
	}
	rows := 0
	for _, tab := range r.tables[1:] {
		if tab[0][0] == "Source" {
			rows += len(tab) - 1
		}
	}
	if rows != len(res.Documents) {
		t.Errorf("member and singleton tables list %d articles, want %d", rows, len(res.Documents))
	}
}

func TestWriteEscapedMarkdownTable(t *testing.T) {
	var buf bytes.Buffer
	if err := writeEscapedMarkdownTable(&buf, []string{"a"}, nil, [][]string{{"x\ny"}}); err == nil {
		t.Errorf("writeEscapedMarkdownTable accepted a cell with a newline")
	}
	if buf.Len() != 0 {
		t.Errorf("failed table wrote %q, want nothing", buf.String())
	}
	if err := writeEscapedMarkdownTable(&buf, []string{"kind", "n"}, []string{"", "right"}, [][]string{{"**conflict**", " "}}); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "\n| kind | n |\n| --- | ---: |\n| **conflict** | — |\n"; got != want {
		t.Errorf("writeEscapedMarkdownTable wrote %q, want %q", got, want)
	}
}
