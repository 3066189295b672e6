package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// End-to-end tests of issue 8, defects 3, 4 and 6: no input is skipped
// silently, warnings cannot be forged or flood the terminal, one article
// cannot make a run unbounded, and the smaller misuse cases.

// warnings returns the warning lines of stderr.
func warnings(stderr string) []string {
	var out []string
	for _, l := range strings.Split(stderr, "\n") {
		if strings.HasPrefix(l, "storydiff: warning: ") {
			out = append(out, l)
		}
	}
	return out
}

func TestFIFOInDirectoryWarned(t *testing.T) {
	dir := t.TempDir()
	copySeeds(t, dir, 2)
	for _, name := range []string{"pipe.txt", "feed.jsonl"} {
		mkfifo(t, filepath.Join(dir, name))
	}
	// Nobody writes to the FIFOs: reading one would hang the run.
	for _, cmd := range []string{"compare", "dedup"} {
		r := runCLI(t, "", "", cmd, dir)
		if r.code != 0 {
			t.Errorf("%s: exit %d, want 0; stderr:\n%s", cmd, r.code, r.stderr)
		}
		ws := warnings(r.stderr)
		if len(ws) != 2 || !strings.Contains(ws[0], "feed.jsonl: not a regular file") || !strings.Contains(ws[1], "pipe.txt: not a regular file") {
			t.Errorf("%s: warnings %q, want one for each FIFO", cmd, ws)
		}
		if r := runCLI(t, "", "", cmd, "--strict", dir); r.code != 1 || !strings.Contains(r.stderr, "2 input(s) skipped and --strict is set") {
			t.Errorf("%s --strict: exit %d, stderr:\n%s", cmd, r.code, r.stderr)
		}
	}
}

func TestDedupEmptyJSONLWarned(t *testing.T) {
	dir := t.TempDir()
	empty, blank := filepath.Join(dir, "empty.jsonl"), filepath.Join(dir, "blank.jsonl")
	os.WriteFile(empty, nil, 0o644)
	os.WriteFile(blank, []byte("\n  \n\t\n"), 0o644)
	corpus := smallCorpus(t, t.TempDir(), 50)
	for _, cmd := range []string{"dedup", "compare"} {
		r := runCLI(t, "", "", cmd, empty, blank, corpus)
		if r.code != 0 {
			t.Fatalf("%s: exit %d, stderr:\n%s", cmd, r.code, r.stderr)
		}
		want := []string{"storydiff: warning: " + empty + ": empty article: no records", "storydiff: warning: " + blank + ": empty article: no records"}
		if ws := warnings(r.stderr); !slices.Equal(ws, want) {
			t.Errorf("%s: warnings %q, want %q", cmd, ws, want)
		}
		if r := runCLI(t, "", "", cmd, "--strict", empty, corpus); r.code != 1 {
			t.Errorf("%s --strict with an empty .jsonl: exit %d, want 1", cmd, r.code)
		}
	}
}

// A file name can hold a newline, an escape sequence or a bidirectional
// override: warnings quote it, so no line of stderr can be forged.
func TestHostileFileNamesQuoted(t *testing.T) {
	dir := t.TempDir()
	copySeeds(t, dir, 2)
	names := []string{
		"x\nstorydiff: warning: all inputs are fine.txt",
		"red\x1b[31mALERT\x1b[0m.txt",
		"evil\u202etxt.md",
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("\x00\x01binary"), 0o644); err != nil {
			t.Skipf("cannot create a file named %q: %v", n, err)
		}
	}
	for _, cmd := range []string{"compare", "dedup"} {
		r := runCLI(t, "", "", cmd, dir)
		if r.code != 0 {
			t.Fatalf("%s: exit %d, stderr:\n%s", cmd, r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "\x1b") || strings.Contains(r.stderr, "\u202e") {
			t.Errorf("%s: raw control characters on stderr:\n%q", cmd, r.stderr)
		}
		for _, l := range strings.Split(strings.TrimSuffix(r.stderr, "\n"), "\n") {
			if strings.HasPrefix(l, "storydiff: warning: all inputs") {
				t.Errorf("%s: a file name forged a line: %q", cmd, l)
			}
		}
		if ws := warnings(r.stderr); len(ws) != 3 {
			t.Errorf("%s: %d warnings, want 3 (one per binary file):\n%s", cmd, len(ws), r.stderr)
		}
		for _, want := range []string{`x\nstorydiff: warning: all inputs are fine.txt": binary`, `red\x1b[31mALERT\x1b[0m.txt": binary`, `evil\u202etxt.md": binary`} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: stderr lacks the quoted name %s:\n%s", cmd, want, r.stderr)
			}
		}
	}
}

