package facts

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

// generatedArticle returns a news-like article of about size bytes whose
// cast grows with it: a new person every few sentences, so the number of
// distinct names is proportional to the length (the case that made linking
// quadratic).
func generatedArticle(size int) string {
	r := rand.New(rand.NewPCG(1, 2))
	syl := []string{"ka", "lo", "mi", "ren", "dor", "vas", "ti", "bel", "sun", "gar", "po", "lin", "ze",
		"rak", "mo", "nu", "fer", "sha", "tov", "ich", "an", "el", "bru", "kov"}
	word := func(n int) string {
		var w strings.Builder
		for range n {
			w.WriteString(syl[r.IntN(len(syl))])
		}
		s := w.String()
		return strings.ToUpper(s[:1]) + s[1:]
	}
	type person struct{ first, last string }
	var cast []person
	var places, orgs []string
	var b strings.Builder
	for b.Len() < size {
		if len(cast) == 0 || r.IntN(3) == 0 {
			cast = append(cast, person{word(2), word(3)})
		}
		if len(places) == 0 || r.IntN(8) == 0 {
			places = append(places, word(3))
		}
		if len(orgs) == 0 || r.IntN(8) == 0 {
			orgs = append(orgs, word(2)+" Group")
		}
		p := cast[r.IntN(len(cast))]
		pl, org := places[r.IntN(len(places))], orgs[r.IntN(len(orgs))]
		switch r.IntN(6) {
		case 0:
			fmt.Fprintf(&b, "%s %s, the chief executive of %s, said on Tuesday that %d workers were hurt in %s. ",
				p.first, p.last, org, r.IntN(500), pl)
		case 1:
			fmt.Fprintf(&b, "\"We will rebuild the plant,\" %s told reporters in %s. ", p.last, pl)
		case 2:
			fmt.Fprintf(&b, "Police Chief %s %s said the fire started at the %s Center near %s. ", p.first, p.last, word(2), pl)
		case 3:
			fmt.Fprintf(&b, "%s's spokesman declined to comment, and the %s denied the report. ", p.last, org)
		case 4:
			fmt.Fprintf(&b, "Residents of %s, where %s %s was born, gathered on %d March. ", pl, p.first, p.last, 1+r.IntN(28))
		default:
			fmt.Fprintf(&b, "The %s Stars beat the %s Rangers 3-2, and %s scored twice. ", pl, word(2), p.last)
		}
		if r.IntN(5) == 0 {
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// craftedArticle is one sentence whose capitalised run spans the whole
// text: "A." is an initial, so nothing ends the sentence or the run.
func craftedArticle(size int) string {
	return "Officials said. " + strings.Repeat("A. ", size/3)
}

// BenchmarkExtractLarge extracts the facts of generated articles of 1 MB
// and 8 MB and of a crafted 120 KB one, for the cost of entity extraction
// and linking on large inputs (go test -bench ExtractLarge ./compare/facts).
func BenchmarkExtractLarge(b *testing.B) {
	for _, bc := range []struct {
		name string
		text string
	}{
		{"generated-1MB", generatedArticle(1 << 20)},
		{"generated-8MB", generatedArticle(8 << 20)},
		{"crafted-120KB", craftedArticle(120 << 10)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			a := &corpus.Article{ID: "large", Text: bc.text, FirstLine: 1}
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				Extract(a)
			}
		})
	}
}

// BenchmarkEntitiesLarge measures entity extraction alone (sentences and
// tokens prepared beforehand) on the same inputs.
func BenchmarkEntitiesLarge(b *testing.B) {
	for _, bc := range []struct {
		name string
		text string
	}{
		{"generated-1MB", generatedArticle(1 << 20)},
		{"generated-8MB", generatedArticle(8 << 20)},
		{"crafted-120KB", craftedArticle(120 << 10)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			a := &corpus.Article{ID: "large", Text: bc.text, FirstLine: 1}
			sents := splitSentences(a.Text)
			toks := make([][]token, len(sents))
			for i, s := range sents {
				toks[i] = tokenize(a.Text, s.start, s.end)
			}
			vocab := lowerVocabulary([]*corpus.Article{a})
			b.SetBytes(int64(len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				extractEntities(a.Text, sents, toks, vocab)
			}
		})
	}
}

// BenchmarkCompareLarge compares a large article with an edited copy of
// itself (one figure in ten changed), the whole diff path: extraction of
// both, alignment, spelling variants, shared passages (go test -bench
// CompareLarge ./compare/facts).
func BenchmarkCompareLarge(b *testing.B) {
	for _, bc := range []struct {
		name string
		text string
	}{
		{"generated-1MB", generatedArticle(1 << 20)},
		{"generated-8MB", generatedArticle(8 << 20)},
		{"crafted-120KB", craftedArticle(120 << 10)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			a := &corpus.Article{ID: "a", Text: bc.text, FirstLine: 1}
			edited := strings.ReplaceAll(bc.text, "0 workers", "7 workers")
			c := &corpus.Article{ID: "b", Text: edited, FirstLine: 1}
			b.SetBytes(int64(2 * len(bc.text)))
			b.ReportAllocs()
			for b.Loop() {
				Compare([]*corpus.Article{a, c})
			}
		})
	}
}
