package input

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name string
		line string
		want corpus.Article
	}{
		{
			name: "all fields",
			line: `{"id":"a1","title":" T ","source":"S","url":"http://u","date":"2020-12-21T10:00:00Z","byline":"B","text":"one\ntwo"}`,
			want: corpus.Article{ID: "a1", Title: "T", Source: "S", URL: "http://u", Date: "2020-12-21", Byline: "B", Text: "one\ntwo", FirstLine: 1},
		},
		{
			name: "text only, id from file and line",
			line: `{"text":"body"}` + "\r\n",
			want: corpus.Article{ID: "feed:7", Text: "body", FirstLine: 1},
		},
		{
			name: "numeric id, author, nulls, unknown fields",
			line: `{"id":12,"author":"Ann","title":null,"extra":{"x":[1,2]},"text":"b"}`,
			want: corpus.Article{ID: "12", Byline: "Ann", Text: "b", FirstLine: 1},
		},
		{
			name: "byline wins over author",
			line: `{"byline":"B","author":"A","text":"b"}`,
			want: corpus.Article{ID: "feed:7", Byline: "B", Text: "b", FirstLine: 1},
		},
		{
			name: "escapes and CRLF in text",
			line: `{"text":"caf\u00e9\r\nline \"2\"\n\n","date":"21 December 2020"}`,
			want: corpus.Article{ID: "feed:7", Text: "café\nline \"2\"", Date: "2020-12-21", FirstLine: 1},
		},
		{
			name: "unparseable date kept",
			line: `{"text":"b","date":"sometime"}`,
			want: corpus.Article{ID: "feed:7", Text: "b", Date: "sometime", FirstLine: 1},
		},
		{
			name: "empty id falls back",
			line: `{"id":"  ","text":"b"}`,
			want: corpus.Article{ID: "feed:7", Text: "b", FirstLine: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRecord([]byte(tt.line), "dir/feed.jsonl", 7)
			if err != nil {
				t.Fatalf("ParseRecord(%q) error: %v", tt.line, err)
			}
			if g, w := summary(got), summary(&tt.want); g != w {
				t.Errorf("ParseRecord(%q) =\n%s\nwant\n%s", tt.line, g, w)
			}
			if got.Record != 7 || got.Path != "dir/feed.jsonl" {
				t.Errorf("Record, Path = %d, %q, want 7, %q", got.Record, got.Path, "dir/feed.jsonl")
			}
		})
	}
}

func TestParseRecordBad(t *testing.T) {
	tests := []struct {
		name, line string
		want       error
		msg        string // substring of Error()
	}{
		{"invalid JSON", `{"text": "x"`, ErrMalformed, "f.jsonl:3: malformed"},
		{"not an object", `["text"]`, ErrMalformed, "want a JSON object, got array"},
		{"string not object", `"text"`, ErrMalformed, "got string"},
		{"trailing garbage", `{"text":"x"} {}`, ErrMalformed, "malformed"},
		{"missing text", `{"id":"x","title":"t"}`, ErrMissingField, `missing required field "text"`},
		{"null text", `{"text":null}`, ErrMissingField, `"text"`},
		{"empty text", `{"text":""}`, ErrEmpty, `"text"`},
		{"whitespace text", `{"text":" \n\t "}`, ErrEmpty, "no text"},
		{"text wrong type", `{"text":42}`, ErrMalformed, `field "text": want string, got number`},
		{"title wrong type", `{"text":"x","title":["a"]}`, ErrMalformed, `field "title": want string, got array`},
		{"id wrong type", `{"text":"x","id":{"a":1}}`, ErrMalformed, `field "id": want string or number, got object`},
		{"invalid UTF-8", "{\"text\":\"caf\xe9\"}", ErrInvalidUTF8, "f.jsonl:3: invalid UTF-8"},
		{"NUL", "{\"text\":\"a\x00b\"}", ErrMalformed, "malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseRecord([]byte(tt.line), "f.jsonl", 3)
			if !errors.Is(err, tt.want) {
				t.Fatalf("ParseRecord(%q) = %v, %v; want error %v", tt.line, a, err, tt.want)
			}
			pe, ok := errors.AsType[*ParseError](err)
			if !ok || pe.File != "f.jsonl" || pe.Line != 3 {
				t.Errorf("ParseRecord(%q) error %#v, want *ParseError at f.jsonl:3", tt.line, err)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Error() = %q, want it to contain %q", err, tt.msg)
			}
		})
	}
}

