package facts

import (
	"encoding/json"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/storydiff/storydiff/corpus"
)

// onlyInTexts returns, per document, the fact texts no other source carries.
func onlyInTexts(c *Comparison) map[string][]string {
	out := map[string][]string{}
	for _, o := range c.OnlyIn {
		for _, id := range o.Facts {
			f := c.FactByID(id)
			out[o.Doc] = append(out[o.Doc], string(f.Kind)+":"+f.Mentions[0].Text)
		}
	}
	return out
}

func conflictKinds(c *Comparison) []string {
	var out []string
	for _, x := range c.Conflicts {
		out = append(out, string(x.Kind))
	}
	return out
}

// TestSeedPair checks the acceptance criteria on the bundled pair of
// reports of one event: every expectation follows from general rules.
func TestSeedPair(t *testing.T) {
	a, b := seed(t, "000"), seed(t, "001")
	c := Compare([]*corpus.Article{a, b})

	// Quotes both carry, attributed to different speakers.
	for _, q := range []string{"several hundred soldiers and heavy weapons", "several hundred men who are on the ground"} {
		found := false
		for _, x := range c.Conflicts {
			if x.Kind == ConflictAttribution && strings.Contains(x.Text, q) && len(x.Values) == 2 &&
				x.Values[0].Value != x.Values[1].Value {
				found = true
			}
		}
		if !found {
			t.Errorf("no attribution conflict for the quote %q; conflicts: %+v", q, c.Conflicts)
		}
	}
	// The name misspelt within one report.
	found := false
	for _, x := range c.Conflicts {
		if x.Kind != ConflictSpelling {
			continue
		}
		var spellings []string
		for _, v := range x.Values {
			spellings = append(spellings, v.Value)
		}
		if slices.Contains(spellings, "Bodganov") && (slices.Contains(spellings, "Bogdanov") || slices.Contains(spellings, "Mikhail Bogdanov")) {
			found = true
		}
	}
	if !found {
		t.Errorf("no spelling conflict Bogdanov/Bodganov; conflicts: %+v", c.Conflicts)
	}
	// No other conflict: the two reports agree on every figure they share.
	for _, x := range c.Conflicts {
		if x.Kind == ConflictFigure || x.Kind == ConflictDate {
			t.Errorf("unexpected %s conflict: %+v", x.Kind, x)
		}
	}
	only := onlyInTexts(c)
	want := map[string][]string{
		a.ID: {"date:December 21", "date:December 27", "date:2016", "person:Dmitry Peskov", "person:Mikhail Bogdanov",
			"organization:Interfax", "organization:Kremlin"},
		b.ID: {"date:2014", "date:2003", "date:2013", "figure:74-year-old", "person:Ange Maxime Kazagui",
			"organization:MINUSCA", "place:Kigali"},
	}
	for doc, ws := range want {
		for _, w := range ws {
			if !slices.Contains(only[doc], w) {
				t.Errorf("only-in %s lacks %q; has %q", doc, w, only[doc])
			}
		}
	}
	// Facts both carry are not "only in".
	for doc, got := range only {
		for _, shared := range []string{"person:Francois Bozize", "place:Bangui", "place:Russia", "place:Rwanda"} {
			if slices.Contains(got, shared) {
				t.Errorf("only-in %s has %q, which both report", doc, shared)
			}
		}
	}
}

// TestSeedPairDeterministic compares twice and in both orders of input.
func TestSeedPairDeterministic(t *testing.T) {
	a, b := seed(t, "000"), seed(t, "001")
	x, _ := json.Marshal(Compare([]*corpus.Article{a, b}))
	y, _ := json.Marshal(Compare([]*corpus.Article{a, b}))
	if string(x) != string(y) {
		t.Errorf("Compare is not deterministic")
	}
}

var digitsRe = regexp.MustCompile(`\d[\d,]*`)

// editFigure changes the first figure of an article to a value its range
// excludes.
func editFigure(a *corpus.Article) (string, bool) {
	for _, f := range Extract(a) {
		if f.Kind != KindFigure || f.Value == nil || f.Title {
			continue
		}
		var n float64
		if f.Value.Hi == nil {
			n = math.Floor(f.Value.Lo / 3)
		} else {
			n = *f.Value.Hi*3 + 7
		}
		num := strconv.FormatFloat(n, 'f', -1, 64)
		w := f.Text
		var nw string
		if loc := digitsRe.FindStringIndex(w); loc != nil {
			nw = w[:loc[0]] + num + w[loc[1]:]
		} else {
			fields := strings.Fields(w)
			nw = num + " " + fields[len(fields)-1]
		}
		return a.Text[:f.Span[0]] + nw + a.Text[f.Span[1]:], true
	}
	return "", false
}

