//go:build unix

package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// End-to-end tests of issue 8, defects 1, 2 and 5: outputs never replace
// anything but a regular file, never overwrite an input, and are written as
// a set that an interrupt leaves untouched.

// tmpLitter returns the temporary output files left under dir.
func tmpLitter(t *testing.T, dir string) []string {
	t.Helper()
	var found []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			found = append(found, p)
		}
		return nil
	})
	return found
}

func TestOutputSymlinkTargetReplaced(t *testing.T) {
	dir := t.TempDir()
	seeds := copySeeds(t, t.TempDir(), 2)
	reports := filepath.Join(dir, "reports")
	os.Mkdir(reports, 0o755)
	target := filepath.Join(reports, "today.md")
	os.WriteFile(target, []byte("yesterday's report"), 0o640)
	link := filepath.Join(dir, "link.md")
	os.Symlink("reports/today.md", link)
	dangling := filepath.Join(dir, "dangling.md")
	os.Symlink("reports/new.md", dangling)

	for _, out := range []string{link, dangling} {
		r := runCLI(t, "", "", append([]string{"compare", "-o", out}, seeds...)...)
		if r.code != 0 {
			t.Fatalf("compare -o %s: exit %d, %s", out, r.code, r.stderr)
		}
		if fi, err := os.Lstat(out); err != nil || fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("%s is no longer a symbolic link", out)
		}
	}
	for _, f := range []string{target, filepath.Join(reports, "new.md")} {
		if got := readFile(t, f); !strings.HasPrefix(got, "# storydiff report") {
			t.Errorf("link target %s holds %q, want the report", f, got[:min(len(got), 40)])
		}
	}
	if fi, _ := os.Stat(target); fi.Mode().Perm() != 0o640 {
		t.Errorf("replaced target has mode %v, want its old 0640", fi.Mode().Perm())
	}
	if l := tmpLitter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestOutputFIFOWrittenInPlace(t *testing.T) {
	dir := t.TempDir()
	seeds := copySeeds(t, t.TempDir(), 2)
	fifo := filepath.Join(dir, "report.fifo")
	mkfifo(t, fifo)
	link := filepath.Join(dir, "link.md")
	os.Symlink("report.fifo", link)
	for _, out := range []string{fifo, link} {
		got := make(chan string, 1)
		go func() {
			f, err := os.Open(fifo)
			if err != nil {
				got <- err.Error()
				return
			}
			b, _ := io.ReadAll(f)
			f.Close()
			got <- string(b)
		}()
		r := runCLI(t, "", "", append([]string{"compare", "-o", out}, seeds...)...)
		if r.code != 0 {
			t.Fatalf("compare -o %s: exit %d, %s", out, r.code, r.stderr)
		}
		select {
		case s := <-got:
			if !strings.HasPrefix(s, "# storydiff report") {
				t.Errorf("-o %s: the FIFO's reader got %q, want the report", out, s[:min(len(s), 40)])
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("-o %s: nothing was written to the FIFO", out)
		}
		if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
			t.Fatalf("-o %s replaced the FIFO (%v, %v)", out, fi.Mode(), err)
		}
	}
	if l := tmpLitter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// /proc/self/fd/1 and /dev/fd/1 name the process's standard output; they
// live in /proc, which refuses renames and new files, so even a broken
// build could not damage anything here. /dev/stdout itself is tested in a
// private /dev by TestOutputDeviceInPrivateNamespace.
func TestOutputOpenFileOfProcess(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd/1"); err != nil {
		t.Skipf("no /proc/self/fd: %v", err)
	}
	seeds := copySeeds(t, t.TempDir(), 2)
	for _, out := range []string{"/proc/self/fd/1", "/dev/fd/1"} {
		r := runCLI(t, "", "", append([]string{"compare", "-o", out}, seeds...)...)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "# storydiff report") {
			t.Errorf("compare -o %s: exit %d, stdout %q, stderr %s", out, r.code, r.stdout[:min(len(r.stdout), 40)], r.stderr)
		}
	}
}

