package input

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/storydiff/storydiff/corpus"
)

// writeFiles creates files (path relative to dir -> content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// collect runs Walk and returns "ID path record" per article and the warnings.
func collect(t *testing.T, paths []string, opt Options) (docs, warns []string) {
	t.Helper()
	opt.Warn = func(err error) {
		if _, ok := errors.AsType[*ParseError](err); !ok {
			t.Errorf("warning %v (%T) is not a *ParseError", err, err)
		}
		warns = append(warns, err.Error())
	}
	err := Walk(paths, opt, func(a *corpus.Article) error {
		docs = append(docs, fmt.Sprintf("%s %s %d", a.ID, filepath.ToSlash(a.Path), a.Record))
		return nil
	})
	if err != nil {
		t.Fatalf("Walk: %v", err)
	}
	return docs, warns
}

func TestWalkDirectory(t *testing.T) {
	html, err := os.ReadFile("testdata/storm.html")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":             "Title B\nBody B.\n",
		"a.md":              "# Title A\n\nBody A.\n",
		"sub/c.HTML":        string(html),
		"sub/deeper/d.TXT":  "Title D\nBody D.\n",
		"feed.ndjson":       "{\"id\":\"r1\",\"text\":\"one\"}\n{bad json\n{\"id\":\"r3\",\"text\":\"three\"}\n",
		"binary.txt":        "GIF89a\x00\x01\x02\x03",
		"latin1.txt":        "Caf\xe9\nbody\n",
		"empty.md":          "",
		"blank.txt":         "  \n\n\t\n",
		"notes.doc":         "ignored: unknown extension inside a directory",
		"image.png":         "\x89PNG\x00\x00",
		".hidden.txt":       "Hidden\nignored\n",
		".git/config.txt":   "Hidden dir\nignored\n",
		"empty-sub/readme":  "no article files here, but the parent has some",
		"sub/deeper/e.json": "{\"text\":\"not .jsonl, ignored\"}",
	})
	docs, warns := collect(t, []string{dir}, Options{})
	rel := func(s string) string { return strings.ReplaceAll(s, filepath.ToSlash(dir)+"/", "") }
	for i := range docs {
		docs[i] = rel(docs[i])
	}
	for i := range warns {
		warns[i] = rel(warns[i])
	}
	wantDocs := []string{"a a.md 0", "b b.txt 0", "r1 feed.ndjson 1", "r3 feed.ndjson 3", "c sub/c.HTML 0", "d sub/deeper/d.TXT 0"}
	if !slices.Equal(docs, wantDocs) {
		t.Errorf("articles =\n%s\nwant\n%s", strings.Join(docs, "\n"), strings.Join(wantDocs, "\n"))
	}
	wantWarns := []string{
		"binary.txt: binary file, not text",
		"blank.txt: empty article",
		"empty.md: empty article",
		"feed.ndjson:2: malformed JSON record",
		"latin1.txt:1: invalid UTF-8",
	}
	if len(warns) != len(wantWarns) {
		t.Fatalf("warnings =\n%s\nwant %d:\n%s", strings.Join(warns, "\n"), len(wantWarns), strings.Join(wantWarns, "\n"))
	}
	for i, w := range wantWarns {
		if !strings.HasPrefix(warns[i], w) {
			t.Errorf("warning %d = %q, want prefix %q", i, warns[i], w)
		}
	}
}

func TestWalkBadPaths(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"empty/ignored.doc": "x",
		"story":             "Title\nA file named explicitly is read as text.\n",
		"data.bin":          "\x00\x01\x02",
	})
	tests := []struct {
		name      string
		path      string
		wantDocs  int
		wantErr   error // wrapped by the warning; nil for none
		wantInMsg string
	}{
		{"nonexistent", filepath.Join(dir, "missing.txt"), 0, fs.ErrNotExist, "missing.txt: "},
		{"directory without articles", filepath.Join(dir, "empty"), 0, ErrNoArticles, "empty: no article files"},
		{"explicit file without extension", filepath.Join(dir, "story"), 1, nil, ""},
		{"explicit binary file", filepath.Join(dir, "data.bin"), 0, ErrBinary, "data.bin: binary"},
		{"path through a file", filepath.Join(dir, "story", "x.txt"), 0, syscall.ENOTDIR, "x.txt: not a directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var warns []error
			n := 0
			err := Walk([]string{tt.path}, Options{Warn: func(err error) { warns = append(warns, err) }}, func(*corpus.Article) error { n++; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if n != tt.wantDocs {
				t.Errorf("articles = %d, want %d", n, tt.wantDocs)
			}
			if tt.wantErr == nil {
				if len(warns) != 0 {
					t.Errorf("warnings = %v, want none", warns)
				}
				return
			}
			if len(warns) != 1 || !errors.Is(warns[0], tt.wantErr) || !strings.Contains(warns[0].Error(), tt.wantInMsg) {
				t.Errorf("warnings = %v, want one wrapping %v containing %q", warns, tt.wantErr, tt.wantInMsg)
			}
		})
	}
}

func TestWalkUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("permissions do not apply to root")
	}
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"locked.txt": "T\nB\n", "locked.jsonl": "{\"text\":\"x\"}\n", "ok.txt": "T\nB\n"})
	for _, f := range []string{"locked.txt", "locked.jsonl"} {
		if err := os.Chmod(filepath.Join(dir, f), 0); err != nil {
			t.Fatal(err)
		}
	}
	docs, warns := collect(t, []string{dir}, Options{})
	if len(docs) != 1 || len(warns) != 2 {
		t.Fatalf("articles %q, warnings %q; want 1 article, 2 warnings", docs, warns)
	}
	for _, w := range warns {
		if !strings.Contains(w, "locked.") || !strings.Contains(w, "permission denied") {
			t.Errorf("warning %q, want the file name and permission denied", w)
		}
	}
}

func TestWalkStopsOnError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "T\nB", "b.txt": "T\nB", "c.jsonl": "{\"text\":\"x\"}\n{\"text\":\"y\"}\n"})
	stop := errors.New("stop")
	for _, path := range []string{dir, filepath.Join(dir, "c.jsonl")} {
		n := 0
		err := Walk([]string{path}, Options{}, func(*corpus.Article) error { n++; return stop })
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("Walk(%s) = %v after %d articles, want %v after 1", path, err, n, stop)
		}
	}
}

