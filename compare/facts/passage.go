package facts

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/storydiff/storydiff/shingle"
)

// Shared passages: sentences of at least minPassageWords words whose word
// 3-shingle sets have a Jaccard of at least passageThreshold.
const (
	passageThreshold = 0.6
	passageShingle   = 3
	minPassageWords  = 6
)

type sentRef struct{ doc, sent int }

// sentenceShingles returns the word 3-shingles of a sentence of at least
// minPassageWords words (shingle.Words normalises them as for
// near-duplicates), or nil.
func sentenceShingles(s string) []uint64 {
	words := shingle.Words(s)
	if len(words) < minPassageWords {
		return nil
	}
	return shingle.WordShingles(words, passageShingle)
}

// sameArticle reports whether two groups of sentences hold sentences of
// one article.
func sameArticle(refs []sentRef, a, b []int) bool {
	for _, x := range a {
		for _, y := range b {
			if refs[x].doc == refs[y].doc {
				return true
			}
		}
	}
	return false
}

// sharedPassages finds the sentences near-verbatim in several articles.
// It also returns, per passage, its sentences (article and sentence
// indexes), in the order of the passage's mentions.
func sharedPassages(docs []*docFacts) ([]SharedPassage, [][]sentRef) {
	var refs []sentRef
	var sh [][]uint64
	index := map[uint64][]int{}
	for di, d := range docs {
		seenText := map[string]bool{}
		for si, s := range d.sents {
			if s.start < d.shift {
				continue // the headline: a passage is body text
			}
			x := sentenceShingles(d.text[s.start:s.end])
			if x == nil {
				continue
			}
			// A sentence repeated inside one article is one passage.
			if key := strings.Join(quoteWords(d.text[s.start:s.end]), " "); seenText[key] {
				continue
			} else {
				seenText[key] = true
			}
			for _, h := range x {
				index[h] = append(index[h], len(refs))
			}
			refs = append(refs, sentRef{di, si})
			sh = append(sh, x)
		}
	}
	// Candidate pairs share a shingle; score them once.
	type pr struct {
		a, b int
		j    float64
	}
	var pairs []pr
	seen := map[[2]int]bool{}
	maxPosting := max(16, 4*len(docs))
	for a := range refs {
		for _, h := range sh[a] {
			if len(index[h]) > maxPosting {
				continue // a stock phrase: it cannot tell copies apart
			}
			for _, b := range index[h] {
				if b <= a || refs[b].doc == refs[a].doc || seen[[2]int{a, b}] {
					continue
				}
				seen[[2]int{a, b}] = true
				if j := shingle.Jaccard(sh[a], sh[b]); j >= passageThreshold {
					pairs = append(pairs, pr{a, b, j})
				}
			}
		}
	}
	slices.SortFunc(pairs, func(p, q pr) int {
		if c := cmp.Compare(q.j, p.j); c != 0 {
			return c
		}
		if c := cmp.Compare(p.a, q.a); c != 0 {
			return c
		}
		return cmp.Compare(p.b, q.b)
	})
	gs := newGroups(len(refs))
	minJ := make([]float64, len(refs))
	for i := range minJ {
		minJ[i] = 1
	}
	for _, p := range pairs {
		ga, gb := gs.of[p.a], gs.of[p.b]
		if ga == gb || sameArticle(refs, gs.members[ga], gs.members[gb]) {
			continue
		}
		m := gs.merge(ga, gb)
		minJ[m] = min(minJ[ga], minJ[gb], p.j)
	}
	out := []SharedPassage{}
	var sents [][]sentRef
	for _, g := range gs.roots() {
		ms := gs.members[g]
		if len(ms) < 2 {
			continue
		}
		slices.SortFunc(ms, func(x, y int) int { return cmp.Compare(refs[x].doc, refs[y].doc) })
		p := SharedPassage{Similarity: math.Round(minJ[g]*1000) / 1000}
		var rs []sentRef
		for _, m := range ms {
			rs = append(rs, refs[m])
			d := docs[refs[m].doc]
			s := d.sents[refs[m].sent]
			sp, _ := d.span(s.start, s.end)
			p.Mentions = append(p.Mentions, PassageMention{Doc: d.art.ID, Line: d.line(s.start),
				Span: sp, Text: d.text[s.start:s.end]})
		}
		out = append(out, p)
		sents = append(sents, rs)
	}
	// Members were created in document then sentence order, so out is
	// already ordered by the first source's position.
	return out, sents
}
