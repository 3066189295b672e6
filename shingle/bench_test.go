package shingle

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// seedTexts returns the bundled seed articles (real news text, 2–6 KB).
func seedTexts(tb testing.TB) []string {
	tb.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "testdata", "seeds", "*.txt"))
	if err != nil || len(paths) == 0 {
		tb.Skipf("no seed articles in ../testdata/seeds (%v)", err)
	}
	var texts []string
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
}

var newsWords = strings.Fields(`the of to and a in that said for on is was with
he it as at by from his an be have has are but were not this who they had
which will their been after would year more two its also new one people
government president minister police officials state country told week last
first over against about than there when into up could percent million
report city military forces election court security since under while
during including country's national people's troops capital attack killed
according statement spokesman foreign united nations agency news reuters
reported tuesday wednesday thursday friday monday sunday saturday december
january officials border talks deal economy prices market billion company
ceasefire negotiations parliament opposition protesters demonstrators
authorities investigation prosecutors allegations humanitarian refugees
displaced coalition ministry infrastructure electricity shortages inflation
unemployment announcement spokeswoman international organisation diplomats
administration legislation constitutional referendum candidates campaign
violence casualties hospital emergency earthquake hurricane flooding
evacuated residents neighbourhood province district region villages
peacekeepers mission withdrawal reinforcements weapons ammunition
`)

