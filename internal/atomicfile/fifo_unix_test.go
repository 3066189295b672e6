//go:build unix

package atomicfile

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestFIFOWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "out.fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	link := filepath.Join(dir, "link")
	os.Symlink("out.fifo", link)
	got := make(chan string)
	go func() {
		r, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(r)
		r.Close()
		got <- string(b)
	}()
	var s Set
	f, err := s.Add(link)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Direct() {
		t.Fatal("a FIFO is to be replaced by rename")
	}
	s.Write(f, write("through the pipe"))
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if g := <-got; g != "through the pipe" {
		t.Errorf("reader got %q", g)
	}
	if fi, err := os.Stat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", fi.Mode(), err)
	}
	if l := litter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}