// TestLoadIDs checks that colliding IDs are made unique in the same way
// whatever the order of the inputs.
func TestLoadIDs(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a/story.txt":  "T\nfrom a",
		"b/story.md":   "T\nfrom b",
		"c/story.html": "<html><body><p>from c, an HTML page</p></body></html>",
		"feed.jsonl":   "{\"id\":\"story\",\"text\":\"record 1\"}\n{\"id\":\"story-2\",\"text\":\"record 2\"}\n{\"text\":\"record 3\"}\n",
		"other.txt":    "T\nID is unique",
	})
	paths := []string{
		filepath.Join(dir, "a/story.txt"), filepath.Join(dir, "b/story.md"), filepath.Join(dir, "c/story.html"),
		filepath.Join(dir, "feed.jsonl"), filepath.Join(dir, "other.txt"),
	}
	idsOf := func(paths []string) []string {
		docs, err := Load(paths, Options{Warn: func(err error) { t.Error(err) }})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, a := range docs {
			out = append(out, a.ID+"="+strings.TrimPrefix(filepath.ToSlash(a.Path), filepath.ToSlash(dir)+"/")+":"+fmt.Sprint(a.Record))
		}
		return out
	}
	want := []string{
		// Sorted by (ID, Path, Record): story from a/, b/, c/, feed.jsonl:1;
		// "story-2" is taken by feed.jsonl:2, so suffixes skip it.
		"feed:3=feed.jsonl:3",
		"other=other.txt:0",
		"story=a/story.txt:0",
		"story-2=feed.jsonl:2",
		"story-3=b/story.md:0",
		"story-4=c/story.html:0",
		"story-5=feed.jsonl:1",
	}
	got := idsOf(paths)
	if !slices.Equal(got, want) {
		t.Errorf("IDs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	rev := slices.Clone(paths)
	slices.Reverse(rev)
	if got := idsOf(rev); !slices.Equal(got, want) {
		t.Errorf("IDs with inputs reversed =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := idsOf([]string{dir}); !slices.Equal(got, want) {
		t.Errorf("IDs loading the directory =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestStdin(t *testing.T) {
	long := strings.Repeat("word ", 100)
	tests := []struct {
		name, in string
		want     string // ID|Title|Text prefix
		warns    int
	}{
		{"JSONL", "\n  {\"text\":\"a\"}\n{\"id\":\"x\",\"text\":\"b\"}\n", "stdin:2||a x||b", 0},
		{"JSONL with bad line", "{\"text\":\"a\"}\nnope\n", "stdin:1||a", 1},
		{"HTML doctype", "<!DOCTYPE html><html><head><title>Hi</title></head><body><p>" + long + "</p></body></html>", "stdin|Hi|word", 0},
		{"HTML fragment", "  <p>" + long + "</p>", "stdin||word", 0},
		{"text", "Headline\nBody", "stdin|Headline|Body", 0},
		{"text starting with a non-HTML tag", "<b>not html</b>\nbody", "stdin|<b>not html</b>|body", 0},
		{"empty", "", "", 1},
		{"binary", "\x00\x00\x00", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			warns := 0
			err := Walk([]string{"-"}, Options{Stdin: strings.NewReader(tt.in), Warn: func(err error) {
				warns++
				if pe, ok := errors.AsType[*ParseError](err); !ok || pe.File != "-" {
					t.Errorf("warning %v, want a *ParseError for -", err)
				}
			}}, func(a *corpus.Article) error {
				if a.Path != "-" {
					t.Errorf("Path = %q, want -", a.Path)
				}
				text, _, _ := strings.Cut(a.Text, " ")
				got = append(got, a.ID+"|"+a.Title+"|"+text)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if g := strings.Join(got, " "); g != tt.want || warns != tt.warns {
				t.Errorf("stdin %q = %q with %d warnings, want %q with %d", tt.in, g, warns, tt.want, tt.warns)
			}
		})
	}
	// No standard input at all is a warning, not a panic.
	_, warns := collect(t, []string{"-"}, Options{})
	if len(warns) != 1 {
		t.Errorf("nil Stdin: warnings %q, want 1", warns)
	}
}

// TestLoadLeavesInputsAlone checks that loading modifies no input file.
func TestLoadLeavesInputsAlone(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"crlf.txt": "\ufeffSource: X\r\n\r\nT\r\nB\r\n",
		"f.jsonl":  "{\"text\":\"a\\r\\nb\"}\nbad\n",
		"p.html":   "<html><body><p>text</p></body></html>",
		"bad.txt":  "\xff\xfe",
	}
	writeFiles(t, dir, files)
	before := map[string]fs.FileInfo{}
	for name := range files {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		before[name] = info
	}
	if _, err := Load([]string{dir}, Options{}); err != nil { // nil Warn: warnings discarded
		t.Fatal(err)
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		got, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != content || !info.ModTime().Equal(before[name].ModTime()) || info.Mode() != before[name].Mode() {
			t.Errorf("%s changed by Load", name)
		}
	}
}

func TestParseErrorFormat(t *testing.T) {
	tests := []struct {
		err  *ParseError
		want string
	}{
		{&ParseError{File: "a.jsonl", Line: 3, Err: ErrMalformed}, "a.jsonl:3: malformed JSON record"},
		{&ParseError{File: "b.txt", Err: ErrEmpty}, "b.txt: empty article"},
		{&ParseError{File: "ok name ü.txt", Err: ErrEmpty}, "ok name ü.txt: empty article"},
		{&ParseError{File: "x\nstorydiff: warning: forged.txt", Err: ErrEmpty}, `"x\nstorydiff: warning: forged.txt": empty article`},
		{&ParseError{File: "red\x1b[31m.txt", Line: 2, Err: ErrMalformed}, `"red\x1b[31m.txt":2: malformed JSON record`},
		{&ParseError{File: "evil\u202etxt.exe", Err: ErrEmpty}, `"evil\u202etxt.exe": empty article`},
		{&ParseError{File: "bad\xffutf8.txt", Err: ErrEmpty}, `"bad\xffutf8.txt": empty article`},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
		if !errors.Is(tt.err, tt.err.Err) {
			t.Errorf("errors.Is(%v, %v) = false", tt.err, tt.err.Err)
		}
	}
}

// A symbolic link to a directory given as a path is read as the directory,
// with or without a trailing separator.
func TestWalkLinkToDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"real/a.txt": "Title\nBody.\n", "real/.hidden.txt": "T\nB\n"})
	link := filepath.Join(dir, "link")
	os.Symlink("real", link)
	for _, p := range []string{link, link + string(filepath.Separator)} {
		docs, warns := collect(t, []string{p}, Options{})
		if want := "a " + filepath.ToSlash(filepath.Join(link, "a.txt")) + " 0"; len(docs) != 1 || docs[0] != want || len(warns) != 0 {
			t.Errorf("Walk(%s) = %q, warnings %q; want [%s]", p, docs, warns, want)
		}
	}
}

func TestWalkMaxBytes(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("x", 100)
	writeFiles(t, dir, map[string]string{
		"small.txt": "Title\n" + long[:40] + "\n", // 47 bytes
		"big.txt":   "Title\n" + long + "\n",      // 107 bytes
		// Lines of exactly 60 bytes are kept; 61 is over, with or without
		// the final line end.
		"feed.jsonl": `{"id":"ok","text":"` + long[:39] + `"}` + "\n" +
			`{"id":"over","text":"` + long[:38] + `"}` + "\n" +
			`{"id":"last","text":"` + long[:38] + `"}`,
	})
	docs, warns := collect(t, []string{dir}, Options{MaxBytes: 60})
	var ids []string
	for _, d := range docs {
		ids = append(ids, strings.Fields(d)[0])
	}
	if !slices.Equal(ids, []string{"ok", "small"}) {
		t.Errorf("articles %q, want ok and small", docs)
	}
	want := []string{"big.txt: too large: 107 bytes", "feed.jsonl:2: too large: 61 bytes", "feed.jsonl:3: too large: 61 bytes"}
	if len(warns) != len(want) {
		t.Fatalf("warnings %q, want %q", warns, want)
	}
	for i, w := range want {
		if !strings.Contains(warns[i], w) || !strings.HasSuffix(warns[i], "over the limit of 60 bytes; skipped") {
			t.Errorf("warning %q, want %q ... skipped", warns[i], w)
		}
	}

	// A line longer than the reader's buffer is dropped without being held.
	huge := `{"id":"huge","text":"` + strings.Repeat("y", 200<<10) + `"}` + "\n" + `{"id":"after","text":"fine"}` + "\n"
	var got []string
	var errs []error
	err := readJSONL(strings.NewReader(huge), "h.jsonl", 100<<10, func(err error) { errs = append(errs, err) }, func(a *corpus.Article) error {
		got = append(got, a.ID)
		return nil
	})
	if err != nil || !slices.Equal(got, []string{"after"}) || len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("huge line: articles %q, warnings %v, err %v", got, errs, err)
	}

	// Standard input counts as one input.
	docs, warns = collect(t, []string{"-"}, Options{MaxBytes: 60, Stdin: strings.NewReader("Title\n" + long + "\n")})
	if len(docs) != 0 || len(warns) != 1 || !strings.Contains(warns[0], "-: too large: 107 bytes") {
		t.Errorf("stdin: articles %q, warnings %q", docs, warns)
	}
}