// TestOutputDeviceInPrivateNamespace writes to a device node and to
// /dev/stdout and /dev/null in a private mount namespace whose /dev is a
// fresh tmpfs: the machine's own /dev is never written.
func TestOutputDeviceInPrivateNamespace(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root for unshare -m and mknod")
	}
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("unshare not installed")
	}
	if err := exec.Command(unshare, "-m", "--propagation", "private", "true").Run(); err != nil {
		t.Skipf("unshare -m is not permitted here: %v", err)
	}
	exe, _ := os.Executable()
	dir := t.TempDir()
	corpus := smallCorpus(t, dir, 300)
	seeds := copySeeds(t, dir, 2)
	devdir := filepath.Join(dir, "dev")
	os.Mkdir(devdir, 0o755)
	// Inside the namespace: a tmpfs over devdir holding a null device and a
	// link to it, and a tmpfs over /dev holding null and stdout. Every run
	// must leave the nodes as character devices and the links as links.
	script := `
set -e
mount -t tmpfs tmpfs "$DEVDIR"
mknod "$DEVDIR/null" c 1 3
ln -s null "$DEVDIR/link"
mount -t tmpfs tmpfs /dev
mknod /dev/null c 1 3
ln -s /proc/self/fd /dev/fd
ln -s /proc/self/fd/1 /dev/stdout
"$EXE" dedup --groups "$DEVDIR/link" --kept "$DEVDIR/null" -o "$DEVDIR/null" "$CORPUS"
"$EXE" compare -o /dev/null "$SEED1" "$SEED2"
"$EXE" generate --n 20 -o "$DEVDIR/link" --truth /dev/null
"$EXE" compare -o /dev/stdout "$SEED1" "$SEED2" > "$DEVDIR/../stdout.md"
for f in "$DEVDIR/null" /dev/null; do
	[ -c "$f" ] || { echo "$f is no longer a device" >&2; exit 3; }
done
for f in "$DEVDIR/link" /dev/stdout; do
	[ -L "$f" ] || { echo "$f is no longer a link" >&2; exit 3; }
done
ls -A "$DEVDIR" /dev
`
	cmd := exec.Command(unshare, "-m", "--propagation", "private", "sh", "-c", script)
	cmd.Env = append(os.Environ(), "STORYDIFF_RUN_MAIN=1", "EXE="+exe, "DEVDIR="+devdir,
		"CORPUS="+corpus, "SEED1="+seeds[0], "SEED2="+seeds[1])
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		if strings.Contains(stderr.String(), "mount") && !strings.Contains(stderr.String(), "storydiff") {
			t.Skipf("cannot mount a tmpfs in the namespace: %s", stderr.String())
		}
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	if strings.Contains(stdout.String(), ".tmp-") {
		t.Errorf("temporary files left in the device directories:\n%s", stdout.String())
	}
	// /dev/stdout reached the shell's redirection, written in place.
	if got := readFile(t, filepath.Join(dir, "stdout.md")); !strings.HasPrefix(got, "# storydiff report") {
		t.Errorf("-o /dev/stdout wrote %q to standard output, want the report", got[:min(len(got), 40)])
	}
	if l := tmpLitter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestOutputIsInputRefused(t *testing.T) {
	dir := t.TempDir()
	seeds := copySeeds(t, dir, 2)
	a, b := seeds[0], seeds[1]
	link := filepath.Join(dir, "link.txt")
	os.Symlink(filepath.Base(a), link)
	corpus := smallCorpus(t, t.TempDir(), 200)
	gold := filepath.Join(dir, "gold.tsv")
	os.WriteFile(gold, []byte("file\tcluster\n"+filepath.Base(a)+"\t1\n"+filepath.Base(b)+"\t1\n"), 0o644)
	inDir := filepath.Join(dir, "report.md") // an input too: the directory holds it
	os.WriteFile(inDir, []byte("# Last week's report\n\nSome text of the previous run.\n"), 0o644)

	tests := []struct {
		name    string
		args    []string
		out, in string // the file at risk; the input the message names
	}{
		{"compare -o article", []string{"compare", "-o", a, a, b}, a, a},
		{"compare -o link to article", []string{"compare", "-o", link, a, b}, a, a},
		{"compare -o article through a link", []string{"compare", "-o", a, link, b}, a, link},
		{"compare -o file inside an input directory", []string{"compare", "-o", inDir, dir}, inDir, inDir},
		{"diff -o article", []string{"diff", "-o", b, a, b}, b, b},
		{"cluster -o article", []string{"cluster", "-o", a, a, b}, a, a},
		{"eval -o gold", []string{"eval", "--gold", gold, "-o", gold, a, b}, gold, gold},
		{"eval -o article", []string{"eval", "--gold", gold, "-o", b, a, b}, b, b},
		{"dedup --groups corpus", []string{"dedup", "--groups", corpus, corpus}, corpus, corpus},
		{"dedup --kept corpus", []string{"dedup", "--kept", corpus, corpus}, corpus, corpus},
		{"dedup -o corpus", []string{"dedup", "-o", corpus, corpus}, corpus, corpus},
		{"dedup --groups and --kept one file", []string{"dedup", "--groups", a + ".out", "--kept", a + ".out", corpus}, "", a + ".out"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before string
			if tt.out != "" {
				before = readFile(t, tt.out)
			}
			r := runCLI(t, "", "", tt.args...)
			if r.code != 2 {
				t.Errorf("exit %d, want 2; stderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "is the same file as") || !strings.Contains(r.stderr, tt.in) {
				t.Errorf("stderr does not name both files (%s):\n%s", tt.in, r.stderr)
			}
			if tt.out != "" && readFile(t, tt.out) != before {
				t.Errorf("%s was modified", tt.out)
			}
			if r.stdout != "" {
				t.Errorf("wrote to standard output: %q", r.stdout[:min(len(r.stdout), 80)])
			}
		})
	}
	if l := tmpLitter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
	if _, err := os.Stat(a + ".out"); err == nil {
		t.Errorf("a refused run created %s", a+".out")
	}
}

