package dedup

import (
	"fmt"
	"os"
	"testing"

	"github.com/storydiff/storydiff/internal/gen"
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
	return res.store
}

// BenchmarkLink measures the candidate search, verification and grouping
// of Run on the signatures of n articles (42 bands × 3 rows, the default
// for threshold 0.5); per-article figures are the time divided by n.
func BenchmarkLink(b *testing.B) {
	for _, n := range []int{10000} {
		sigs := benchSigs(b, n)
		opt := Options{Workers: 1}
		if err := opt.defaults(); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res := &Result{Bands: opt.Bands, Rows: opt.Rows}
				link(res, sigs, &opt)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/article")
		})
	}
}
