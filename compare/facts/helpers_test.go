package facts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

// articleFromText builds an article the way the text loader does: the
// first non-empty line is the title, the rest is the body.
func articleFromText(id, content string) *corpus.Article {
	lines := strings.SplitAfter(content, "\n")
	for i, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		return &corpus.Article{ID: id, Title: strings.TrimSpace(l), TitleLine: i + 1,
			Text: strings.Join(lines[i+1:], ""), FirstLine: i + 2}
	}
	return &corpus.Article{ID: id, FirstLine: 1}
}

// seed loads testdata/seeds/<prefix>*.txt from the repository root.
func seed(t testing.TB, prefix string) *corpus.Article {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "..", "testdata", "seeds", prefix+"*.txt"))
	if err != nil || len(m) != 1 {
		t.Fatalf("seed %s: %v %v", prefix, m, err)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	return articleFromText(strings.TrimSuffix(filepath.Base(m[0]), ".txt"), string(b))
}