// newsArticle generates a deterministic news-like article of about size
// bytes: Zipf-distributed words, capitalised sentences, numbers, curly
// quotes and dashes.
func newsArticle(seed uint64, size int) string {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	zipf := rand.NewZipf(rng, 1.05, 8, uint64(len(newsWords)-1))
	var sb strings.Builder
	for sb.Len() < size {
		n := 8 + rng.IntN(20)
		for i := range n {
			w := newsWords[zipf.Uint64()]
			switch {
			case i == 0:
				w = strings.ToUpper(w[:1]) + w[1:]
			case rng.IntN(40) == 0:
				w = fmt.Sprintf("%d,%03d", rng.IntN(100), rng.IntN(1000))
			case rng.IntN(60) == 0:
				w = "“" + w + "”"
			case rng.IntN(80) == 0:
				w = "—"
			}
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(w)
		}
		sb.WriteString(". ")
		if rng.IntN(5) == 0 {
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// cpuMeter reports, besides the wall-clock MB/s of b.SetBytes, "cpu-MB/s":
// bytes per second of process CPU time (GC included). On a shared machine
// the wall clock also counts time spent waiting for a core; CPU time does
// not, so cpu-MB/s is the per-core throughput.
type cpuMeter struct {
	start time.Duration
	bytes int64
	iters int
}

func startCPU(bytes int64) *cpuMeter {
	t, _ := cpuTime()
	return &cpuMeter{start: t, bytes: bytes}
}

func (c *cpuMeter) report(b *testing.B) {
	t, ok := cpuTime()
	if !ok || t <= c.start || c.iters == 0 {
		return
	}
	b.ReportMetric(float64(c.bytes)*float64(c.iters)/1e6/(t-c.start).Seconds(), "cpu-MB/s")
}

func corpusBytes(texts []string) int64 {
	n := 0
	for _, s := range texts {
		n += len(s)
	}
	return int64(n)
}

func benchCorpora(b *testing.B) map[string][]string {
	gen := make([]string, 16)
	for i := range gen {
		gen[i] = newsArticle(uint64(i), 4096)
	}
	return map[string][]string{"seeds": seedTexts(b), "generated4KB": gen}
}

func BenchmarkTokenize(b *testing.B) {
	for _, name := range []string{"seeds", "generated4KB"} {
		texts := benchCorpora(b)[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(corpusBytes(texts))
			b.ReportAllocs()
			cpu := startCPU(corpusBytes(texts))
			for b.Loop() {
				for _, s := range texts {
					Tokenize(s)
				}
				cpu.iters++
			}
			cpu.report(b)
		})
	}
}

// BenchmarkSignature times the MinHash step alone (128 permutations, word
// 5-shingles of ~4 KB articles), fast sketch against classic MinHash.
// Bytes are article bytes, so MB/s compares with BenchmarkSignText.
func BenchmarkSignature(b *testing.B) {
	texts := benchCorpora(b)["generated4KB"]
	sets := make([][]uint64, len(texts))
	for i, s := range texts {
		sets[i] = Options{}.Shingles(s)
	}
	m := NewMinHasher(128, 1)
	for _, meth := range []struct {
		name string
		sign func([]uint64) Signature
	}{{"fast", m.Signature}, {"classic", m.Classic}} {
		b.Run(meth.name, func(b *testing.B) {
			b.SetBytes(corpusBytes(texts))
			b.ReportAllocs()
			cpu := startCPU(corpusBytes(texts))
			for b.Loop() {
				for _, s := range sets {
					meth.sign(s)
				}
				cpu.iters++
			}
			cpu.report(b)
		})
	}
}

// BenchmarkSignText is the hot path end to end: tokenising, word
// 5-shingling and the 128-slot fast sketch.
func BenchmarkSignText(b *testing.B) {
	m := NewMinHasher(128, 1)
	for _, name := range []string{"seeds", "generated4KB"} {
		texts := benchCorpora(b)[name]
		b.Run(name, func(b *testing.B) {
			b.SetBytes(corpusBytes(texts))
			b.ReportAllocs()
			var dst Signature
			cpu := startCPU(corpusBytes(texts))
			for b.Loop() {
				for _, s := range texts {
					dst = m.SignText(Options{}, s, dst)
				}
				cpu.iters++
			}
			cpu.report(b)
		})
	}
	b.Run("classic-path/generated4KB", func(b *testing.B) {
		texts := benchCorpora(b)["generated4KB"]
		b.SetBytes(corpusBytes(texts))
		b.ReportAllocs()
		cpu := startCPU(corpusBytes(texts))
		for b.Loop() {
			for _, s := range texts {
				m.Classic(Options{}.Shingles(s))
			}
			cpu.iters++
		}
		cpu.report(b)
	})
}

// lshSignatures returns n signatures: random sets of 300 shingles, every
// tenth a near-duplicate (J ≈ 0.8) of its predecessor.
func lshSignatures(n int) []Signature {
	m := NewMinHasher(128, 1)
	rng := rand.New(rand.NewPCG(uint64(n), 1))
	sigs := make([]Signature, n)
	var prev []uint64
	for i := range sigs {
		set := make([]uint64, 300)
		for j := range set {
			if i%10 == 1 && j < 267 {
				set[j] = prev[j]
			} else {
				set[j] = rng.Uint64()
			}
		}
		sigs[i], prev = m.Signature(set), set
	}
	return sigs
}

func BenchmarkLSHInsert(b *testing.B) {
	bands, rows := Params(0.8, 128, 0.5, 0.5)
	for _, n := range []int{1000, 10000} {
		sigs := lshSignatures(n)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				l := NewLSH(bands, rows)
				for i, s := range sigs {
					l.Add(i, s)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/add")
		})
	}
}

func BenchmarkLSHQuery(b *testing.B) {
	bands, rows := Params(0.8, 128, 0.5, 0.5)
	for _, n := range []int{1000, 10000} {
		sigs := lshSignatures(n)
		l := NewLSH(bands, rows)
		for i, s := range sigs {
			l.Add(i, s)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				l.Query(sigs[i%n])
				i++
			}
		})
	}
}

// BenchmarkSimilarity measures one signature comparison (128 slots) of a
// candidate pair: the slots agree at random, half of them.
func BenchmarkSimilarity(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	x, y := make(Signature, 128), make(Signature, 128)
	for i := range x {
		x[i], y[i] = rng.Uint32()>>1, rng.Uint32()>>1
		if rng.IntN(2) == 0 {
			y[i] = x[i]
		}
	}
	for b.Loop() {
		x.Similarity(y)
	}
}
