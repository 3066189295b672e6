package facts

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storydiff/storydiff/corpus"
)

// entityKinds extracts text and returns the kind of every entity mention by
// its wording (the last mention wins; all mentions of a name share a kind).
func entityKinds(text string) map[string]string {
	got := map[string]string{}
	a := article(text, time.Time{})
	d := extractDoc(a, lowerVocabulary([]*corpus.Article{a}))
	for _, it := range d.all {
		if isEntity(it.kind) {
			got[it.text] = it.kind
		}
	}
	return got
}

func TestEntityKinds(t *testing.T) {
	tests := []struct {
		name, in   string
		text, kind string
	}{
		{"region with a demonym", "Police in Vancouver, British Columbia, arrested two men.", "British Columbia", KindPlace},
		{"state abbreviation", "She entered a clinic in Rancho Mirage, Calif., on Monday.", "Calif", KindPlace},
		{"city before a state abbreviation", "She entered a clinic in Rancho Mirage, Calif., on Monday.", "Rancho Mirage", KindPlace},
		{"postal code after a city", "The quake struck near Springfield, MO, at noon.", "MO", KindPlace},
		{"country led by a common word", "Officials in New Zealand said the road was shut.", "New Zealand", KindPlace},
		{"facility", "Lohan left the Betty Ford Center on Monday.", "Betty Ford Center", KindPlace},
		{"team after the", "The Colts beat the Chargers on Sunday. The Colts clinched a playoff berth.", "Colts", KindOrganization},
		{"team named after a city", "The Kansas City Chiefs lost their home finale.", "Kansas City Chiefs", KindOrganization},
		{"university named after a state", "Creighton beat Ohio State in the final. Ohio State fans left early.", "Ohio State", KindOrganization},
		{"organisation suffix", "The California Highway Patrol said two people died.", "California Highway Patrol", KindOrganization},
		{"organisation noun before", "Undersea cable operator Seacom said its network was down. Seacom apologised.", "Seacom", KindOrganization},
		{"affiliation before a title", "Chargers defensive lineman Jamal Williams was arrested.", "Chargers", KindOrganization},
		{"titled name after an affiliation", "Chargers defensive lineman Jamal Williams was arrested.", "Jamal Williams", KindPerson},
		{"person of an organisation", "Dr. Sanjay Gupta of Emory University spoke on Monday.", "Sanjay Gupta", KindPerson},
		{"organisation of a person", "Dr. Sanjay Gupta of Emory University spoke on Monday.", "Emory University", KindOrganization},
		{"surname that is a city", "President Barack Obama spoke. Obama said he would sign the bill.", "Obama", KindPerson},
		{"politician's administration", "The Trump administration said it would appeal. Trump said he was sure.", "Trump", KindPerson},
		{"place that plays", "Evansville beat Drake 65-53 on Friday. Evansville defeated Creighton, 70-61, in the final.", "Evansville", KindOrganization},
		{"country that plays stays a place", "France beat Germany 2-1. France defeated Spain, 3-0, on Sunday.", "France", KindPlace},
		{"acronym in the plural", "Several ISPs were hit by the outage.", "ISPs", KindOrganization},
		{"direction and a place", "Flooding hit South Wales on Monday.", "South Wales", KindPlace},
		{"the city of", "The blast shook the city of Bandar Abbas on Sunday.", "Bandar Abbas", KindPlace},
		{"person's possession", "Police said Millom's wife had called them.", "Millom", KindPerson},
		{"who after a name", "Ketsoyan, who spoke for the actress, declined. Ketsoyan left.", "Ketsoyan", KindPerson},
		{"given name first", "Tara Reid entered rehab.", "Tara Reid", KindPerson},
		{"capital word mid-sentence", "The game was won by Will Artino in the last minute.", "Will Artino", KindPerson},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := entityKinds(tt.in)
			if got[tt.text] != tt.kind {
				t.Errorf("kind of %q in %q = %q, want %q (all: %v)", tt.text, tt.in, got[tt.text], tt.kind, got)
			}
		})
	}
}

func TestEntityNotNames(t *testing.T) {
	tests := []struct{ in, not string }{
		{"Considering Lionsgate recently absorbed Summit, the deal is large.", "Considering Lionsgate"},
		{"Lindsay Lohan Leaves Rehab Center For Good\nShe left on Monday and will leave again.", "Lindsay Lohan Leaves Rehab Center For Good"},
		{"WILLIAMS ARRESTED ON SUSPICION OF DUI\nWilliams was arrested on suspicion of drunk driving.", "WILLIAMS ARRESTED ON SUSPICION OF DUI"},
		{"He met Russian officials in Moscow.", "Russian"},
	}
	for _, tt := range tests {
		if k, ok := entityKinds(tt.in)[tt.not]; ok {
			t.Errorf("entities of %q include %q (%s)", tt.in, tt.not, k)
		}
	}
}

