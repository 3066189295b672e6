// Package gen writes reproducible synthetic news corpora with a known
// near-duplicate structure and exact ground truth, for benchmarking and
// evaluating deduplication at any scale.
//
// Articles are JSON Lines records {"id","title","source","date","text"} of
// about 4 KB of news-like prose: words drawn from a 40,000-word vocabulary
// with Zipf frequencies, a topic per article, named people, places and
// organisations, figures and quotes, in sentences and paragraphs. A fraction
// of the articles ([Options.DupRate]) are edited copies of an original: word
// substitutions, insertions and deletions, dropped and swapped sentences, a
// changed headline, an outlet's boilerplate appended, at an edit rate drawn
// uniformly from [0, [Options.MaxEdit]]. For every pair of articles in such a
// group the truth file gives the exact Jaccard similarity of their word
// k-shingle sets, computed with [shingle.Options.Shingles] on
// [corpus.Article.FullText] (title, newline, text) without boilerplate lines
// ([shingle.StripBoilerplate]): the text the dedup command signs.
//
// With [Options.FooterRate], a share of the articles end with one shared
// footer of [Options.FooterWords] words (the same text in every article that
// carries it, as an outlet's or a scraper's block would be): a test of
// whether shared text that is no boilerplate line links unrelated articles.
//
// The corpus is generated in chunks of [ChunkSize] articles, each from its
// own random stream derived from the seed and the chunk number, so the
// output is byte-identical for the same options whatever the number of
// workers.
package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"slices"
	"strconv"
	"sync"

	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/shingle"
)

// ChunkSize is the number of articles generated from one random stream.
// Near-duplicate groups never span chunks.
const ChunkSize = 1000

// Options configures [Generate]. The zero value of a field selects its default.
type Options struct {
	N         int     // number of articles
	Seed      uint64  // random seed; same seed and options, same bytes
	DupRate   float64 // fraction of articles that are edited copies (default 0.2; negative for none)
	MaxEdit   float64 // maximum edit rate of a copy, per word (default 0.2)
	MaxCopies int     // copies per duplicated original, drawn from 1..MaxCopies (default 3)
	Words     int     // mean body length in words (default 500, about 4 KB)
	K         int     // word shingle size of the ground truth (default 5)
	Workers   int     // parallel generators (default GOMAXPROCS)

	FooterRate  float64 // fraction of articles ending with the shared footer (default none)
	FooterWords int     // words of the shared footer (default 300)
}

