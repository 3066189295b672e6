package input

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storydiff/storydiff/corpus"
)

func FuzzParseRecord(f *testing.F) {
	if raw, err := os.ReadFile("testdata/feed.jsonl"); err == nil {
		for line := range strings.SplitSeq(string(raw), "\n") {
			f.Add(line, 1)
		}
	}
	f.Add(`{"id":1e3,"text":"a\u00e9\ud83d\ude00\ud800x","TITLE":"t","x":[{"y":null}]}`, 2)
	f.Add(`{"text":"`+strings.Repeat(`\"`, 10)+`"}`, 3)
	f.Add("{\"text\":\"a\xffb\"}", 4)
	f.Add(`{"text":"x","ſource":"long s"}`, 5)
	f.Fuzz(func(t *testing.T, line string, lineNo int) {
		if lineNo < 1 {
			lineNo = -lineNo%1000 + 1
		}
		a, err := ParseRecord([]byte(line), "f.jsonl", lineNo)
		if err != nil {
			pe, ok := errors.AsType[*ParseError](err)
			if !ok || pe.Line != lineNo || pe.Line < 1 || pe.File != "f.jsonl" {
				t.Fatalf("ParseRecord(%q) error %v (%T), want *ParseError at f.jsonl:%d", line, err, err, lineNo)
			}
			_ = err.Error()
			return
		}
		if a.Record != lineNo || a.ID == "" || strings.TrimSpace(a.Text) == "" || !utf8.ValidString(a.Text) {
			t.Fatalf("ParseRecord(%q) = %+v: bad Record, ID or Text", line, a)
		}
		checkLines(t, a, strings.Count(a.Text, "\n")+1)
	})
}

// FuzzFastDecode checks the fast JSON path against encoding/json: whenever
// the fast path accepts a line, encoding/json must accept it too and decode
// the same record.
func FuzzFastDecode(f *testing.F) {
	f.Add(`{"id":"a","text":"b\n\"c\"","title":null}`)
	f.Add(`{"id":-0.5e+3,"Text":"x","text":"y","skip":{"a":[1,true,false,null,"s"]}}`)
	f.Add(`{"text":"\ud83d\ude00 \udc00 \ud800\u0041 \u00e9\/"}`)
	f.Add(` {"TEXT" : "a" , "Author":"b"} `)
	f.Add(`{"text":"a"}x`)
	f.Add(`{"id":01,"text":"a"}`)
	f.Fuzz(func(t *testing.T, line string) {
		if !utf8.ValidString(line) {
			return
		}
		var fast jsonRecord
		if !fastDecode([]byte(line), &fast) {
			return
		}
		var slow jsonRecord
		if err := json.Unmarshal([]byte(line), &slow); err != nil {
			t.Fatalf("fast path accepted %q, encoding/json: %v", line, err)
		}
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("decode(%q):\nfast %s\nslow %s", line, dumpRecord(fast), dumpRecord(slow))
		}
	})
}

func dumpRecord(r jsonRecord) string {
	b, _ := json.Marshal(r)
	return string(b)
}

func FuzzParseText(f *testing.F) {
	for _, name := range []string{"testdata/headers.txt", "testdata/crlf.txt", "testdata/wire.md"} {
		if raw, err := os.ReadFile(name); err == nil {
			f.Add(string(raw), strings.HasSuffix(name, ".md"))
		}
	}
	f.Add("---\ntitle: x\n---\n# T #\n===\n\n\nbody\r\n\r\n", true)
	f.Add("\ufeffID: x\nTitle: y\n", false)
	f.Add("\xff", false)
	f.Fuzz(func(t *testing.T, data string, md bool) {
		a, err := ParseText([]byte(data), "f.txt", md)
		if err != nil {
			pe, ok := errors.AsType[*ParseError](err)
			if !ok || pe.File != "f.txt" || pe.Line < 0 {
				t.Fatalf("ParseText(%q) error %v (%T), want *ParseError for f.txt", data, err, err)
			}
			_ = err.Error()
			return
		}
		norm := strings.ReplaceAll(strings.TrimPrefix(data, "\ufeff"), "\r\n", "\n")
		norm = strings.ReplaceAll(norm, "\r", "\n")
		fileLines := strings.Split(norm, "\n")
		checkLines(t, a, len(fileLines))
		// Each line of Text is (a prefix of, for the trimmed last line) the
		// file line that Line reports for it.
		off := 0
		for tl := range strings.SplitSeq(a.Text, "\n") {
			n := a.Line(off)
			if !strings.HasPrefix(fileLines[n-1], tl) {
				t.Fatalf("ParseText(%q): Text line %q at offset %d mapped to file line %d %q", data, tl, off, n, fileLines[n-1])
			}
			off += len(tl) + 1
		}
		if a.TitleLine > 0 && !strings.Contains(fileLines[a.TitleLine-1], a.Title) {
			t.Fatalf("ParseText(%q): TitleLine %d = %q does not hold Title %q", data, a.TitleLine, fileLines[a.TitleLine-1], a.Title)
		}
		if a.ID == "" {
			t.Fatalf("ParseText(%q): empty ID", data)
		}
	})
}

// checkLines checks that Line maps every offset of a.Text into [1, maxLine].
func checkLines(t *testing.T, a *corpus.Article, maxLine int) {
	t.Helper()
	step := max(1, len(a.Text)/512)
	for off := 0; off <= len(a.Text); off += step {
		if n := a.Line(off); n < 1 || n > maxLine {
			t.Fatalf("Line(%d) = %d, want within [1, %d] (FirstLine %d, Text %q)", off, n, maxLine, a.FirstLine, a.Text)
		}
	}
}