// editSpeaker replaces the named speaker of the first quote attributed
// after the quotation ("…," X said) by another name.
func editSpeaker(a *corpus.Article) (string, string, bool) {
	for _, f := range Extract(a) {
		if f.Kind != KindQuote || f.Speaker == "" || !unicode.IsUpper(firstRune(f.Speaker)) {
			continue
		}
		toks := nameTokens(f.Speaker)
		last := toks[len(toks)-1]
		rest := a.Text[f.Span[1]:]
		if end := strings.IndexAny(rest, "\n"); end >= 0 {
			rest = rest[:end]
		}
		i := strings.Index(rest, last)
		if i < 0 {
			continue
		}
		from, to := f.Span[1]+i, f.Span[1]+i+len(last)
		// Extend back over the rest of the name as written.
		for {
			pre := strings.TrimRight(a.Text[:from], " -")
			k := strings.LastIndexAny(pre, " -\n\"“”") + 1
			w := pre[k:]
			if w == "" || !strings.Contains(f.Speaker, w) {
				break
			}
			from = k
		}
		return a.Text[:from] + "Jonathan Smithers" + a.Text[to:], f.Speaker, true
	}
	return "", "", false
}

func withText(a *corpus.Article, id, text string) *corpus.Article {
	return &corpus.Article{ID: id, Title: a.Title, Text: text, FirstLine: a.FirstLine, Time: a.Time}
}

// TestEditedCopies compares an article with copies edited in one place:
// the comparison must show exactly that difference.
func TestEditedCopies(t *testing.T) {
	for _, prefix := range []string{"000", "001", "002", "003", "004"} {
		orig := seed(t, prefix)
		t.Run(prefix+"/exact copy", func(t *testing.T) {
			c := Compare([]*corpus.Article{orig, withText(orig, "zz-copy", orig.Text)})
			if got := conflictKinds(c); !onlyWithin(got, ConflictSpelling) {
				t.Errorf("conflicts = %q, want none (bar spelling inside the article)", got)
			}
			assertSpellingWithin(t, c)
			if got := onlyInTexts(c); len(got) != 0 {
				t.Errorf("only-in = %q, want none", got)
			}
		})
		if text, ok := editFigure(orig); ok {
			t.Run(prefix+"/figure changed", func(t *testing.T) {
				c := Compare([]*corpus.Article{orig, withText(orig, "zz-copy", text)})
				if got := strings.Join(filterOut(conflictKinds(c), ConflictSpelling), ","); got != ConflictFigure {
					t.Errorf("conflicts = %q, want [figure]: %+v", got, c.Conflicts)
				}
				if got := onlyInTexts(c); len(got) != 0 {
					t.Errorf("only-in = %q, want none", got)
				}
			})
		}
		if text, old, ok := editSpeaker(orig); ok {
			t.Run(prefix+"/speaker replaced", func(t *testing.T) {
				c := Compare([]*corpus.Article{orig, withText(orig, "zz-copy", text)})
				// The quote, and quotes resolved to its speaker (continuations,
				// pronouns), change speaker; nothing else does.
				last := nameTokens(old)[len(nameTokens(old))-1]
				n := 0
				for _, x := range c.Conflicts {
					if x.Kind == ConflictSpelling {
						continue
					}
					n++
					if x.Kind != ConflictAttribution || !strings.Contains(x.Values[0].Value, last) || !strings.Contains(x.Values[1].Value, "Jonathan Smithers") {
						t.Errorf("conflict %+v, want an attribution %s → Jonathan Smithers", x, old)
					}
				}
				if n == 0 {
					t.Errorf("no attribution conflict after replacing %s", old)
				}
				for doc, texts := range onlyInTexts(c) {
					for _, x := range texts {
						if doc == "zz-copy" && x != "person:Jonathan Smithers" ||
							doc != "zz-copy" && !strings.HasPrefix(x, "person:") && !strings.Contains(old, strings.TrimPrefix(x, "person:")) {
							t.Errorf("only-in %s has %q; want only the speaker change (%s → Jonathan Smithers)", doc, x, old)
						}
					}
				}
			})
		}
		t.Run(prefix+"/sentence removed", func(t *testing.T) {
			sents := splitSentences(orig.Text)
			for si, s := range sents {
				text := orig.Text[:s.start] + orig.Text[s.end:]
				c := Compare([]*corpus.Article{orig, withText(orig, "zz-copy", text)})
				if got := filterOut(conflictKinds(c), ConflictSpelling); len(got) != 0 {
					t.Errorf("sentence %d removed: conflicts = %q, want none: %+v", si, got, c.Conflicts)
				}
				for _, o := range c.OnlyIn {
					for _, id := range o.Facts {
						f := c.FactByID(id)
						m := f.Mentions[0]
						if o.Doc == "zz-copy" {
							t.Errorf("sentence %d removed: copy has only-in %s %q", si, f.Kind, m.Text)
						} else if m.Span[0] < s.start || m.Span[1] > s.end {
							t.Errorf("sentence %d removed: only-in %s %q at %v is outside the removed sentence %v", si, f.Kind, m.Text, m.Span, [2]int{s.start, s.end})
						}
					}
				}
			}
		})
	}
}

