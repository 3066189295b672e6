package facts

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

// ecbClusters loads n ECB+ documents grouped by their gold event cluster
// (documents are reused with new ids when n exceeds the 772 there).
func ecbClusters(b *testing.B, n int) ([][]*corpus.Article, int64) {
	dir := os.Getenv("FACTS_ECB")
	if dir == "" {
		dir = filepath.Join("..", "..", "..", "shared", "eval", "ecbplus")
	}
	f, err := os.Open(filepath.Join(dir, "gold.tsv"))
	if err != nil {
		b.Skipf("no ECB+ data (set FACTS_ECB): %v", err)
	}
	defer f.Close()
	var files, clusters []string
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		c := strings.Split(sc.Text(), "\t")
		if first || len(c) < 2 {
			continue
		}
		files, clusters = append(files, c[0]), append(clusters, c[1])
	}
	groups := map[string][]*corpus.Article{}
	var bytes int64
	for i := 0; i < n && len(files) > 0; i++ {
		k := i % len(files)
		a := ecbArticle(b, dir, files[k])
		if i >= len(files) {
			a.ID += "-copy"
		}
		bytes += int64(len(a.Text))
		groups[clusters[k]] = append(groups[clusters[k]], a)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]*corpus.Article, 0, len(keys))
	for _, k := range keys {
		g := groups[k]
		sort.Slice(g, func(i, j int) bool { return g[i].ID < g[j].ID })
		out = append(out, g)
	}
	return out, bytes
}

// BenchmarkCompare compares the facts inside every gold cluster of 1,000
// ECB+ articles: what 'storydiff compare' does after clustering.
func BenchmarkCompare(b *testing.B) {
	groups, bytes := ecbClusters(b, 1000)
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		for _, g := range groups {
			Compare(g)
		}
	}
}

// BenchmarkExtract extracts the facts of one long article.
func BenchmarkExtract(b *testing.B) {
	a := seed(b, "002")
	b.SetBytes(int64(len(a.Text)))
	b.ReportAllocs()
	for b.Loop() {
		Extract(a)
	}
}
