package dedup

import (
	"fmt"
	"os"
	"testing"

	"github.com/storydiff/storydiff/internal/gen"
	"github.com/storydiff/storydiff/shingle"
)

// BenchmarkRun measures end-to-end dedup throughput (read, decode, sign,
// index, group) on a generated corpus of ~4 KB articles.
func BenchmarkRun(b *testing.B) {
	for _, n := range []int{2000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			path, _ := genCorpus(b, gen.Options{N: n, Seed: 1})
			fi, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(fi.Size())
			b.ReportAllocs()
			for b.Loop() {
				res, err := Run([]string{path}, Options{})
				if err != nil {
					b.Fatal(err)
				}
				if res.Articles != n {
					b.Fatalf("articles = %d, want %d", res.Articles, n)
				}
			}
		})
	}
}

// benchSigs returns the signatures of a generated corpus of n articles.
func benchSigs(b *testing.B, n int) *Signatures {
	b.Helper()
	path, _ := genCorpus(b, gen.Options{N: n, Seed: 2})
	res, err := Run([]string{path}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return res.Batch
}

// BenchmarkIndex measures building the banded index (42 bands × 3 rows, the
// default for threshold 0.5) and querying it; per-article figures are the
// time divided by n.
func BenchmarkIndex(b *testing.B) {
	const perms = 128
	bands, rows := ChooseBands(DefaultThreshold, perms)
	for _, n := range []int{10000} {
		sigs := benchSigs(b, n)
		b.Run(fmt.Sprintf("build/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				NewIndex(sigs, bands, rows, 1)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
		})
		x := NewIndex(sigs, bands, rows, 1)
		b.Run(fmt.Sprintf("query/n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				x.Query(sigs.Sig(i))
				i = (i + 1) % n
			}
		})
	}
}

// BenchmarkShingleLSH is the shingle package's LSH on the same signatures,
// for comparison with BenchmarkIndex.
func BenchmarkShingleLSH(b *testing.B) {
	const perms = 128
	bands, rows := ChooseBands(DefaultThreshold, perms)
	n := 10000
	sigs := benchSigs(b, n)
	b.Run(fmt.Sprintf("add+pairs/n=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			l := shingle.NewLSH(bands, rows)
			for i := range n {
				l.Add(i, sigs.Sig(i))
			}
			l.Pairs()
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
	})
}

// BenchmarkSimilarity measures one signature comparison (128 slots).
func BenchmarkSimilarity(b *testing.B) {
	x, y := make([]uint32, 128), make([]uint32, 128)
	for i := range x {
		x[i], y[i] = uint32(i), uint32(i%3)
	}
	for b.Loop() {
		similarity(x, y)
	}
}