// A binary or garbage file named .jsonl gives a few warnings and a count,
// not one warning per line; --strict still counts every skipped line.
func TestGarbageJSONLWarningsBounded(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.jsonl")
	os.WriteFile(garbage, []byte(strings.Repeat("this is not JSON at all\n", 2000)), 0o644)
	binary := filepath.Join(dir, "binary.jsonl")
	os.WriteFile(binary, []byte(strings.Repeat("\x00\x01\x02\x03\n", 20000)), 0o644)
	good := smallCorpus(t, t.TempDir(), 20)
	for _, cmd := range []string{"dedup", "compare"} {
		r := runCLI(t, "", "", cmd, garbage, binary, good)
		if r.code != 0 {
			t.Fatalf("%s: exit %d, stderr:\n%s", cmd, r.code, r.stderr)
		}
		ws := warnings(r.stderr)
		if len(ws) != 7 {
			t.Errorf("%s: %d warning lines, want 5 + a count for garbage.jsonl and 1 for binary.jsonl:\n%s", cmd, len(ws), strings.Join(ws, "\n"))
		}
		if !slices.Contains(ws, "storydiff: warning: "+garbage+": 1995 more warnings not shown") {
			t.Errorf("%s: no count of the warnings not shown:\n%s", cmd, strings.Join(ws, "\n"))
		}
		if !slices.Contains(ws, "storydiff: warning: "+binary+": binary file, not text") {
			t.Errorf("%s: binary.jsonl not reported once as binary:\n%s", cmd, strings.Join(ws, "\n"))
		}
		if r := runCLI(t, "", "", cmd, "--strict", garbage, good); r.code != 1 || !strings.Contains(r.stderr, "2000 input(s) skipped") {
			t.Errorf("%s --strict: exit %d, stderr tail %q", cmd, r.code, r.stderr[max(0, len(r.stderr)-200):])
		}
	}
}

func TestUTF16HTMLRead(t *testing.T) {
	dir := t.TempDir()
	copySeeds(t, dir, 1)
	page := "<html><head><title>Storm floods coastal towns</title></head><body><article><p>" +
		strings.Repeat("Heavy rain flooded the coastal towns on Monday, the fire chief said. ", 8) + "</p></article></body></html>"
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(page))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "storm.html"), b, 0o644)
	r := runCLI(t, "", "", "compare", "--strict", "--format", "json", dir)
	if r.code != 0 {
		t.Fatalf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
	res := decodeResult(t, r.stdout)
	found := false
	for _, d := range res.Documents {
		found = found || d.Title == "Storm floods coastal towns"
	}
	if !found {
		t.Errorf("the UTF-16 page is not among the documents: %+v", res.Documents)
	}
}

func TestSymlinkToDirectoryAsPath(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "articles")
	os.Mkdir(real, 0o755)
	copySeeds(t, real, 2)
	link := filepath.Join(dir, "link")
	os.Symlink("articles", link)
	for _, cmd := range []string{"cluster", "dedup"} {
		r := runCLI(t, "", "", cmd, "--strict", link)
		if r.code != 0 {
			t.Errorf("%s %s: exit %d, stderr:\n%s", cmd, link, r.code, r.stderr)
		}
	}
}

