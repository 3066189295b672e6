package facts

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storydiff/storydiff/corpus"
)

func FuzzExtract(f *testing.F) {
	f.Add("“We will not retreat!” Prigozhin said. Gen. Smith sent 2,069 troops on December 21.")
	f.Add("\"Unclosed quote. He said\n\n“” \"\" “")
	f.Add("Between 10 and 20 people, about 5% of $3 million, the 74-year-old, hundreds of thousands")
	f.Add("\xff\xfe İstanbul ǅemal U.S. Dr. . . . ! ? ” Mr.")
	f.Add("On Sunday last week, two days after 15 September, 2021, in 2014 — 23:51 May")
	f.Fuzz(func(t *testing.T, s string) {
		a := &corpus.Article{ID: "a", Text: s, FirstLine: 2, Time: time.Date(2021, 9, 15, 0, 0, 0, 0, time.UTC)}
		lines := strings.Count(s, "\n") + 1
		for _, x := range Extract(a) {
			if x.Span[0] < 0 || x.Span[0] > x.Span[1] || x.Span[1] > len(s) {
				t.Fatalf("%s %q: span %v outside [0,%d]", x.Kind, x.Text, x.Span, len(s))
			}
			if x.Line < 2 || x.Line >= 2+lines {
				t.Fatalf("%s %q: line %d outside [2,%d]", x.Kind, x.Text, x.Line, 1+lines)
			}
			if utf8.ValidString(s) && !utf8.ValidString(x.Text) {
				t.Fatalf("%s: invalid UTF-8 wording %q from valid input", x.Kind, x.Text)
			}
		}
		b := &corpus.Article{ID: "b", Text: s + "\nThe end.", FirstLine: 1}
		c := Compare([]*corpus.Article{a, b})
		for _, x := range c.Conflicts {
			if len(x.Values) < 2 {
				t.Fatalf("conflict %+v has fewer than two values", x)
			}
		}
	})
}

// TestPathological runs inputs that would make quadratic steps explode:
// thousands of repeated sentences, one endless line, unbalanced quotes,
// shouting, a wall of numbers. Each article is compared with a copy of
// itself: no conflict may appear but the article's own spelling variants.
func TestPathological(t *testing.T) {
	inputs := map[string]string{
		"repeated sentence": strings.Repeat("The minister said the army sent 300 soldiers to Bangui on Monday. ", 3000),
		"one long line":     strings.Repeat("word, ", 50000),
		"punctuation":       strings.Repeat(".!?“”\"'", 10000),
		"unclosed quotes":   strings.Repeat("“He said we will go, ", 3000),
		"shouting":          strings.Repeat("PRESIDENT JOHN SMITH MET GENERAL JANE DOE IN PARIS. ", 2000),
		"numbers":           strings.Repeat("12 34 5,600 7.8% $9 million 10-20 ", 3000),
		"names":             strings.Repeat("Smith met Smyth and Jones met Jonse in Paris. ", 3000),
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			a := &corpus.Article{ID: "a", Text: text, FirstLine: 1}
			b := &corpus.Article{ID: "b", Text: text, FirstLine: 1}
			c := Compare([]*corpus.Article{a, b})
			for _, f := range c.Facts {
				for _, m := range f.Mentions {
					if m.Span[0] < 0 || m.Span[1] > len(text) || m.Span[0] > m.Span[1] {
						t.Fatalf("%s: span %v outside the text", f.ID, m.Span)
					}
				}
			}
			for _, x := range c.Conflicts {
				if x.Kind != ConflictSpelling {
					t.Errorf("conflict between identical copies: %+v", x)
				}
			}
		})
	}
}
