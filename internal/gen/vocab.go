package gen

import (
	"math"
	"math/rand/v2"
	"strings"
)

// commonWords are the most frequent words of English news text, roughly in
// frequency order; they take the top Zipf ranks of the vocabulary.
const commonWords = `the of to and a in that for is on said was with he it as at by
from his be have has are but not an they this who were will had their its
after been also would more one two year new people than about over when into
last some she her there up out which or said government police officials
first could we other told all no so what week three years percent million
president minister city state country report before since under during while
can them where because day time between group company health market economy
according found public national security announced plans told court law water
month months most many against including part still world local just only
back even through new former near long across high children school family
workers business force military attack killed least left later expected
investigation statement spokesperson officials authorities residents area
region support system service price prices costs budget billion energy power
election vote voters party leader leaders council members agency agreement
deal talks meeting plan program data study research hospital patients doctors
fire storm flood rain winds damage emergency crews road bridge train airport
flights passengers company shares investors bank rates inflation growth jobs
trade exports imports tax taxes spending debt court judge trial case charges
prison border troops ceasefire protest protesters crowd rally campaign policy
climate temperatures heat drought crops farmers food supply shortage fuel oil
gas electricity network internet technology software users online phone`

// syllables build the pseudo-words of the long tail of the vocabulary and the
// names of people, places and organisations.
var (
	onsets = []string{"b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pr", "r", "s", "sh", "st", "t", "tr", "v", "w", "z"}
	nuclei = []string{"a", "e", "i", "o", "u", "ai", "ea", "io", "ou"}
	codas  = []string{"", "", "", "n", "r", "s", "l", "t", "nd", "rk", "st", "m"}
)

func syllable(r *rand.Rand) string {
	return onsets[r.IntN(len(onsets))] + nuclei[r.IntN(len(nuclei))] + codas[r.IntN(len(codas))]
}

func pseudoWord(r *rand.Rand, minSyl, maxSyl int) string {
	n := minSyl + r.IntN(maxSyl-minSyl+1)
	var b strings.Builder
	for range n {
		b.WriteString(syllable(r))
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}

// vocabulary is the fixed word list with a Zipf sampler over it, plus name
// lists for entities. It does not depend on the user's seed, so corpora made
// with different seeds share a language.
type vocabulary struct {
	words   []string
	zipf    alias
	people  []string
	places  []string
	orgs    []string
	outlets []string
	topics  [][]string // topical word lists: articles favour one topic's words
}

const (
	vocabSize   = 40000
	zipfS       = 1.05
	nTopics     = 400
	topicWords  = 40
	nPeople     = 5000
	nPlaces     = 1500
	nOrgs       = 1500
	vocabSeed   = 0x5eed_0f_57_0241
	nOutlets    = 24
	outletStyle = 3 // distinct boilerplate forms
)

func newVocabulary() *vocabulary {
	r := rand.New(rand.NewPCG(vocabSeed, 1))
	v := &vocabulary{}
	seen := map[string]bool{}
	for _, w := range strings.Fields(commonWords) {
		if !seen[w] {
			seen[w] = true
			v.words = append(v.words, w)
		}
	}
	for len(v.words) < vocabSize {
		w := pseudoWord(r, 1, 3)
		if !seen[w] {
			seen[w] = true
			v.words = append(v.words, w)
		}
	}
	weights := make([]float64, len(v.words))
	for i := range weights {
		weights[i] = 1 / math.Pow(float64(i+1), zipfS)
	}
	v.zipf = newAlias(weights)
	name := func() string { return capitalize(pseudoWord(r, 2, 3)) }
	for range nPeople {
		v.people = append(v.people, name()+" "+name())
	}
	for range nPlaces {
		v.places = append(v.places, name())
	}
	orgForms := []string{"%s Group", "Ministry of %s", "%s Council", "%s Holdings", "%s University", "%s Party", "Bank of %s", "%s Institute"}
	for range nOrgs {
		v.orgs = append(v.orgs, strings.Replace(orgForms[r.IntN(len(orgForms))], "%s", name(), 1))
	}
	for range nOutlets {
		v.outlets = append(v.outlets, "The "+name()+" "+[]string{"Times", "Post", "Herald", "Tribune", "Daily", "Wire", "Gazette", "Courier"}[r.IntN(8)])
	}
	// Topic words come from the middle of the frequency range: frequent
	// enough to recur, rare enough to mark a subject.
	for range nTopics {
		t := make([]string, topicWords)
		for i := range t {
			t[i] = v.words[300+r.IntN(8000)]
		}
		v.topics = append(v.topics, t)
	}
	return v
}

// alias is Vose's alias method: O(1) sampling from a discrete distribution.
type alias struct {
	prob  []float64
	alias []int32
}

func newAlias(w []float64) alias {
	n := len(w)
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	a := alias{prob: make([]float64, n), alias: make([]int32, n)}
	scaled := make([]float64, n)
	var small, large []int
	for i, x := range w {
		scaled[i] = x * float64(n) / sum
		if scaled[i] < 1 {
			small = append(small, i)
		} else {
			large = append(large, i)
		}
	}
	for len(small) > 0 && len(large) > 0 {
		s, l := small[len(small)-1], large[len(large)-1]
		small, large = small[:len(small)-1], large[:len(large)-1]
		a.prob[s] = scaled[s]
		a.alias[s] = int32(l)
		scaled[l] += scaled[s] - 1
		if scaled[l] < 1 {
			small = append(small, l)
		} else {
			large = append(large, l)
		}
	}
	for _, i := range large {
		a.prob[i] = 1
	}
	for _, i := range small {
		a.prob[i] = 1
	}
	return a
}

func (a *alias) sample(r *rand.Rand) int {
	i := r.IntN(len(a.prob))
	if r.Float64() < a.prob[i] {
		return i
	}
	return int(a.alias[i])
}