func (o *Options) defaults() error {
	if o.N < 0 {
		return errors.New("number of articles must not be negative")
	}
	if o.DupRate == 0 {
		o.DupRate = 0.2
	}
	if o.DupRate < 0 {
		o.DupRate = 0
	}
	if o.DupRate >= 0.9 {
		return fmt.Errorf("duplicate rate %.2f too high (want below 0.9)", o.DupRate)
	}
	if o.MaxEdit == 0 {
		o.MaxEdit = 0.2
	}
	if o.MaxEdit < 0 || o.MaxEdit > 1 {
		return fmt.Errorf("maximum edit rate %.2f out of range [0, 1]", o.MaxEdit)
	}
	if o.MaxCopies == 0 {
		o.MaxCopies = 3
	}
	if o.MaxCopies < 1 {
		return errors.New("maximum copies must be at least 1")
	}
	if o.Words == 0 {
		o.Words = 500
	}
	if o.Words < 10 {
		return errors.New("article length must be at least 10 words")
	}
	if o.K == 0 {
		o.K = 5
	}
	if o.K < 1 {
		return errors.New("shingle size must be at least 1")
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if !(o.FooterRate >= 0 && o.FooterRate <= 1) {
		return fmt.Errorf("footer rate %.2f out of range [0, 1]", o.FooterRate)
	}
	if o.FooterWords == 0 {
		o.FooterWords = 300
	}
	if o.FooterWords < 1 {
		return errors.New("footer length must be at least 1 word")
	}
	return nil
}

// Pair is one line of the ground truth: two articles of one near-duplicate
// group and the exact Jaccard similarity of their shingle sets.
type Pair struct {
	A, B    string  // article ids, A generated before B
	Group   string  // id of the group's original
	Jaccard float64 // exact Jaccard similarity of the word K-shingle sets
	Edit    float64 // edit rate of the copy (of B, or the larger of the two copies)
}

// Stats summarises a generated corpus.
type Stats struct {
	Articles int   // articles written
	Copies   int   // of which edited copies
	Groups   int   // near-duplicate groups (original plus at least one copy)
	Pairs    int   // ground-truth pairs written
	Bytes    int64 // bytes of JSON Lines written
}

var (
	vocabOnce sync.Once
	vocab     *vocabulary
)

func getVocab() *vocabulary {
	vocabOnce.Do(func() { vocab = newVocabulary() })
	return vocab
}

// Generate writes opt.N articles as JSON Lines to corpusW and, when truthW is
// not nil, the ground-truth pairs as JSON Lines
// {"a","b","group","jaccard","edit"} to truthW, both in a deterministic order.
func Generate(opt Options, corpusW, truthW io.Writer) (Stats, error) {
	var st Stats
	if err := opt.defaults(); err != nil {
		return st, err
	}
	v := getVocab()
	nChunks := (opt.N + ChunkSize - 1) / ChunkSize
	type result struct {
		corpus, truth []byte
		st            Stats
	}
	// Workers fill slots in chunk order; the writer drains them in order,
	// with at most 2×workers chunks in flight.
	slots := make([]chan result, nChunks)
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int)
	sem := make(chan struct{}, 2*opt.Workers)
	go func() {
		defer close(next)
		for c := range nChunks {
			sem <- struct{}{}
			next <- c
		}
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Go(func() {
			g := &generator{v: v, opt: &opt}
			if opt.FooterRate > 0 {
				g.footer = footer(v, &opt)
			}
			for c := range next {
				var cb, tb bytes.Buffer
				s := g.chunk(c, &cb, &tb)
				slots[c] <- result{cb.Bytes(), tb.Bytes(), s}
			}
		})
	}
	// After a write error the remaining chunks are still drained (and
	// discarded) so that every goroutine ends.
	var err error
	for c := range nChunks {
		r := <-slots[c]
		<-sem
		if err != nil {
			continue
		}
		if _, err = corpusW.Write(r.corpus); err == nil && truthW != nil {
			_, err = truthW.Write(r.truth)
		}
		st.Articles += r.st.Articles
		st.Copies += r.st.Copies
		st.Groups += r.st.Groups
		st.Pairs += r.st.Pairs
		st.Bytes += int64(len(r.corpus))
	}
	wg.Wait()
	return st, err
}

// sentence is a list of tokens (a token may be a multi-word name) with a
// flag for the start of a paragraph.
type sentence struct {
	toks  []string
	para  bool
	quote string // speaker when the sentence is a quote
}

type article struct {
	id, title, source, date string
	sents                   []sentence
	edit                    float64 // edit rate (copies)
	text                    string  // rendered body
}

type generator struct {
	v      *vocabulary
	opt    *Options
	r      *rand.Rand
	buf    []byte
	footer []sentence // the shared footer, when opt.FooterRate > 0
}

// footer returns the shared footer: sentences of opt.FooterWords words in
// all, from a random stream of its own (the seed's), the same in every chunk.
func footer(v *vocabulary, opt *Options) []sentence {
	g := &generator{v: v, opt: opt, r: rand.New(rand.NewPCG(opt.Seed, 0xf007e4))}
	topic := v.topics[g.r.IntN(len(v.topics))]
	var out []sentence
	for words := 0; words < opt.FooterWords; {
		n := min(8+g.r.IntN(14), opt.FooterWords-words)
		out = append(out, sentence{toks: g.sentenceToks(n, topic), para: len(out)%4 == 0})
		words += n
	}
	return out
}

