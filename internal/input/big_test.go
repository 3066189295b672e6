package input

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

// Pathological inputs: huge lines, many records, odd content. They must load
// correctly without the reader's buffer size limiting anything.

func TestBigTextLine(t *testing.T) {
	line := strings.Repeat("abcdefghi ", 1<<20) // 10 MB, one line
	dir := t.TempDir()
	p := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(p, []byte("Title\n"+line+"\nlast line\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := Load([]string{p}, Options{Warn: func(err error) { t.Error(err) }})
	if err != nil || len(docs) != 1 {
		t.Fatalf("Load = %d articles, %v; want 1", len(docs), err)
	}
	a := docs[0]
	if got, want := len(a.Text), len(line)+len("\nlast line"); got != want {
		t.Errorf("len(Text) = %d, want %d", got, want)
	}
	if got := a.Line(len(line) - 5); got != 2 {
		t.Errorf("Line(end of big line) = %d, want 2", got)
	}
	if got := a.Line(len(a.Text) - 1); got != 3 {
		t.Errorf("Line(last byte) = %d, want 3", got)
	}
}

func TestBigJSONLRecord(t *testing.T) {
	text := strings.Repeat("word ", 2<<20) // 10 MB
	dir := t.TempDir()
	p := filepath.Join(dir, "big.jsonl")
	content := `{"id":"small","text":"x"}` + "\n" + `{"id":"big","text":"` + text + `\nend"}` + "\n" + `{"id":"after","text":"y"}` + "\n"
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := Walk([]string{p}, Options{Warn: func(err error) { t.Error(err) }}, func(a *corpus.Article) error {
		got = append(got, fmt.Sprintf("%s:%d:%d", a.ID, a.Record, len(a.Text)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("small:1:1 big:2:%d after:3:1", len(text)+len("\nend"))
	if g := strings.Join(got, " "); g != want {
		t.Errorf("records = %s, want %s", g, want)
	}
}

func TestManyJSONLRecords(t *testing.T) {
	const n = 65000
	var b strings.Builder
	for i := range n {
		if i%1000 == 999 {
			b.WriteString("{\"text\": 1}\n") // a bad record now and then
			continue
		}
		fmt.Fprintf(&b, "{\"id\":\"r%d\",\"text\":\"record %d\"}\n", i%30000, i) // IDs collide
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "many.jsonl")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	warns := 0
	docs, err := Load([]string{p}, Options{Warn: func(error) { warns++ }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(docs), n-n/1000; got != want || warns != n/1000 {
		t.Errorf("Load = %d articles, %d warnings; want %d, %d", got, warns, want, n/1000)
	}
	seen := make(map[string]bool, len(docs))
	for _, a := range docs {
		if seen[a.ID] {
			t.Fatalf("duplicate ID %q after Load", a.ID)
		}
		seen[a.ID] = true
	}
}

func TestOddArticles(t *testing.T) {
	tests := []struct {
		name, in  string
		wantTitle string
		wantWords int
	}{
		{"all punctuation", strings.Repeat("!?.,;:-—…", 1000) + "\n" + strings.Repeat("((()))", 1000), strings.Repeat("!?.,;:-—…", 1000), 2},
		{"65,000 header lines", strings.Repeat("Source: x\n", 65000) + "T\nbody", "T", 2},
		{"65,000 blank lines", "T" + strings.Repeat("\n", 65000) + "body", "T", 2},
		{"CR only line ends", "T\rbody\rmore", "T", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseText([]byte(tt.in), "odd.txt", false)
			if err != nil {
				t.Fatal(err)
			}
			if a.Title != tt.wantTitle || a.Words() != tt.wantWords {
				t.Errorf("Title, Words = %.40q, %d; want %.40q, %d", a.Title, a.Words(), tt.wantTitle, tt.wantWords)
			}
		})
	}
}
