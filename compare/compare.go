package compare

import (
	"cmp"
	"errors"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/storydiff/storydiff/compare/facts"
	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/internal/parallel"
	"github.com/storydiff/storydiff/result"
	"github.com/storydiff/storydiff/shingle"
)

// DefaultSameEvent is the mean event-term cosine at or above which a
// document joins an established cluster (and two clusters merge), measured
// on the ECB+ development topics (see README, "Reports of the same event").
const DefaultSameEvent = 0.04

// Knobs without a field in [Options], measured with the default.
const (
	// strongFactor × SameEvent is the mean cosine two clusters need to
	// merge unless exactly one of them holds coreSize documents or more:
	// a new cluster must start from strong evidence (two lone articles
	// need it), weaker links only attach small groups to an established
	// cluster, and two established clusters merge only on strong evidence.
	strongFactor = 3.0
	coreSize     = 5
	// idfPrior is the number of background documents assumed not to hold
	// a term: idf = ln((N+1+idfPrior)/(df+1)). It keeps the weights of a
	// handful of articles close to those of a large collection.
	idfPrior = 300.0
)

// termPrior returns the number of background documents assumed not to hold
// term: idfPrior, except for years. A calendar year is common in any stream
// of news (most of a week's reports name the current year), so a year's idf
// comes from the input alone: a year every input article names weighs
// nothing, and a year few of them share (reports of one event, among
// reports of similar events in other years) weighs a lot.
func termPrior(term string) float64 {
	if strings.HasPrefix(term, "y:") {
		return 0
	}
	return idfPrior
}

const (
	// candidateTerms is the number of highest-weighted terms per document
	// signed with MinHash for candidate generation, and candidateThreshold
	// the Jaccard of those term sets the LSH bands are tuned for.
	candidateTerms     = 60
	candidateThreshold = 0.02
	// allPairsUpTo is the cluster size up to which every pair is listed.
	allPairsUpTo = 8
)

// DefaultOptions returns the defaults: [shingle.DefaultOptions] (word
// 5-shingles, 128 permutations, seed 1), near-duplicate Jaccard
// [shingle.DefaultNearDuplicate] (0.5) and same-event cosine
// [DefaultSameEvent] (0.04).
func DefaultOptions() Options {
	return Options{
		Shingle:       shingle.DefaultOptions(),
		NearDuplicate: shingle.DefaultNearDuplicate,
		SameEvent:     DefaultSameEvent,
	}
}

