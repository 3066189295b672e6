package facts

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/storydiff/storydiff/internal/corpus"
)

// The ECB+ measurement runs when FACTS_ECB names the ecbplus directory
// (FACTS_ECB=/work/shared/eval/ecbplus go test -run TestECBExtraction -v).
// It logs recall and approximate precision; it asserts only that the
// data was read, since the numbers are for the note, not a gate.

type goldMention struct {
	file       string
	tag        string
	start, end int
	text       string
	sentence   string
}

func ecbDir(tb testing.TB) string {
	dir := os.Getenv("FACTS_ECB")
	if dir == "" {
		tb.Skip("set FACTS_ECB to the ecbplus directory to run")
	}
	return dir
}

func readGold(t testing.TB, dir string) []goldMention {
	f, err := os.Open(filepath.Join(dir, "mentions.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldMention
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for first := true; sc.Scan(); first = false {
		if first {
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 10 {
			continue
		}
		s, _ := strconv.Atoi(c[7])
		e, _ := strconv.Atoi(c[8])
		out = append(out, goldMention{file: c[0], tag: c[2], start: s, end: e, text: c[9], sentence: c[3]})
	}
	return out
}

// ecbArticle reads one ECB+ document whole, so gold byte offsets index Text.
func ecbArticle(tb testing.TB, dir, file string) *corpus.Article {
	b, err := os.ReadFile(filepath.Join(dir, "docs", file))
	if err != nil {
		tb.Fatal(err)
	}
	return &corpus.Article{ID: strings.TrimSuffix(file, ".txt"), Text: string(b), FirstLine: 1}
}

func goldKind(tag string) string {
	switch {
	case tag == "HUMAN_PART_PER":
		return KindPerson
	case tag == "HUMAN_PART_ORG":
		return KindOrganization
	case strings.HasPrefix(tag, "LOC_"):
		return KindPlace
	case tag == "TIME_DATE":
		return KindDate
	}
	return ""
}

// named reports whether a gold entity mention is a name: a capitalised
// word that is not a common word ("The", "He").
func named(text string) bool {
	for _, w := range strings.Fields(text) {
		w = strings.Trim(w, `"'“”(),.`)
		if w == "" {
			continue
		}
		if unicode.IsUpper([]rune(w)[0]) && !commonWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

var calendarRe = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|aug|sept?|oct|nov|dec|yesterday|today|tomorrow|tonight|week|weekend|month|year|\d{4}|\d{1,2})\b`)

func TestECBExtraction(t *testing.T) {
	dir := ecbDir(t)
	gold := readGold(t, dir)
	byFile := map[string][]goldMention{}
	for _, g := range gold {
		byFile[g.file] = append(byFile[g.file], g)
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)

	type tally struct{ gold, typed, any int }
	recall := map[string]*tally{}
	for _, k := range []string{KindPerson, KindOrganization, KindPlace, KindDate, "date (calendar)"} {
		recall[k] = &tally{}
	}
	var predAnnotated, predHit, predTyped int
	for _, file := range files {
		a := ecbArticle(t, dir, file)
		d := extractDoc(a, lowerVocabulary([]*corpus.Article{a}))
		var ents []item
		for _, it := range d.all {
			if isEntity(it.kind) || it.kind == KindDate {
				ents = append(ents, it)
			}
		}
		overlap := func(it item, g goldMention) bool { return it.start < g.end && g.start < it.end }
		annotatedSent := map[int]bool{} // lines with a gold entity mention
		for _, g := range byFile[file] {
			k := goldKind(g.tag)
			if k == "" {
				continue
			}
			if k != KindDate {
				if !named(g.text) {
					continue
				}
				annotatedSent[a.Line(g.start)] = true
			}
			keys := []string{k}
			if k == KindDate && calendarRe.MatchString(g.text) {
				keys = append(keys, "date (calendar)")
			}
			typed, anyHit := false, false
			for _, it := range ents {
				if !overlap(it, g) {
					continue
				}
				if it.kind == k {
					typed = true
				}
				if (it.kind == KindDate) == (k == KindDate) {
					anyHit = true
				}
			}
			for _, key := range keys {
				r := recall[key]
				r.gold++
				if typed {
					r.typed++
				}
				if anyHit {
					r.any++
				}
			}
		}
		// Precision, approximately: our entity mentions on lines that carry
		// gold named-entity annotation, against the gold entities there.
		for _, it := range ents {
			if !isEntity(it.kind) || !annotatedSent[a.Line(it.start)] {
				continue
			}
			predAnnotated++
			hit, typed := false, false
			for _, g := range byFile[file] {
				k := goldKind(g.tag)
				if k == "" || k == KindDate || !overlap(it, g) {
					continue
				}
				hit = true
				typed = typed || k == it.kind
			}
			if hit {
				predHit++
			}
			if typed {
				predTyped++
			}
		}
	}
	if len(files) == 0 {
		t.Fatal("no ECB+ documents read")
	}
	t.Logf("ECB+ %d documents", len(files))
	for _, k := range []string{KindPerson, KindOrganization, KindPlace, KindDate, "date (calendar)"} {
		r := recall[k]
		t.Logf("recall %-16s gold %5d  found (right kind) %5d = %.3f  found (any entity kind) %5d = %.3f",
			k, r.gold, r.typed, ratio(r.typed, r.gold), r.any, ratio(r.any, r.gold))
	}
	t.Logf("precision (entities on annotated lines): %d predicted, %d overlap a gold entity = %.3f, right kind %d = %.3f",
		predAnnotated, predHit, ratio(predHit, predAnnotated), predTyped, ratio(predTyped, predAnnotated))
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TestECBConflicts compares the facts inside every gold event cluster of
// ECB+ and logs the conflicts per kind (and, with FACTS_ECB_SHOW=kind,
// lists them for manual review: the precision figures in the note come
// from reading these).
func TestECBConflicts(t *testing.T) {
	dir := ecbDir(t)
	f, err := os.Open(filepath.Join(dir, "gold.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	groups := map[string][]*corpus.Article{}
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		c := strings.Split(sc.Text(), "\t")
		if first || len(c) < 2 {
			continue
		}
		groups[c[1]] = append(groups[c[1]], ecbArticle(t, dir, c[0]))
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	count := map[string]int{}
	facts, shared, docs := 0, 0, 0
	show := os.Getenv("FACTS_ECB_SHOW")
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool { return g[i].ID < g[j].ID })
		c := Compare(g)
		docs += len(g)
		facts += len(c.Facts)
		shared += len(c.SharedPassages)
		for _, x := range c.Conflicts {
			if _, ok := conflictOrder[x.Kind]; !ok || len(x.Values) < 2 {
				t.Errorf("%s: malformed conflict %+v", k, x)
			}
			count[x.Kind]++
			if x.Kind == show {
				var vs []string
				for _, v := range x.Values {
					vs = append(vs, v.Doc+":"+strconv.Itoa(v.Line)+" "+v.Value+" ‖ "+v.Wording)
				}
				t.Logf("%s %s %q\n    %s", k, x.Kind, x.Text, strings.Join(vs, "\n    "))
			}
		}
	}
	t.Logf("%d clusters, %d documents, %d aligned facts, %d shared passages; conflicts: attribution %d, figure %d, date %d, spelling %d",
		len(keys), docs, facts, shared, count[ConflictAttribution], count[ConflictFigure], count[ConflictDate], count[ConflictSpelling])
}