// compare and diff hold whole articles: --max-bytes (4 MiB by default)
// skips a larger one with a warning saying so, before reading it.
func TestMaxBytesCompareDiff(t *testing.T) {
	dir := t.TempDir()
	seeds := copySeeds(t, dir, 2)
	big := filepath.Join(t.TempDir(), "huge.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("Huge\n")
	if err := f.Truncate(50 << 20); err != nil { // sparse: 50 MB that take no disk
		t.Fatal(err)
	}
	f.Close()
	warn := regexp.MustCompile(`storydiff: warning: .*huge.txt: too large: 52428800 bytes, over the limit of 4194304 bytes; skipped`)

	r := runCLI(t, "", "", "diff", big, seeds[0])
	if r.code != 1 || !warn.MatchString(r.stderr) || !strings.Contains(r.stderr, "only 1 article could be read from 2 paths") {
		t.Errorf("diff with a 50 MB article: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	r = runCLI(t, "", "", "compare", big, seeds[0], seeds[1])
	if r.code != 0 || !warn.MatchString(r.stderr) {
		t.Errorf("compare with a 50 MB article: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "", "compare", "--strict", big, seeds[0]); r.code != 1 {
		t.Errorf("compare --strict with a 50 MB article: exit %d, want 1", r.code)
	}
	small := regexp.MustCompile(`warning: .*001_81ccae808b42c6e3.txt: too large: \d+ bytes, over the limit of 1000 bytes; skipped`)
	if r := runCLI(t, "", "", "diff", "--max-bytes", "1000", seeds[0], seeds[1]); r.code != 1 || !small.MatchString(r.stderr) {
		t.Errorf("diff --max-bytes 1000: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := runCLI(t, "", "", "compare", "--max-bytes", "0", seeds[0]); r.code != 2 || !strings.Contains(r.stderr, "--max-bytes") {
		t.Errorf("--max-bytes 0: exit %d, stderr %q", r.code, r.stderr)
	}
}

// Duplicate ids get one naming scheme in compare and dedup: "-2", "-3" by
// path then line, whatever the input order, and they are not warnings.
func TestDuplicateIDsOneScheme(t *testing.T) {
	dir := t.TempDir()
	text := func(s string) string { return strings.Repeat(s+" ", 30) }
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte(`{"id":"x","text":"`+text("alpha beta gamma")+`"}`+"\n"+`{"id":"x-2","text":"`+text("lambda mu nu")+`"}`+"\n"), 0o644)
	os.WriteFile(b, []byte(`{"id":"x","text":"`+text("zeta eta theta")+`"}`+"\n"+`{"id":"x","text":"`+text("pi rho sigma")+`"}`+"\n"), 0o644)

	idsOf := func(args ...string) []string {
		t.Helper()
		r := runCLI(t, "", "", args...)
		if r.code != 0 || len(warnings(r.stderr)) != 0 {
			t.Fatalf("%v: exit %d, stderr:\n%s", args, r.code, r.stderr)
		}
		if args[0] == "dedup" {
			return strings.Fields(r.stdout)
		}
		var ids []string
		for _, d := range decodeResult(t, r.stdout).Documents {
			ids = append(ids, d.ID)
		}
		slices.Sort(ids)
		return ids
	}
	want := []string{"x", "x-2", "x-3", "x-4"}
	kept := filepath.Join(dir, "kept.txt")
	for _, order := range [][]string{{a, b}, {b, a}} {
		if got := idsOf(append([]string{"cluster", "--strict", "--format", "json"}, order...)...); !slices.Equal(got, want) {
			t.Errorf("cluster %v: ids %q, want %q", order, got, want)
		}
		r := runCLI(t, "", "", append([]string{"dedup", "--strict", "--kept", kept, "--groups", os.DevNull}, order...)...)
		if r.code != 0 || !strings.Contains(r.stderr, "note: 2 article(s) renamed") {
			t.Fatalf("dedup %v: exit %d, stderr:\n%s", order, r.code, r.stderr)
		}
		got := strings.Fields(readFile(t, kept))
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("dedup %v: kept ids %q, want %q", order, got, want)
		}
	}
}