func (g *generator) chunk(c int, cw, tw *bytes.Buffer) Stats {
	g.r = rand.New(rand.NewPCG(g.opt.Seed, uint64(c)*0x9e3779b97f4a7c15+1))
	lo := c * ChunkSize
	n := min(ChunkSize, g.opt.N-lo)
	// Groups: an original, and with probability q between 1 and MaxCopies
	// copies, so that the expected fraction of copies is DupRate.
	meanCopies := float64(1+g.opt.MaxCopies) / 2
	q := g.opt.DupRate / (meanCopies * (1 - g.opt.DupRate))
	var groups [][]*article
	left := n
	for left > 0 {
		orig := g.original()
		grp := []*article{orig}
		left--
		if left > 0 && g.r.Float64() < q {
			m := min(1+g.r.IntN(g.opt.MaxCopies), left)
			for range m {
				grp = append(grp, g.copyOf(orig))
			}
			left -= m
		}
		groups = append(groups, grp)
	}
	// Place the articles in a random order within the chunk, so copies are
	// not next to their originals; ids follow the output position.
	order := g.r.Perm(n)
	pos := 0
	out := make([]*article, n)
	var st Stats
	for _, grp := range groups {
		for i, a := range grp {
			out[order[pos]] = a
			pos++
			if i > 0 {
				st.Copies++
			}
		}
		if len(grp) > 1 {
			st.Groups++
		}
	}
	if g.opt.FooterRate > 0 {
		for _, a := range out {
			if g.r.Float64() < g.opt.FooterRate {
				a.sents = append(slices.Clip(a.sents), g.footer...)
			}
		}
	}
	enc := newEncoder(cw)
	for i, a := range out {
		a.id = "a" + strconv.Itoa(lo+i+1)
		a.text = g.render(a)
		enc.Encode(articleJSON{ID: a.id, Title: a.title, Source: a.source, Date: a.date, Text: a.text}) // into a bytes.Buffer: cannot fail
	}
	st.Articles = n
	// Ground truth, grouped by original, groups in order of their original's
	// position; pairs in id order.
	sopt := shingle.Options{Kind: shingle.Word, K: g.opt.K}
	type member struct {
		a   *article
		idx int
	}
	var lines []struct {
		first int
		b     []byte
	}
	idxOf := make(map[*article]int, n)
	for i, a := range out {
		idxOf[a] = i
	}
	for _, grp := range groups {
		if len(grp) < 2 {
			continue
		}
		ms := make([]member, len(grp))
		sets := make([][]uint64, len(grp))
		for i, a := range grp {
			ms[i] = member{a, idxOf[a]}
		}
		// Sort members by output position.
		for i := 1; i < len(ms); i++ {
			for j := i; j > 0 && ms[j].idx < ms[j-1].idx; j-- {
				ms[j], ms[j-1] = ms[j-1], ms[j]
			}
		}
		for i, m := range ms {
			art := corpus.Article{Title: m.a.title, Text: m.a.text}
			sets[i] = sopt.Shingles(shingle.StripBoilerplate(art.FullText()))
		}
		var b bytes.Buffer
		enc := newEncoder(&b)
		for i := range ms {
			for j := i + 1; j < len(ms); j++ {
				enc.Encode(pairJSON{A: ms[i].a.id, B: ms[j].a.id, Group: grp[0].id, // into a bytes.Buffer: cannot fail
					Jaccard: decimal{shingle.Jaccard(sets[i], sets[j]), 6},
					Edit:    decimal{max(ms[i].a.edit, ms[j].a.edit), 4}})
				st.Pairs++
			}
		}
		lines = append(lines, struct {
			first int
			b     []byte
		}{ms[0].idx, b.Bytes()})
	}
	for i := 1; i < len(lines); i++ {
		for j := i; j > 0 && lines[j].first < lines[j-1].first; j-- {
			lines[j], lines[j-1] = lines[j-1], lines[j]
		}
	}
	for _, l := range lines {
		tw.Write(l.b)
	}
	return st
}

