package dedup

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/shingle"
)

// writeCorpus writes JSON Lines records id/text to a temporary file.
func writeCorpus(t *testing.T, lines ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "c.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func rec(id, text string) string {
	return fmt.Sprintf(`{"id":%q,"text":%q}`, id, text)
}

func TestRunWarnings(t *testing.T) {
	path := writeCorpus(t,
		rec("a", "one two three four five six seven"),
		`{"id":"broken", "text": `,
		"",
		"{\"id\":\"bad-utf8\",\"text\":\"caf\xe9\"}",
		rec("empty", "   "),
		rec("big", strings.Repeat("word ", 100)),
		rec("b", "one two three four five six seven"),
	)
	var warns []string
	res, err := Run([]string{path}, Options{MaxBytes: 300, Warn: func(err error) { warns = append(warns, err.Error()) }})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{path + ":2:", path + ":4:", path + ":5:", path + ":6:"}
	if len(warns) != len(want) {
		t.Fatalf("warnings = %q, want %d", warns, len(want))
	}
	for i, w := range warns {
		if !strings.HasPrefix(w, want[i]) {
			t.Errorf("warning %d = %q, want prefix %q", i, w, want[i])
		}
	}
	if res.Articles != 2 || res.Skipped != 4 {
		t.Errorf("articles, skipped = %d, %d; want 2, 4", res.Articles, res.Skipped)
	}
	if fi, _ := os.Stat(path); res.Bytes != fi.Size() {
		t.Errorf("bytes = %d, want the file size %d", res.Bytes, fi.Size())
	}
}