// TestReadJSONL reads the fixture: good records in order, and one warning
// per bad line naming its line number.
func TestReadJSONL(t *testing.T) {
	var ids, warns []string
	err := Walk([]string{"testdata/feed.jsonl"}, Options{Warn: func(err error) { warns = append(warns, err.Error()) }},
		func(a *corpus.Article) error {
			ids = append(ids, fmt.Sprintf("%s@%d", a.ID, a.Record))
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(ids, " "), "w1@1 feed:3@3 7@7"; got != want {
		t.Errorf("records = %s, want %s", got, want)
	}
	wantWarn := []string{"testdata/feed.jsonl:4: ", "testdata/feed.jsonl:5: ", "testdata/feed.jsonl:6: "}
	if len(warns) != len(wantWarn) {
		t.Fatalf("warnings = %q, want %d", warns, len(wantWarn))
	}
	for i, w := range wantWarn {
		if !strings.HasPrefix(warns[i], w) {
			t.Errorf("warning %d = %q, want prefix %q", i, warns[i], w)
		}
	}
}

// TestReadJSONLStream covers line handling of the reader itself: no final
// newline, CRLF, blank lines, a BOM, a long line, a binary file.
func TestReadJSONLStream(t *testing.T) {
	long := strings.Repeat("word ", 200_000) // 1 MB, larger than the reader's buffer
	tests := []struct {
		name, in  string
		want      string // ID@Record...
		wantWarns int
	}{
		{"no final newline", "{\"text\":\"a\"}\n{\"text\":\"b\"}", "f:1 f:2", 0},
		{"CRLF and blanks", "\r\n{\"text\":\"a\"}\r\n  \r\n{\"text\":\"b\"}\r\n", "f:2 f:4", 0},
		{"BOM", "\ufeff{\"text\":\"a\"}\n", "f:1", 0},
		{"long line", "{\"text\":\"a\"}\n{\"text\":\"" + long + "\"}\n{\"text\":\"c\"}\n", "f:1 f:2 f:3", 0},
		{"bad middle line", "{\"text\":\"a\"}\n{oops\n{\"text\":\"c\"}\n", "f:1 f:3", 1},
		{"binary", "\x00\x01\x02{\"text\":\"a\"}", "", 1},
		{"empty", "", "", 1},
		{"blank lines only", "\n \n\r\n", "", 1},
		{"NUL after the first 8 KB", "{\"text\":\"a\"}\n" + strings.Repeat(" ", 9000) + "\x00\n", "f:1", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			warns := 0
			err := ReadJSONL(strings.NewReader(tt.in), "f.jsonl", func(error) { warns++ }, func(a *corpus.Article) error {
				got = append(got, a.ID)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, " "); g != tt.want || warns != tt.wantWarns {
				t.Errorf("read = %q with %d warnings, want %q with %d", g, warns, tt.want, tt.wantWarns)
			}
		})
	}
}

// benchRecord returns one JSONL line holding a ~4 KB news-like article.
func benchRecord() []byte {
	var body strings.Builder
	for i := 0; body.Len() < 4000; i++ {
		fmt.Fprintf(&body, `The council voted %d to %d on Monday to approve the \"new\" bridge, officials said – café.\n`, i, i+3)
	}
	return []byte(`{"id":"wire-000123","title":"Council approves new river bridge","source":"Northern Wire","url":"https://example.org/news/2020/12/21/bridge","date":"2020-12-21T10:00:00Z","byline":"Sam Reyes","text":"` + body.String() + `"}`)
}

// asciiEscaped rewrites a JSON line the way Python's json.dumps does by
// default, with every non-ASCII character as a \u escape.
func asciiEscaped(line []byte) []byte {
	var b bytes.Buffer
	for _, r := range string(line) {
		if r < 0x80 {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "\\u%04x", r)
		}
	}
	return b.Bytes()
}

func BenchmarkParseRecord(b *testing.B) {
	line := benchRecord()
	cases := []struct {
		name string
		line []byte
	}{
		{"4KB", line},
		{"4KB-ascii-escaped", asciiEscaped(line)},
		{"4KB-nested-extra-fields", append([]byte(`{"meta":{"tags":["a","b"],"n":[1,2,{"x":null}]},`), line[1:]...)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.line)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ParseRecord(c.line, "bench.jsonl", 1); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	// The same record through encoding/json alone, for comparison.
	b.Run("4KB-encoding-json-only", func(b *testing.B) {
		b.SetBytes(int64(len(line)))
		b.ReportAllocs()
		for b.Loop() {
			var rec jsonRecord
			if err := json.Unmarshal(line, &rec); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkReadJSONL measures the streaming reader on 1,000 records.
func BenchmarkReadJSONL(b *testing.B) {
	line := benchRecord()
	data := bytes.Repeat(append(line, '\n'), 1000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := ReadJSONL(bytes.NewReader(data), "bench.jsonl", func(err error) { b.Fatal(err) }, func(*corpus.Article) error { n++; return nil })
		if err != nil || n != 1000 {
			b.Fatalf("read %d records, err %v", n, err)
		}
	}
}