func (g *generator) word() string { return g.v.words[g.v.zipf.sample(g.r)] }

func (g *generator) entity() string {
	switch g.r.IntN(3) {
	case 0:
		return g.v.people[g.r.IntN(len(g.v.people))]
	case 1:
		return g.v.places[g.r.IntN(len(g.v.places))]
	default:
		return g.v.orgs[g.r.IntN(len(g.v.orgs))]
	}
}

func (g *generator) number() string {
	r := g.r
	switch r.IntN(6) {
	case 0:
		return strconv.Itoa(2 + r.IntN(98))
	case 1:
		return strconv.Itoa(100+r.IntN(900)) + "," + fmt.Sprintf("%03d", r.IntN(1000))
	case 2:
		return strconv.FormatFloat(float64(r.IntN(1000))/10, 'f', 1, 64) + " percent"
	case 3:
		return "$" + strconv.FormatFloat(float64(1+r.IntN(999))/10, 'f', 1, 64) + " million"
	case 4:
		return strconv.Itoa(1990 + r.IntN(36))
	default:
		return strconv.Itoa(1+r.IntN(12)) + " " + []string{"hours", "days", "weeks", "months", "years", "people", "homes", "schools"}[r.IntN(8)]
	}
}

// sentenceToks generates one sentence of n words about topic.
func (g *generator) sentenceToks(n int, topic []string) []string {
	toks := make([]string, 0, n+2)
	for len(toks) < n {
		u := g.r.Float64()
		switch {
		case u < 0.06:
			toks = append(toks, g.entity())
		case u < 0.09:
			toks = append(toks, g.number())
		case u < 0.22:
			toks = append(toks, topic[g.r.IntN(len(topic))])
		default:
			toks = append(toks, g.word())
		}
		if g.r.Float64() < 0.05 && len(toks) < n-1 {
			toks[len(toks)-1] += ","
		}
	}
	toks[0] = capitalize(toks[0])
	return toks
}