// TestEntityOneKindPerName checks the vote: every mention of a name in an
// article has the same kind, whatever its own context says.
func TestEntityOneKindPerName(t *testing.T) {
	text := "Creighton beat Drake 65-53 on Friday. Fans of Creighton cheered. " +
		"In Creighton, the mood was good. Creighton, which leads the league, plays on Sunday."
	a := article(text, time.Time{})
	d := extractDoc(a, lowerVocabulary([]*corpus.Article{a}))
	kinds := map[string]bool{}
	for _, it := range d.all {
		if it.text == "Creighton" {
			kinds[it.kind] = true
		}
	}
	if len(kinds) != 1 {
		t.Errorf("kinds of the mentions of Creighton = %v, want one", kinds)
	}
}

// TestEntityLongRuns checks that a capitalised run too long to be a name
// (the crafted "A. A. A. ..." article) gives no entity, and that names
// around it are still found.
func TestEntityLongRuns(t *testing.T) {
	text := "Officials said. " + strings.Repeat("A. ", 5000) + "\n\nPolice in Moscow said Dmitry Peskov spoke."
	got := entityKinds(text)
	for name := range got {
		if strings.Count(name, "A.") > maxRun {
			t.Errorf("a run of %d initials is an entity", strings.Count(name, "A."))
		}
	}
	if got["Moscow"] != KindPlace || got["Dmitry Peskov"] != KindPerson {
		t.Errorf("entities after the long run = %v, want Moscow (place) and Dmitry Peskov (person)", got)
	}
}

// TestTokenIndex checks that the index used for linking returns every
// earlier name token that sameToken accepts (it may return more).
func TestTokenIndex(t *testing.T) {
	toks := []string{"Bogdanov", "Peskov", "Prigozhin", "Touadéra", "Gaddafi", "Smith", "Lukashenko",
		"Wagner", "Petrov", "Kazagui", "Klitschko", "Teixeira", "Ivanov", "Mohammed", "Al"}
	variants := []string{"Bodganov", "Peskow", "Prigojin", "Touadera", "Gadafi", "Smyth", "Lukashenka",
		"Vagner", "Petrof", "Kazaqui", "Klitchko", "Texeira", "Iwanov", "Muhammad", "Ali", "BOGDANOV", "Bogdanova"}
	x := newTokenIndex()
	for i, tok := range toks {
		x.add(tok, i)
	}
	for _, v := range append(variants, toks...) {
		found := x.lookup(v)
		for i, tok := range toks {
			if same, _ := sameToken(v, tok); same && !slices.Contains(found, i) {
				t.Errorf("lookup(%q) = %v misses %q, which sameToken accepts", v, found, tok)
			}
		}
	}
}

// TestLinkVariants checks linking through the index: short and misspelt
// mentions join the full name, different people do not.
func TestLinkVariants(t *testing.T) {
	text := "Russian Deputy Foreign Minister Mikhail Bogdanov spoke. Bodganov said no. " +
		"Foreign Minister Sergei Lavrov met Sergei Ivanov. Ivanov said yes. Lavrov left."
	a := article(text, time.Time{})
	d := extractDoc(a, lowerVocabulary([]*corpus.Article{a}))
	want := map[string]string{"Bodganov": "Mikhail Bogdanov", "Ivanov": "Sergei Ivanov", "Lavrov": "Sergei Lavrov"}
	for _, it := range d.all {
		if w, ok := want[it.text]; ok && it.name != w {
			t.Errorf("%q linked to %q, want %q", it.text, it.name, w)
		}
	}
}

func TestGazetteer(t *testing.T) {
	for _, tt := range []struct {
		name string
		tier int
	}{
		{"France", countryPlace},
		{"British Columbia", majorPlace},
		{"Cumbria", majorPlace},
		{"Rancho Mirage", cityPlace},
		{"Thessaloniki", cityPlace}, // Thessaloníki, written without its accent
		{"Bush", notPlace},          // not Būsh, Egypt
		{"Reading", notPlace},       // a common word
	} {
		if got := placeTier(tt.name); got != tt.tier {
			t.Errorf("placeTier(%q) = %d, want %d", tt.name, got, tt.tier)
		}
	}
	for _, n := range []string{"Tara", "Mikhail", "Fatima"} {
		if !isGivenName(n) {
			t.Errorf("isGivenName(%q) = false", n)
		}
	}
}
