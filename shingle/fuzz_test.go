package shingle

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

var fuzzSeeds = []string{
	"“Yes,” she said — 3.5% up.",
	"\xff\xfe İstanbul ǅemal",
	"Don’t ½ ﬁ ＡＢＣ１２３，４５ ™ exam\u00ADple",
	"2,069.5.1 U.S. o'' ''a 1,,2 .5 5.",
	"e\u0301\u0301 \u0301a ß ΣΑΣ",
	"",
}

func FuzzTokenize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokenize(s)
		texts := make([]string, len(toks))
		prev := 0
		for i, tok := range toks {
			if tok.Start < prev || tok.Start >= tok.End || tok.End > len(s) {
				t.Fatalf("token %d %v: bad span (previous start %d, len %d)", i, tok, prev, len(s))
			}
			if tok.Text == "" || !utf8.ValidString(tok.Text) {
				t.Fatalf("token %d: text %q empty or invalid UTF-8", i, tok.Text)
			}
			prev = tok.Start
			texts[i] = tok.Text
		}
		// Each span, tokenised alone, gives exactly its tokens.
		for i := 0; i < len(toks); {
			j := i + 1
			for j < len(toks) && toks[j].Start == toks[i].Start {
				j++
			}
			span := s[toks[i].Start:toks[i].End]
			if got := Words(span); !slices.Equal(got, texts[i:j]) {
				t.Errorf("Words(%q) = %q, want the span's tokens %q", span, got, texts[i:j])
			}
			i = j
		}
		if again := Words(strings.Join(texts, " ")); !slices.Equal(texts, again) {
			t.Errorf("Tokenize not stable on its own output:\n%q\n%q", texts, again)
		}
		if w := Words(s); !slices.Equal(w, texts) && !(len(w) == 0 && len(texts) == 0) {
			t.Errorf("Words(s) = %q, want %q", w, texts)
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Errorf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if again := Normalize(n); again != n {
			t.Errorf("Normalize not idempotent: %q -> %q -> %q", s, n, again)
		}
	})
}
