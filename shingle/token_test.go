package shingle

import (
	"slices"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"curly quotes", "“Yes,” she said.", []string{"yes", "she", "said"}},
		{"apostrophe kept", "Don’t stop, O'Neill's", []string{"don't", "stop", "o'neill's"}},
		{"edge apostrophes", "'quoted' rock'", []string{"quoted", "rock"}},
		{"decimal", "Up 3.5% in Q2.", []string{"up", "3.5", "in", "q2"}},
		{"thousands", "2,069 dead, 12 hurt", []string{"2,069", "dead", "12", "hurt"}},
		{"comma between words", "dead,hurt 1,a", []string{"dead", "hurt", "1", "a"}},
		{"abbreviation", "U.S. forces", []string{"u", "s", "forces"}},
		{"hyphen splits", "well-known COVID-19", []string{"well", "known", "covid", "19"}},
		{"em dash", "Bangui—the capital", []string{"bangui", "the", "capital"}},
		{"ligature", "ﬁnancial", []string{"financial"}},
		{"turkish", "İstanbul ILIK", []string{"istanbul", "ilik"}},
		{"full-width digits", "１２３，４５６ yen", []string{"123,456", "yen"}},
		{"vulgar fraction", "½ cup", []string{"1", "2", "cup"}},
		{"accents", "Bozizé, São Tomé", []string{"bozizé", "são", "tomé"}},
		{"soft hyphen", "exam\u00ADple", []string{"example"}},
		{"non-latin", "Москва 東京", []string{"москва", "東京"}},
		{"invalid utf-8", "ab\xffcd \xfe", []string{"ab", "cd"}},
		{"only punctuation", "... --- !!!", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range Tokenize(tt.in) {
				got = append(got, tok.Text)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if w := Words(tt.in); !slices.Equal(w, tt.want) {
				t.Errorf("Words(%q) = %q, want %q", tt.in, w, tt.want)
			}
		})
	}
}

func TestTokenizeOffsets(t *testing.T) {
	tests := []struct {
		in   string
		want []Token
	}{
		{"“Yes,” she said", []Token{{"yes", 3, 6}, {"she", 11, 14}, {"said", 15, 19}}},
		{"Don’t — ﬁne", []Token{{"don't", 0, 7}, {"fine", 12, 17}}},
		{"İstanbul ２,０", []Token{{"istanbul", 0, 9}, {"2,0", 10, 17}}},
		{"½x", []Token{{"1", 0, 3}, {"2x", 0, 3}}},
	}
	for _, tt := range tests {
		got := Tokenize(tt.in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Tokenize(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// TestTokenizeSpansMapBack checks on real articles that every span, cut
// from the original and normalised, gives back the token text.
func TestTokenizeSpansMapBack(t *testing.T) {
	for i, text := range append(seedTexts(t), newsArticle(1, 4096)) {
		toks := Tokenize(text)
		if len(toks) == 0 {
			t.Fatalf("text %d: no tokens", i)
		}
		for _, tok := range toks {
			if got := Normalize(text[tok.Start:tok.End]); got != tok.Text {
				t.Errorf("text %d: Normalize(text[%d:%d]) = %q, want token %q", i, tok.Start, tok.End, got, tok.Text)
			}
		}
	}
}

func TestTokenizePathological(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want int // tokens
	}{
		{"one 4 MB word", strings.Repeat("a", 4<<20), 1},
		{"65000 repeats", strings.Repeat("word ", 65000), 65000},
		{"all punctuation", strings.Repeat(".,;:!?-—“”()", 50000), 0},
		{"invalid utf-8", strings.Repeat("\xff\xfe\xc3", 100000), 0},
		{"long non-ASCII word", strings.Repeat("é", 1<<20), 1},
		{"joiner chain", strings.Repeat("1,", 100000) + "1", 1},
	}
	m := NewMinHasher(32, 1)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(Tokenize(tt.in)); got != tt.want {
				t.Errorf("len(Tokenize) = %d, want %d", got, tt.want)
			}
			for _, kind := range []Kind{Word, Char} {
				sig := m.SignText(Options{Kind: kind}, tt.in, nil)
				if empty := sig[0] == EmptySlot; empty != (tt.want == 0) {
					t.Errorf("kind %d: signature empty = %v, want %v", kind, empty, tt.want == 0)
				}
			}
		})
	}
}