// startCLI starts storydiff with args and returns the running command and
// its standard error.
func startCLI(t *testing.T, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	exe, _ := os.Executable()
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "STORYDIFF_RUN_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, &stderr
}

// waitFor polls until cond holds, failing the test after a while.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestInterruptLeavesNoLitterNorHalfSet interrupts dedup when its regular
// outputs are complete in their temporary files but not yet renamed (its
// groups go to a FIFO nobody reads yet): the old outputs stay, the
// temporary files go, the exit status says which signal.
func TestInterruptLeavesNoLitterNorHalfSet(t *testing.T) {
	dir := t.TempDir()
	corpus := smallCorpus(t, t.TempDir(), 2000)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			kept, summary := filepath.Join(dir, "kept.txt"), filepath.Join(dir, "summary.md")
			os.WriteFile(kept, []byte("old kept\n"), 0o644)
			os.Remove(summary)
			fifo := filepath.Join(dir, "groups.fifo")
			os.Remove(fifo)
			mkfifo(t, fifo)
			cmd, stderr := startCLI(t, "dedup", "--kept", kept, "--groups", fifo, "-o", summary, corpus)
			waitFor(t, "the temporary outputs", func() bool { return len(tmpLitter(t, dir)) == 2 })
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			err := cmd.Wait()
			ee, ok := err.(*exec.ExitError)
			if !ok || ee.ExitCode() != 128+int(sig) {
				t.Errorf("exit %v, want status %d; stderr:\n%s", err, 128+int(sig), stderr)
			}
			if !strings.Contains(stderr.String(), "temporary files removed") {
				t.Errorf("stderr does not report the interrupt:\n%s", stderr)
			}
			if l := tmpLitter(t, dir); len(l) != 0 {
				t.Errorf("temporary files left: %v", l)
			}
			if got := readFile(t, kept); got != "old kept\n" {
				t.Errorf("kept file replaced by an interrupted run: %q", got[:min(len(got), 40)])
			}
			if _, err := os.Stat(summary); err == nil {
				t.Errorf("%s written by an interrupted run: half a set", summary)
			}
		})
	}
}

// TestInterruptDuringBigWrite interrupts generate while it streams a large
// corpus and its truth into temporary files.
func TestInterruptDuringBigWrite(t *testing.T) {
	dir := t.TempDir()
	out, truth := filepath.Join(dir, "corpus.jsonl"), filepath.Join(dir, "truth.jsonl")
	cmd, stderr := startCLI(t, "generate", "--n", "200000", "--workers", "1", "-o", out, "--truth", truth)
	waitFor(t, "a megabyte of output", func() bool {
		for _, f := range tmpLitter(t, dir) {
			if fi, err := os.Stat(f); err == nil && fi.Size() > 1<<20 {
				return true
			}
		}
		return false
	})
	cmd.Process.Signal(syscall.SIGINT)
	if err := cmd.Wait(); err == nil {
		t.Fatalf("generate exited 0 after SIGINT; stderr:\n%s", stderr)
	}
	if l := tmpLitter(t, dir); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
	for _, f := range []string{out, truth} {
		if _, err := os.Stat(f); err == nil {
			t.Errorf("%s written by an interrupted run", f)
		}
	}
}

func TestOutputInMissingDirectory(t *testing.T) {
	dir := t.TempDir()
	seeds := copySeeds(t, t.TempDir(), 2)
	out := filepath.Join(dir, "no-such-dir", "report.md")
	r := runCLI(t, "", "", append([]string{"compare", "-o", out}, seeds...)...)
	if r.code == 0 {
		t.Fatalf("compare -o %s: exit 0, want a failure", out)
	}
	want := "output " + out + ": directory " + filepath.Dir(out) + " does not exist"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want it to say %q", r.stderr, want)
	}
	if _, err := os.Stat(filepath.Dir(out)); !os.IsNotExist(err) {
		t.Errorf("the missing directory was created (%v)", err)
	}
}
