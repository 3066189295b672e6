package facts

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// Gazetteers: names of places and given names from open public data (see
// data/README.md for sources and licences), embedded and indexed on first
// use. They are evidence for typing a name, never a decision on their own:
// "Jackson" is a city and a surname, "Florence" a city and a given name.

var (
	//go:embed data/countries.txt
	countriesTxt string
	//go:embed data/regions.txt
	regionsTxt string
	//go:embed data/cities.txt
	citiesTxt string
	//go:embed data/given-names.txt
	givenNamesTxt string
	//go:embed data/english-words.txt
	englishWordsTxt string
)

// englishWords is the set of common English words (SCOWL levels 10-35,
// lower case).
var englishWords = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 40000)
	for _, w := range strings.Split(englishWordsTxt, "\n") {
		if w != "" {
			m[w] = true
		}
	}
	return m
})

// Place tiers: how sure a gazetteer is that a name is a place.
const (
	notPlace     = 0
	cityPlace    = 1 // a city of 15,000 people or more: often also a surname
	majorPlace   = 2 // a first-level region or a hand-listed place
	countryPlace = 3 // a country
)

type gazetteer struct {
	places map[string]int  // folded name → tier
	maxLen map[string]int  // folded first word → most words of a place starting with it
	given  map[string]bool // folded given names
}

var gaz = sync.OnceValue(func() *gazetteer {
	g := &gazetteer{places: map[string]int{}, maxLen: map[string]int{}, given: map[string]bool{}}
	add := func(k string, tier int) {
		if k == "" || g.places[k] >= tier {
			return
		}
		g.places[k] = tier
		first, _, _ := strings.Cut(k, " ")
		g.maxLen[first] = max(g.maxLen[first], strings.Count(k, " ")+1)
	}
	addPlace := func(name string, tier int) {
		k := gazFold(name)
		add(k, tier)
		// Written without its diacritics too, when that cannot turn it
		// into another word: "Thessaloniki", but not "Bush" for "Būsh".
		if f := plainFold(k); f != k && utf8.RuneCountInString(f) >= 7 {
			add(f, tier)
		}
	}
	for _, l := range strings.Split(citiesTxt, "\n") {
		addPlace(l, cityPlace)
	}
	for _, l := range strings.Split(regionsTxt, "\n") {
		addPlace(l, majorPlace)
	}
	for w := range places {
		addPlace(w, majorPlace)
	}
	for _, l := range strings.Split(countriesTxt, "\n") {
		addPlace(l, countryPlace)
	}
	for w := range multiPlaces {
		addPlace(w, majorPlace)
	}
	for _, l := range strings.Split(givenNamesTxt, "\n") {
		if l != "" {
			g.given[gazFold(l)] = true
		}
	}
	return g
})

// gazFold is the key of a name in the gazetteers: lower case, without
// abbreviation periods or repeated spaces.
func gazFold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.':
			continue
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = b.Len() > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// placeTier returns how sure the gazetteers are that name is a place.
func placeTier(name string) int {
	k := gazFold(name)
	t := gaz().places[k]
	if t == 0 && !isASCII(k) {
		t = gaz().places[plainFold(k)]
	}
	return t
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isGivenName reports whether a name token is a known given name.
func isGivenName(tok string) bool { return gaz().given[gazFold(tok)] }

// placePrefix returns the number of tokens of the longest known place that
// starts toks[a:b] ("New Zealand", "Kansas City" in "Kansas City Chiefs"),
// and its tier, or 0, 0. Only word tokens and connectors take part.
func placePrefix(text string, toks []token, a, b int) (n, tier int) {
	g := gaz()
	first := gazFold(toks[a].text)
	most := g.maxLen[first]
	if most == 0 {
		return 0, 0
	}
	for k := min(b, a+most); k > a; k-- {
		if t := g.places[gazFold(joinToks(text, toks, a, k))]; t > 0 {
			return k - a, t
		}
	}
	return 0, 0
}