// docFeatures is what Run computes per article.
type docFeatures struct {
	counts map[string]float64 // weighted event terms
	sig    shingle.Signature  // MinHash of the word shingles (near-duplicates)
	vec    vector             // unit tf-idf vector over counts
	cand   shingle.Signature  // MinHash of the top terms (candidates)
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// check returns opt with the shingle defaults applied (zero K and Perms),
// or an error naming the option that is out of range.
func (o Options) check() (Options, error) {
	o.Shingle = o.Shingle.WithDefaults()
	if err := o.Shingle.Check(); err != nil {
		return o, err
	}
	switch {
	case !(o.SameEvent > 0 && o.SameEvent <= 1): // NaN too
		return o, errors.New("compare: SameEvent must be in (0, 1]")
	case !(o.NearDuplicate > 0 && o.NearDuplicate <= 1):
		return o, errors.New("compare: NearDuplicate must be in (0, 1]")
	}
	return o, nil
}

// features computes the per-document features and unit tf-idf vectors of
// docs (idf over docs themselves, smoothed by termPrior).
func features(arts []*corpus.Article, opt Options) []docFeatures {
	fs := make([]docFeatures, len(arts))
	mh := shingle.NewMinHasher(opt.Shingle.Perms, opt.Shingle.Seed)
	parallel.For(len(arts), opt.workers(), func(i int) {
		a := arts[i]
		fs[i].counts = termCounts(a.Title, a.Text)
		text := shingle.StripBoilerplate(a.FullText())
		fs[i].sig = mh.SignText(opt.Shingle, text, nil)
	})
	counts := make([]map[string]float64, len(fs))
	for i := range fs {
		counts[i] = fs[i].counts
	}
	ids, df := vocabulary(counts)
	n := float64(len(arts))
	idf := make([]float64, len(df))
	terms := make([]string, len(ids))
	for t, id := range ids {
		terms[id] = t
	}
	for t, d := range df {
		idf[t] = math.Log((n + 1 + termPrior(terms[t])) / (float64(d) + 1))
	}
	parallel.For(len(arts), opt.workers(), func(i int) {
		m := fs[i].counts
		v := vector{ids: make([]int32, 0, len(m)), w: make([]float64, 0, len(m))}
		for t, c := range m {
			v.ids = append(v.ids, ids[t])
			_ = c
		}
		slices.Sort(v.ids)
		for _, id := range v.ids {
			c := m[terms[id]]
			tf := c
			if c >= 1 {
				tf = 1 + math.Log(c)
			}
			v.w = append(v.w, tf*idf[id])
		}
		if nm := v.norm(); nm > 0 {
			for k := range v.w {
				v.w[k] /= nm
			}
		}
		fs[i].vec = v
		// Candidate signature: the document's highest-weighted terms.
		order := make([]int, len(v.ids))
		for k := range order {
			order[k] = k
		}
		slices.SortFunc(order, func(x, y int) int {
			if c := cmp.Compare(v.w[y], v.w[x]); c != 0 {
				return c
			}
			return cmp.Compare(v.ids[x], v.ids[y])
		})
		top := make([]uint64, 0, candidateTerms)
		for _, k := range order[:min(len(order), candidateTerms)] {
			top = append(top, shingle.HashString(terms[v.ids[k]]))
		}
		fs[i].cand = mh.Signature(top)
		fs[i].counts = nil
	})
	return fs
}

// candidateBands returns the LSH banding used for candidate generation.
func candidateBands(perms int) (bands, rows int) {
	return shingle.Params(candidateThreshold, perms, 0.5, 0.5)
}

// candidates returns the candidate pairs: documents whose top-term
// signatures share an LSH band, or whose shingle signatures do at the
// near-duplicate threshold.
func candidates(fs []docFeatures, opt Options) [][2]int {
	bands, rows := candidateBands(opt.Shingle.Perms)
	l := shingle.NewLSH(bands, rows)
	nb, nr := shingle.Params(opt.NearDuplicate, opt.Shingle.Perms, 0.5, 0.5)
	nd := shingle.NewLSH(nb, nr)
	for i, f := range fs {
		l.Add(i, f.cand)
		nd.Add(i, f.sig)
	}
	// Query per document rather than LSH.Pairs: a pair colliding in many
	// bands (near-copies) is then held once, not once per band.
	per := make([][]int, len(fs))
	parallel.For(len(fs), opt.workers(), func(i int) {
		var js []int
		for _, j := range l.Query(fs[i].cand) {
			if j > i {
				js = append(js, j)
			}
		}
		for _, j := range nd.Query(fs[i].sig) {
			if j > i {
				js = append(js, j)
			}
		}
		slices.Sort(js)
		per[i] = slices.Compact(js)
	})
	var ps [][2]int
	for i, js := range per {
		for _, j := range js {
			ps = append(ps, [2]int{i, j})
		}
	}
	return ps
}

// Run clusters the articles and, when opt.Facts is set, compares the facts
// inside each cluster. The result is identical whatever the order of arts.
//
// Method: every article becomes a tf-idf vector of event terms (adjacent
// content-word pairs, adjacent capitalised-name pairs at double weight,
// years at triple weight, and single content words at a quarter weight;
// boilerplate lines removed; idf over the input, smoothed by a prior of 300
// background documents except for years, whose idf comes from the input
// alone). Candidate pairs come from MinHash/LSH over each article's 60
// highest-weighted terms (and over word shingles for near-duplicates).
// Clusters are built by average linkage over the candidate graph: two
// clusters merge while the mean cosine of their cross pairs is at least
// 3×SameEvent, or at least SameEvent when exactly one of them already holds
// five or more articles.
func Run(arts []*corpus.Article, opt Options) (*result.Result, error) {
	opt, err := opt.check()
	if err != nil {
		return nil, err
	}
	arts = sortArticles(arts)
	fs := features(arts, opt)
	edges, labels := cluster(fs, candidates(fs, opt), opt)
	return buildResult(arts, fs, edges, labels, opt), nil
}

// cluster scores the given pairs of articles and groups the articles by
// average linkage over them: the scored pairs, and each article's event
// label.
func cluster(fs []docFeatures, pairs [][2]int, opt Options) ([]edge, []int) {
	edges := make([]edge, 0, len(pairs))
	for _, p := range pairs {
		edges = append(edges, edge{p[0], p[1], dot(fs[p[0]].vec, fs[p[1]].vec)})
	}
	vecs := make([]vector, len(fs))
	for i := range fs {
		vecs[i] = fs[i].vec
	}
	return edges, averageLink(vecs, edges, opt.SameEvent, strongFactor*opt.SameEvent, coreSize)
}

// sortArticles returns arts sorted by ID (then path and record, for inputs
// whose IDs are not unique), without modifying arts.
func sortArticles(arts []*corpus.Article) []*corpus.Article {
	out := slices.Clone(arts)
	slices.SortStableFunc(out, func(a, b *corpus.Article) int {
		if c := strings.Compare(a.ID, b.ID); c != 0 {
			return c
		}
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Record, b.Record); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
	return out
}

func round4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// makePair scores documents i and j (IDs ordered).
func makePair(arts []*corpus.Article, fs []docFeatures, i, j int, opt Options) result.Pair {
	a, b := arts[i].ID, arts[j].ID
	if b < a {
		a, b = b, a
	}
	p := result.Pair{
		A:          a,
		B:          b,
		Similarity: round4(min(1, max(0, dot(fs[i].vec, fs[j].vec)))),
		Jaccard:    round4(fs[i].sig.Similarity(fs[j].sig)),
		Relation:   result.SameEvent,
	}
	if p.Jaccard >= opt.NearDuplicate {
		p.Relation = result.NearDuplicate
	}
	return p
}

func buildResult(arts []*corpus.Article, fs []docFeatures, edges []edge, labels []int, opt Options) *result.Result {
	res := &result.Result{Inputs: []string{}}
	bands, rows := candidateBands(opt.Shingle.Perms)
	res.Params = result.Params{
		ShingleKind:   opt.Shingle.Kind.String(),
		ShingleSize:   opt.Shingle.K,
		Permutations:  opt.Shingle.Perms,
		Seed:          opt.Shingle.Seed,
		Bands:         bands,
		Rows:          rows,
		NearDuplicate: opt.NearDuplicate,
		SameEvent:     opt.SameEvent,
	}
	res.Documents = make([]result.Document, len(arts))
	for i, a := range arts {
		res.Documents[i] = result.Document{ID: a.ID, Path: a.Path, Source: a.Source, Title: a.Title, Date: a.Date, Words: a.Words(),
			Text: a.Text, TitleLine: a.TitleLine, FirstLine: a.FirstLine}
	}
	groups := map[int][]int{}
	for i, l := range labels {
		groups[l] = append(groups[l], i)
	}
	members := make([][]int, 0, len(groups))
	for _, g := range groups {
		members = append(members, g) // indices ascending = IDs ascending
	}
	slices.SortFunc(members, func(a, b []int) int {
		if c := cmp.Compare(len(b), len(a)); c != 0 {
			return c
		}
		return strings.Compare(arts[a[0]].ID, arts[b[0]].ID)
	})
	inCluster := make([]int, len(arts))
	for k, g := range members {
		for _, i := range g {
			inCluster[i] = k
		}
	}
	// Candidate edges inside each cluster, for large clusters.
	within := make([][]edge, len(members))
	for _, e := range edges {
		if k := inCluster[e.i]; k == inCluster[e.j] {
			within[k] = append(within[k], e)
		}
	}
	res.Clusters = make([]result.Cluster, len(members))
	for k, g := range members {
		c := result.Cluster{ID: "c" + itoa(k+1), Documents: make([]string, len(g)), Pairs: []result.Pair{}}
		for x, i := range g {
			c.Documents[x] = arts[i].ID
		}
		c.Pairs = clusterPairs(arts, fs, g, within[k], opt)
		if opt.Facts && len(g) >= 2 {
			ms := make([]*corpus.Article, len(g))
			for x, i := range g {
				ms[x] = arts[i]
			}
			c.Comparison = facts.Compare(ms)
		}
		res.Clusters[k] = c
	}
	return res
}

// clusterPairs lists the scored pairs of one cluster: every pair when the
// cluster is small; otherwise the candidate pairs at or above the strong
// threshold plus each document's best candidate partner, so every member
// appears in at least one pair when it has any candidate edge.
func clusterPairs(arts []*corpus.Article, fs []docFeatures, g []int, es []edge, opt Options) []result.Pair {
	var ps []result.Pair
	if len(g) <= allPairsUpTo {
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				ps = append(ps, makePair(arts, fs, g[x], g[y], opt))
			}
		}
	} else {
		keep := map[[2]int]bool{}
		bestOf := map[int]edge{}
		for _, e := range es {
			if e.sim >= strongFactor*opt.SameEvent || fs[e.i].sig.Similarity(fs[e.j].sig) >= opt.NearDuplicate {
				keep[[2]int{e.i, e.j}] = true
			}
			for _, d := range []int{e.i, e.j} {
				if b, ok := bestOf[d]; !ok || e.sim > b.sim || (e.sim == b.sim && (e.i < b.i || (e.i == b.i && e.j < b.j))) {
					bestOf[d] = e
				}
			}
		}
		for _, e := range bestOf {
			keep[[2]int{e.i, e.j}] = true
		}
		for p := range keep {
			ps = append(ps, makePair(arts, fs, p[0], p[1], opt))
		}
	}
	slices.SortFunc(ps, func(a, b result.Pair) int {
		if c := strings.Compare(a.A, b.A); c != 0 {
			return c
		}
		return strings.Compare(a.B, b.B)
	})
	if ps == nil {
		ps = []result.Pair{}
	}
	return ps
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Diff compares articles an editor has put together, whatever their
// similarity: one cluster of all of them, every pair scored with the
// measure Run uses (term weights from these articles, with the idf prior),
// and the facts compared when opt.Facts is set. Pairs are labelled as the
// clustering would: the articles are clustered by Run's average linkage
// over all their pairs, and a pair it puts in two events (and that is not
// a near-duplicate) has the relation [result.Unrelated]; a pair of one
// event is same-event even when its own score is low. Articles are taken in ID
// order; the result does not depend on the order of arts.
func Diff(arts []*corpus.Article, opt Options) (*result.Result, error) {
	opt, err := opt.check()
	if err != nil {
		return nil, err
	}
	if len(arts) < 2 {
		return nil, errors.New("compare: diff needs two or more articles")
	}
	arts = sortArticles(arts)
	fs := features(arts, opt)
	res := buildResult(arts, fs, nil, make([]int, len(arts)), opt)
	res.Direct = true
	c := &res.Clusters[0]
	c.Pairs = c.Pairs[:0]
	// Cluster the articles as Run does, over every pair: a pair the
	// clustering puts in two events is unrelated, whatever its own score
	// (a pair of one event may score low: average linkage joins an
	// article to an event, not to each of its articles).
	var all [][2]int
	for i := range fs {
		for j := i + 1; j < len(fs); j++ {
			all = append(all, [2]int{i, j})
		}
	}
	_, labels := cluster(fs, all, opt)
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			p := makePair(arts, fs, i, j, opt)
			if p.Relation != result.NearDuplicate && labels[i] != labels[j] {
				p.Relation = result.Unrelated
			}
			c.Pairs = append(c.Pairs, p)
		}
	}
	slices.SortFunc(c.Pairs, func(a, b result.Pair) int {
		if c := strings.Compare(a.A, b.A); c != 0 {
			return c
		}
		return strings.Compare(a.B, b.B)
	})
	return res, nil
}
