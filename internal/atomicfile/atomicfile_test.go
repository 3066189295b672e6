package atomicfile

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func write(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// litter returns the temporary files left in dir.
func litter(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSetWritesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("old a"), 0o600)

	// A failing write leaves both files as they were and no temporary file.
	var s Set
	fa, err := s.Add(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, err := s.Add(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Write(fa, write("new a")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	if err := s.Write(fb, func(io.Writer) error { return boom }); err != boom {
		t.Fatalf("Write = %v, want %v", err, boom)
	}
	s.Cleanup()
	if got := readFile(t, a); got != "old a" {
		t.Errorf("after a failed set, a = %q, want the old contents", got)
	}
	if _, err := os.Stat(b); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after a failed set, b exists (%v)", err)
	}
	if l := litter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}

	// Nothing is visible before Commit; everything after.
	s = Set{}
	fa, _ = s.Add(a)
	fb, _ = s.Add(b)
	s.Write(fa, write("new a"))
	s.Write(fb, write("new b"))
	if got := readFile(t, a); got != "old a" {
		t.Errorf("before Commit, a = %q", got)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	s.Cleanup()
	if readFile(t, a) != "new a" || readFile(t, b) != "new b" {
		t.Errorf("after Commit: a = %q, b = %q", readFile(t, a), readFile(t, b))
	}
	fi, _ := os.Stat(a)
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("replaced file has mode %v, want the old 0600", fi.Mode().Perm())
	}
	fi, _ = os.Stat(b)
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("new file has mode %v, want 0644", fi.Mode().Perm())
	}
	if l := litter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestSymlinkTargetIsWritten(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	os.Mkdir(sub, 0o755)
	target := filepath.Join(sub, "report.md")
	os.WriteFile(target, []byte("old"), 0o644)
	// link -> link2 -> sub/report.md, relative links.
	link2 := filepath.Join(dir, "link2")
	os.Symlink("sub/report.md", link2)
	link := filepath.Join(dir, "link")
	os.Symlink("link2", link)
	dangling := filepath.Join(dir, "dangling")
	os.Symlink("sub/new.md", dangling)

	var s Set
	f, err := s.Add(link)
	if err != nil {
		t.Fatal(err)
	}
	g, err := s.Add(dangling)
	if err != nil {
		t.Fatal(err)
	}
	if f.Direct() || g.Direct() {
		t.Error("a link to a regular file is written in place, want replaced by rename")
	}
	s.Write(f, write("new"))
	s.Write(g, write("created"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, link2, dangling} {
		if fi, err := os.Lstat(l); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link (%v)", l, err)
		}
	}
	if got := readFile(t, target); got != "new" {
		t.Errorf("link target holds %q, want new", got)
	}
	if got := readFile(t, filepath.Join(sub, "new.md")); got != "created" {
		t.Errorf("dangling link target holds %q, want created", got)
	}
	if l := litter(t, sub); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}

	loop := filepath.Join(dir, "loop")
	os.Symlink("loop", loop)
	if _, err := new(Set).Add(loop); !errors.Is(err, syscall.ELOOP) {
		t.Errorf("Add(self-link) = %v, want ELOOP", err)
	}
}

func TestDevNullWrittenInPlace(t *testing.T) {
	// /dev/null is only examined and opened for writing here: a failure to
	// treat it as a device would show in Direct before anything is written.
	var s Set
	f, err := s.Add(os.DevNull)
	if err != nil {
		t.Skipf("%s: %v", os.DevNull, err)
	}
	if !f.Direct() {
		t.Fatalf("%s would be replaced by rename", os.DevNull)
	}
	s.Write(f, write("discarded"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestRefusals(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	os.WriteFile(in, []byte("article"), 0o644)
	link := filepath.Join(dir, "link.txt")
	os.Symlink("in.txt", link)

	var s Set
	if _, err := s.Add(dir); !errors.Is(err, syscall.EISDIR) {
		t.Errorf("Add(directory) = %v, want EISDIR", err)
	}
	if _, err := s.Add(filepath.Join(dir, "no-such-dir", "out.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Add(file in a missing directory) = %v, want ErrNotExist", err)
	}
	f, err := s.Add(link)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(in)
	var sfe *SameFileError
	if err := s.CheckInput(in, fi); !errors.As(err, &sfe) || !sfe.Input || sfe.Name != f.Name || sfe.Other != in {
		t.Errorf("CheckInput(input behind the link) = %v, want a SameFileError naming both", err)
	}
	other := filepath.Join(dir, "other.txt")
	os.WriteFile(other, nil, 0o644)
	fo, _ := os.Stat(other)
	if err := s.CheckInput(other, fo); err != nil {
		t.Errorf("CheckInput(another file) = %v", err)
	}
	if _, err := s.Add(in); !errors.As(err, &sfe) || sfe.Input {
		t.Errorf("Add(same file twice) = %v, want a SameFileError between outputs", err)
	}
	newOut := filepath.Join(dir, "new.md")
	if _, err := s.Add(newOut); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(filepath.Join(dir, ".", "new.md")); !errors.As(err, &sfe) {
		t.Errorf("Add(new file twice) = %v, want a SameFileError", err)
	}
	if _, err := s.Add(os.DevNull); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Add(os.DevNull); err != nil {
		t.Errorf("Add(%s twice) = %v, want no error: devices may be written twice", os.DevNull, err)
	}
	msg := (&SameFileError{Name: "a.txt", Other: "b.txt", Input: true}).Error()
	if !strings.Contains(msg, "a.txt") || !strings.Contains(msg, "b.txt") {
		t.Errorf("SameFileError does not name both files: %s", msg)
	}
}

func TestOpenStreamsSeveral(t *testing.T) {
	dir := t.TempDir()
	var s Set
	a, _ := s.Add(filepath.Join(dir, "a"))
	b, _ := s.Add(filepath.Join(dir, "b"))
	wa, err := a.Open()
	if err != nil {
		t.Fatal(err)
	}
	wb, err := b.Open()
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		io.WriteString(wa, "a")
		io.WriteString(wb, strings.Repeat("b", i+1))
	}
	if n := len(litter(t, dir)); n != 2 {
		t.Errorf("%d temporary files while writing, want 2", n)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if readFile(t, filepath.Join(dir, "a")) != "aaa" || readFile(t, filepath.Join(dir, "b")) != "bbbbbb" {
		t.Error("streamed outputs hold the wrong contents")
	}
}