func (g *generator) original() *article {
	r := g.r
	topic := g.v.topics[r.IntN(len(g.v.topics))]
	a := &article{
		source: g.v.outlets[r.IntN(len(g.v.outlets))],
		date:   fmt.Sprintf("2024-%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)),
	}
	title := g.sentenceToks(6+r.IntN(6), topic)
	a.title = joinToks(title)
	target := g.opt.Words/2 + r.IntN(g.opt.Words+1)
	words := 0
	inPara := 0
	paraLen := 3 + r.IntN(4)
	for words < target {
		s := sentence{toks: g.sentenceToks(8+r.IntN(22), topic)}
		if inPara == 0 {
			s.para = true
		}
		if r.Float64() < 0.1 {
			s.quote = g.v.people[r.IntN(len(g.v.people))]
		}
		words += len(s.toks)
		a.sents = append(a.sents, s)
		inPara++
		if inPara >= paraLen {
			inPara = 0
			paraLen = 3 + r.IntN(4)
		}
	}
	if r.Float64() < 0.3 {
		a.sents = append(a.sents, g.boilerplate(a.source)...)
	}
	return a
}

// boilerplate is the outlet's fixed sign-off: the same sentences in every
// article of that outlet that carries it.
func (g *generator) boilerplate(outlet string) []sentence {
	byline := g.v.people[g.r.IntN(len(g.v.people))]
	var toks [][]string
	switch len(outlet) % outletStyle {
	case 0:
		toks = [][]string{{"Reporting", "by", byline + ";", "editing", "by", "the", outlet, "news", "desk"}}
	case 1:
		toks = [][]string{{"Copyright", "2024", outlet + ".", "All", "rights", "reserved"}, {"This", "material", "may", "not", "be", "published,", "broadcast,", "rewritten", "or", "redistributed"}}
	default:
		toks = [][]string{{"Sign", "up", "for", "the", outlet, "morning", "newsletter", "to", "get", "the", "day's", "top", "stories", "in", "your", "inbox"}}
	}
	out := make([]sentence, len(toks))
	for i, t := range toks {
		out[i] = sentence{toks: t, para: i == 0}
	}
	return out
}

// copyOf returns an edited copy of orig at a random edit rate.
func (g *generator) copyOf(orig *article) *article {
	r := g.r
	rate := r.Float64() * g.opt.MaxEdit
	c := &article{
		source: g.v.outlets[r.IntN(len(g.v.outlets))],
		date:   orig.date,
		title:  orig.title,
		edit:   rate,
	}
	if r.Float64() < 0.3 {
		t := g.sentenceToks(6+r.IntN(6), g.v.topics[r.IntN(len(g.v.topics))])
		c.title = joinToks(t)
	}
	for _, s := range orig.sents {
		if r.Float64() < rate/4 {
			continue // sentence dropped
		}
		ns := sentence{para: s.para, quote: s.quote}
		ns.toks = make([]string, 0, len(s.toks)+2)
		for _, t := range s.toks {
			u := r.Float64()
			switch {
			case u < rate/2:
				ns.toks = append(ns.toks, g.word())
			case u < rate*3/4:
				// deleted
			case u < rate:
				ns.toks = append(ns.toks, t, g.word())
			default:
				ns.toks = append(ns.toks, t)
			}
		}
		if len(ns.toks) == 0 {
			continue
		}
		ns.toks[0] = capitalize(ns.toks[0])
		c.sents = append(c.sents, ns)
	}
	for i := 0; i+1 < len(c.sents); i++ {
		if r.Float64() < rate/4 {
			c.sents[i].toks, c.sents[i+1].toks = c.sents[i+1].toks, c.sents[i].toks
		}
	}
	if len(c.sents) == 0 {
		c.sents = []sentence{{toks: []string{"Updated"}, para: true}}
	}
	if r.Float64() < 0.5 {
		c.sents = append(c.sents, g.boilerplate(c.source)...)
	}
	return c
}

func joinToks(toks []string) string {
	n := 0
	for _, t := range toks {
		n += len(t) + 1
	}
	b := make([]byte, 0, n)
	for i, t := range toks {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, t...)
	}
	return string(b)
}

// render writes the body: sentences joined by spaces, paragraphs by a blank
// line, quotes attributed.
func (g *generator) render(a *article) string {
	b := g.buf[:0]
	for i, s := range a.sents {
		if i > 0 {
			if s.para {
				b = append(b, "\n\n"...)
			} else {
				b = append(b, ' ')
			}
		}
		if s.quote != "" {
			b = append(b, '"')
		}
		for j, t := range s.toks {
			if j > 0 {
				b = append(b, ' ')
			}
			b = append(b, t...)
		}
		if n := len(b); n > 0 && (b[n-1] == ',' || b[n-1] == ';' || b[n-1] == '.') {
			b = b[:n-1]
		}
		if s.quote != "" {
			b = append(b, `," said `...)
			b = append(b, s.quote...)
		}
		b = append(b, '.')
	}
	g.buf = b
	return string(b)
}

// articleJSON is an article as JSON Lines: the fields in this order.
type articleJSON struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Source string `json:"source"`
	Date   string `json:"date"`
	Text   string `json:"text"`
}

// pairJSON is a ground-truth pair as JSON Lines.
type pairJSON struct {
	A       string  `json:"a"`
	B       string  `json:"b"`
	Group   string  `json:"group"`
	Jaccard decimal `json:"jaccard"`
	Edit    decimal `json:"edit"`
}

// decimal is a number written with a fixed number of decimals.
type decimal struct {
	v      float64
	places int
}

func (d decimal) MarshalJSON() ([]byte, error) {
	return strconv.AppendFloat(nil, d.v, 'f', d.places, 64), nil
}

// newEncoder returns a JSON Lines encoder into w that writes <, > and &
// as they are.
func newEncoder(w io.Writer) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc
}