// Options.Open sees every file before it is read, through links, and its
// error stops the walk.
func TestWalkOpenHook(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "T\nB\n", "b.jsonl": "{\"text\":\"x\"}\n", "c.txt": "T\nB\n"})
	os.Symlink("c.txt", filepath.Join(dir, "link.md"))
	target, _ := os.Stat(filepath.Join(dir, "c.txt"))
	var seen []string
	refuse := errors.New("refused")
	n := 0
	err := Walk([]string{dir}, Options{Open: func(name string, info fs.FileInfo) error {
		seen = append(seen, filepath.Base(name))
		if filepath.Base(name) == "link.md" && os.SameFile(info, target) {
			return refuse
		}
		return nil
	}}, func(*corpus.Article) error { n++; return nil })
	if !errors.Is(err, refuse) {
		t.Errorf("Walk = %v, want the hook's error", err)
	}
	if !slices.Equal(seen, []string{"a.txt", "b.jsonl", "c.txt", "link.md"}) || n != 3 {
		t.Errorf("hook saw %q and %d articles were read, want a, b, c, link.md and 3", seen, n)
	}
}

func TestReadJSONLEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n  \n"} {
		var warns []error
		ReadJSONL(strings.NewReader(in), "e.jsonl", func(err error) { warns = append(warns, err) }, func(*corpus.Article) error { return nil })
		if len(warns) != 1 || !errors.Is(warns[0], ErrNoRecords) || !errors.Is(warns[0], ErrEmpty) {
			t.Errorf("ReadJSONL(%q) warnings %v, want one ErrNoRecords", in, warns)
		}
	}
}

func TestIDs(t *testing.T) {
	// Articles 0..5 with IDs; cmp orders by the given rank.
	ids := []string{"b", "a", "a-2", "a", "b", "a"}
	rank := []int{5, 4, 0, 3, 1, 2}
	var s IDs
	for i, id := range ids {
		s.Add(id, i)
	}
	got := slices.Clone(ids)
	n := s.Rename(func(i, j int) int { return rank[i] - rank[j] }, func(i int, id string) { got[i] = id })
	// a: articles 5 (rank 2), 3 (rank 3), 1 (rank 4): 5 keeps a, 3 is a-3
	// (a-2 is taken), 1 is a-4. b: 4 (rank 1) keeps b, 0 is b-2.
	want := []string{"b-2", "a-4", "a-2", "a-3", "b", "a"}
	if n != 3 || !slices.Equal(got, want) {
		t.Errorf("Rename: %d renamed, IDs %q; want 3, %q", n, got, want)
	}
}
