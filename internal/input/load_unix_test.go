//go:build unix

package input

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Inside a directory, an entry with an article extension that is not a
// regular file is reported, not skipped silently; a link to a directory is
// not followed.
func TestWalkNonRegularInDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "Title\nBody.\n", "sub/b.txt": "Title\nBody.\n"})
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.txt"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	os.Mkdir(filepath.Join(dir, "other"), 0o755)
	os.Symlink(filepath.Join(dir, "sub"), filepath.Join(dir, "other", "loop.md"))
	docs, warns := collect(t, []string{dir}, Options{})
	if len(docs) != 2 {
		t.Errorf("articles %q, want a and b", docs)
	}
	if len(warns) != 1 || !strings.Contains(warns[0], "pipe.txt: not a regular file") {
		t.Errorf("warnings %q, want one for pipe.txt", warns)
	}
}