func onlyWithin(kinds []string, allowed string) bool {
	for _, k := range kinds {
		if k != allowed {
			return false
		}
	}
	return true
}

func filterOut(kinds []string, drop string) []string {
	var out []string
	for _, k := range kinds {
		if k != drop {
			out = append(out, k)
		}
	}
	return out
}

// assertSpellingWithin checks that spelling conflicts of an article and its
// copy are the article's own variants, found in both.
func assertSpellingWithin(t *testing.T, c *Comparison) {
	t.Helper()
	for _, x := range c.Conflicts {
		docs := map[string]bool{}
		for _, v := range x.Values {
			docs[v.Doc] = true
		}
		if len(docs) != 2 {
			t.Errorf("spelling conflict %+v is not in both copies", x)
		}
	}
}

// TestFigureAlignment checks independent wordings of one count: a precision
// difference is not a conflict; incompatible counts of the same thing are.
func TestFigureAlignment(t *testing.T) {
	tests := []struct {
		name, a, b string
		conflict   bool
		aligned    bool
	}{
		{"hundreds vs 300", "Russia has sent hundreds of soldiers to the country, the ministry said.",
			"The ministry said Russia had sent 300 soldiers to the country.", false, true},
		{"300 vs 500", "Russia has sent 300 soldiers to the country, the ministry said.",
			"The ministry said Russia had sent 500 soldiers to the country.", true, true},
		{"different things counted", "Rebels killed 300 soldiers near the border last year.",
			"The government flew 500 soldiers into the capital on Monday to guard the palace.", false, false},
		// The first sum in each lead is the story's: it aligns, and with only
		// two sources and little shared wording it is no sure conflict.
		{"the sums of two leads", "Armed robbers stole diamonds valued at 85 million euros ($108 million) from a Paris jeweller.\n\nPolice said four men took part.",
			"Thieves made off with an estimated $102 million in jewelry.\n\nThe store was closed on Friday.", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare([]*corpus.Article{{ID: "a", Text: tt.a, FirstLine: 1}, {ID: "b", Text: tt.b, FirstLine: 1}})
			conflict, aligned := false, false
			for _, x := range c.Conflicts {
				conflict = conflict || x.Kind == ConflictFigure
			}
			for _, f := range c.Facts {
				aligned = aligned || f.Kind == KindFigure && len(f.Mentions) == 2
			}
			if conflict != tt.conflict || aligned != tt.aligned {
				t.Errorf("figure conflict = %v, aligned = %v; want %v, %v\n%+v", conflict, aligned, tt.conflict, tt.aligned, c)
			}
		})
	}
}