func TestRunMissingFile(t *testing.T) {
	var warns []error
	res, err := Run([]string{filepath.Join(t.TempDir(), "nope.jsonl")}, Options{Warn: func(err error) { warns = append(warns, err) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 0 || len(warns) != 1 {
		t.Errorf("articles %d, warnings %v; want 0 articles and one warning", res.Articles, warns)
	}
	if _, ok := errors.AsType[*input.ParseError](warns[0]); !ok {
		t.Errorf("warning %v is not a *input.ParseError", warns[0])
	}
}

// Duplicate IDs follow input.IDs, as compare's loader does: "-2", "-3"
// by path then line, whatever order the files are given in, skipping IDs
// that are taken, with no warning.
func TestRunDuplicateIDs(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.jsonl")
	os.WriteFile(a, []byte(rec("x", "alpha beta gamma delta epsilon")+"\n"+rec("x-2", "lambda mu nu xi omicron")+"\n"), 0o644)
	os.WriteFile(b, []byte(rec("x", "zeta eta theta iota kappa")+"\n"+rec("x", "pi rho sigma tau upsilon")+"\n"), 0o644)
	var first []string
	for _, paths := range [][]string{{a, b}, {b, a}} {
		var warns []string
		res, err := Run(paths, Options{Warn: func(err error) { warns = append(warns, err.Error()) }})
		if err != nil {
			t.Fatal(err)
		}
		if len(warns) != 0 || res.Skipped != 0 {
			t.Errorf("%v: warnings %q, skipped %d; want none (a renamed id is not a skipped input)", paths, warns, res.Skipped)
		}
		var ids []string
		for i := range res.Len() {
			ids = append(ids, res.ID(i))
		}
		slices.Sort(ids)
		if want := []string{"x", "x-2", "x-3", "x-4"}; !slices.Equal(ids, want) {
			t.Errorf("%v: ids %q, want %q", paths, ids, want)
		}
		if res.Renamed != 2 {
			t.Errorf("%v: Renamed = %d, want 2", paths, res.Renamed)
		}
		// a.jsonl:1 keeps x whichever file comes first.
		got := map[string]string{}
		for i := range res.Len() {
			got[res.ID(i)] = fmt.Sprint(res.Length(i))
		}
		if got["x"] != fmt.Sprint(len("alpha beta gamma delta epsilon")) {
			t.Errorf("%v: x is not a.jsonl's first record: %v", paths, got)
		}
		keys := slices.Sorted(maps.Keys(got))
		var line []string
		for _, k := range keys {
			line = append(line, k+"="+got[k])
		}
		if first == nil {
			first = line
		} else if !slices.Equal(first, line) {
			t.Errorf("ids depend on input order: %q then %q", first, line)
		}
	}
}

func TestRunBadOptions(t *testing.T) {
	for _, opt := range []Options{
		{Threshold: 1.5},
		{Shingle: shingle.Options{K: -1}},
		{Bands: 100, Rows: 2},
	} {
		if _, err := Run(nil, opt); err == nil {
			t.Errorf("Run(%+v) succeeded, want an error", opt)
		}
	}
}

// TestRunHugeRecord checks that a 50 MB record is skipped with a warning at
// the default limit and the records after it are still read.
func TestRunHugeRecord(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 50 MB file")
	}
	path := filepath.Join(t.TempDir(), "huge.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(f, rec("before", "the first article is short and fine to read"))
	f.WriteString(`{"id":"huge","text":"`)
	chunk := []byte(strings.Repeat("lorem ipsum ", 1<<16))
	for written := 0; written < 50<<20; written += len(chunk) {
		f.Write(chunk)
	}
	f.WriteString("\"}\n")
	fmt.Fprintln(f, rec("after", "the last article is short and fine to read too"))
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	var warns []error
	res, err := Run([]string{path}, Options{Warn: func(err error) { warns = append(warns, err) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Articles != 2 || res.ID(0) != "before" || res.ID(1) != "after" {
		t.Errorf("read %d articles, want before and after", res.Articles)
	}
	if len(warns) != 1 || !errors.Is(warns[0], input.ErrTooLarge) || !strings.HasPrefix(warns[0].Error(), path+":2: ") {
		t.Errorf("warnings = %v, want one ErrTooLarge at line 2", warns)
	}
}

// Files that are not JSON Lines at all are reported once, as input.ReadJSONL
// reports them: a binary file, and one without a record.
func TestRunWholeFileWarnings(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin.jsonl")
	os.WriteFile(bin, bytes.Repeat([]byte("\x00\x01\x02\n"), 10000), 0o644)
	empty := filepath.Join(dir, "empty.jsonl")
	os.WriteFile(empty, nil, 0o644)
	blank := filepath.Join(dir, "blank.jsonl")
	os.WriteFile(blank, []byte("\n \n\t\n"), 0o644)
	good := writeCorpus(t, rec("a", "one two three four five six seven"))
	var warns []error
	res, err := Run([]string{bin, empty, blank, good}, Options{Warn: func(err error) { warns = append(warns, err) }})
	if err != nil {
		t.Fatal(err)
	}
	want := []error{input.ErrBinary, input.ErrNoRecords, input.ErrNoRecords}
	if len(warns) != len(want) {
		t.Fatalf("warnings %v, want %d", warns, len(want))
	}
	for i, w := range want {
		if !errors.Is(warns[i], w) {
			t.Errorf("warning %d = %v, want %v", i, warns[i], w)
		}
	}
	if res.Articles != 1 || res.Skipped != 3 {
		t.Errorf("articles, skipped = %d, %d; want 1, 3", res.Articles, res.Skipped)
	}
}

// An error of Options.Open stops the run and is returned.
func TestRunOpenRefuses(t *testing.T) {
	path := writeCorpus(t, rec("a", "one two three four five six seven"))
	stop := errors.New("refused")
	for _, p := range []string{path, filepath.Dir(path)} {
		_, err := Run([]string{p}, Options{Open: func(string, fs.FileInfo) error { return stop }})
		if !errors.Is(err, stop) {
			t.Errorf("Run(%s) = %v, want the error of Open", p, err)
		}
	}
}

// TestGroups checks that groups form around representatives: every member
// is linked to its representative, and a chain is cut.
func TestGroups(t *testing.T) {
	lengths := []uint32{10, 50, 30, 5, 40}
	// 0~1, 1~2, 2~3 (a chain), and 1~4.
	links := []Link{{A: 0, B: 1, Sim: 0.6}, {A: 1, B: 2, Sim: 0.7}, {A: 1, B: 4, Sim: 0.9}, {A: 2, B: 3, Sim: 0.8}}
	tests := []struct {
		keep   Keep
		want   string
		chains int
	}{
		// first: 0 takes 1; 2 takes 3; 4 (linked only to 1) stays alone.
		{KeepFirst, "[{[0 1] 0 [1 0.6000000238418579]} {[2 3] 2 [1 0.800000011920929]}]", 1},
		// longest: 1 (50) takes 0, 2 and 4; 3 stays alone.
		{KeepLongest, "[{[0 1 2 4] 1 [0.6000000238418579 1 0.699999988079071 0.8999999761581421]}]", 0},
	}
	for _, tt := range tests {
		gs, chains := Groups(lengths, links, tt.keep)
		if got := fmt.Sprint(gs); got != tt.want || chains != tt.chains {
			t.Errorf("keep %v: groups %s, %d chains; want %s, %d", tt.keep, got, chains, tt.want, tt.chains)
		}
	}
}

// TestStreamStops checks that an error of the consumer stops Stream and
// is returned.
func TestStreamStops(t *testing.T) {
	var lines []string
	for i := range 3000 {
		lines = append(lines, rec(fmt.Sprint(i), fmt.Sprintf("article %d has a few words of its own", i)))
	}
	path := writeCorpus(t, lines...)
	stop := errors.New("full")
	n := 0
	st, err := Stream([]string{path}, Options{}, func(a *Signed) error {
		if n++; n == 1000 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || st.Articles != 999 {
		t.Errorf("Stream = %d articles, %v; want 999 and the consumer's error", st.Articles, err)
	}
}