// TestIndependentReports checks the discrepancies an editor finds between
// independently written reports of one event: the same quantity in
// different words, approximate against exact, dates of one happening,
// names spelled two ways; and what is not a discrepancy. The sentences are
// written for the test; each case is one mechanism.
func TestIndependentReports(t *testing.T) {
	ref := time.Date(2025, 3, 5, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, a, b string
		kind       string // the conflict expected, "" for none
		sureness   string // its sureness, when one is expected
	}{
		{"toll in other words", "The strike killed 40 people, officials said.",
			"The death toll from the strike rose to 42 on Wednesday.", ConflictFigure, SureHigh},
		{"exact vs at least", "The strike left 40 people dead.",
			"At least 43 people were killed in the strike.", ConflictFigure, SureMedium},
		{"magnitude", "A magnitude 7.6 earthquake struck the coast.",
			"The 7.7-magnitude quake struck the coast on Sunday.", ConflictFigure, SureHigh},
		{"wives", "Blackmore, who has 19 wives, was charged with polygamy.",
			"Blackmore has 20 wives, prosecutors said as they charged him with polygamy.", ConflictFigure, ""},
		{"about vs exact", "About 1,000 people were sheltering in schools after the floods.",
			"Some 350 people were sheltering in schools after the floods.", ConflictFigure, SureLow},
		{"children", "The school had 439 children on its roll.",
			"More than 450 children were on the school's roll.", ConflictFigure, SureMedium},
		{"dozens fits 40", "Dozens of people were killed in the strike.",
			"The strike killed 40 people.", "", ""},
		{"killed is not wounded", "The blast killed 12 people in the market.",
			"The blast wounded 30 people in the market.", "", ""},
		{"arrest day", "Police arrested the two men on Tuesday in the capital.",
			"The two men were arrested on Wednesday in the capital.", ConflictDate, ""},
		{"ousted year", "The president was ousted in 2002 after mass protests.",
			"The president was ousted in 2003 after mass protests.", ConflictDate, SureHigh},
		{"local time vs GMT", "The quake struck at 7:37 AM local time.",
			"The quake struck at 07:37 GMT.", ConflictDate, SureLow},
		{"same time in two zones", "The quake struck at 1023 GMT.",
			"The quake struck at 0523 EST.", "", ""},
		{"misspelt name", "Askar Akayev fled the capital. Akayev was ousted.",
			"Askhar Akayev fled the capital, and Akayev was ousted.", ConflictSpelling, SureMedium},
		{"misspelt school", "The UN school of al-Fakhora was hit by shells.",
			"Shells hit the UN's al-Fahora school.", ConflictSpelling, SureLow},
		{"transliteration", "Shells fell on Khan Yunis overnight.",
			"Shells fell on Khan Younis overnight.", ConflictSpelling, SureLow},
		{"capitals", "Attorney General Wally Oppal said charges were laid.",
			"Attorney General Wally OPAL said charges were laid.", ConflictSpelling, ""},
		{"an article that gives both values", "A 5.6 magnitude earthquake hit the island.",
			"A magnitude-5.2 quake hit the island. It was the second: a 5.6 quake jolted the island earlier.", "", ""},
		{"a decade is no year", "The club was founded in the 1930's by dockers.",
			"The club was founded in 1931 by dockers.", "", ""},
		{"a month with no day is another time", "The same island was hit by a 6.1 quake in September.",
			"The survey put the quake's strength at magnitude 5.4.", "", ""},
		{"a word at a sentence's start", "Chuck Pagano watched the game. Check out the notes below.",
			"Coach Chuck Pagano watched the game from the box.", "", ""},
		{"a word in a headline", "Chargers Player Arrested On DUI Charges\n\nThe Chargers said the player was arrested early Sunday.",
			"The Chargers said on Sunday the player had been arrested.", "", ""},
		{"a misspelt name that is a word", "Reagins didn't reveal the dollar amounts of the deal, the newspaper said.",
			"Regains didn't reveal the dollar amounts, but the newspaper speculates the deal is big.", ConflictSpelling, ""},
		{"relatives' ages", "Kathryn Gomes, 61, was found dead at her home in Fall River on Sunday.",
			"Gary Gomes, 35, was found at her home in Fall River on Sunday.", "", ""},
		{"one other is a part", "He intended to kill one other person, police said.",
			"The gunman killed two women, police said.", "", ""},
		{"no one else is a part", "The gunman shot two workers. No one else was injured.",
			"Two workers were injured when the gunman opened fire.", "", ""},
		{"years of two lives", "Gotti died of cancer in 2002 at the federal prison in Springfield.",
			"Genovese died of a heart attack in 1969 at the federal prison in Springfield.", "", ""},
		{"a birth name", "Bettie Page, born Betty Mae Page in Nashville, died on Thursday.",
			"Bettie Page died on Thursday in Los Angeles.", "", ""},
		{"a minister is a reverend", "\"We have no idea what caused it,\" the church's minister said of the fire.",
			"\"We have no idea what caused it,\" the Rev. Larry Kroon said of the fire.", "", ""},
		{"games of two players", "Bush missed four games earlier this season after knee surgery.",
			"Phillips had already missed three games earlier this season with a fractured forearm.", "", ""},
		{"games of one player", "Reggie Bush missed four games earlier this season after knee surgery.",
			"Reggie Bush missed three games earlier this season after knee surgery.", ConflictFigure, ""},
		{"totals over different stretches", "Mark Teixeira hit .358 with 13 homers and 43 RBIs in 54 games with the Angels.",
			"Playing in 157 games with both clubs, Mark Teixeira had 33 homers and 121 RBIs.", "", ""},
		{"brand typo", "BlackBerry sales fell in the quarter.",
			"Sales of BlackBery phones fell in the quarter.", ConflictSpelling, SureLow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare([]*corpus.Article{{ID: "a", Text: tt.a, FirstLine: 1, Time: ref}, {ID: "b", Text: tt.b, FirstLine: 1, Time: ref}})
			var got []string
			for _, x := range c.Conflicts {
				got = append(got, string(x.Kind)+"/"+string(x.Sureness))
			}
			if tt.kind == "" {
				if len(got) != 0 {
					t.Errorf("conflicts %q, want none: %+v", got, c.Conflicts)
				}
				return
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], tt.kind+"/") || tt.sureness != "" && got[0] != tt.kind+"/"+tt.sureness {
				t.Errorf("conflicts %q, want one %s (sureness %q): %+v", got, tt.kind, tt.sureness, c.Conflicts)
			}
		})
	}
}
