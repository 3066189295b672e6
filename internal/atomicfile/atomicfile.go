// Package atomicfile writes a command's output files as a set that can never
// destroy anything: a failed or interrupted run leaves every output as it was,
// and a successful one replaces them all.
//
// A [Set] holds the outputs of one run. [Set.Add] resolves each name once,
// before any work is done:
//
//   - A symbolic link is followed to the file it names (through any number of
//     links, even to a file that does not exist yet): the link stays, its
//     target is written.
//   - A regular file, or a name that does not exist, is written to a hidden
//     temporary file beside the target (".NAME.tmp-RANDOM", with the
//     target's permission bits, 0644 for a new file) and renamed over it only
//     when every output of the set is complete. Other hard links to a
//     replaced file keep the old contents.
//   - Anything else (a device such as /dev/null, a FIFO, a terminal, or an
//     open file of a process such as /dev/stdout or /dev/fd/N) is written in
//     place, opened for appending, and never renamed over or removed.
//   - A directory is refused.
//
// [Set.Write] writes files to their temporary files at once and saves the
// in-place outputs for [Set.Commit], which writes those, then renames every
// temporary file into place. Until the renames nothing is visible, so an
// error or a signal leaves no half of a set. [Set.Cleanup] removes what an
// uncommitted set created, and [CleanUpOnSignal] arranges for SIGINT and
// SIGTERM to do the same for every live set before the process exits.
//
// [Set.CheckInput] tells whether a file about to be read is one of the
// outputs, by [os.SameFile] on the resolved targets, so that an output can
// never overwrite an input.
package atomicfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"sync"
	"syscall"
)

// A SameFileError reports that two names given to a run are one file: an
// output named twice, or an output that is also an input.
type SameFileError struct {
	Name  string // the output, as given
	Other string // the other output or the input, as given
	Input bool   // Other is an input
}

func (e *SameFileError) Error() string {
	if e.Input {
		return fmt.Sprintf("output %q is the same file as input %q (refusing to overwrite an input)", e.Name, e.Other)
	}
	return fmt.Sprintf("output %q is the same file as output %q", e.Name, e.Other)
}

// A File is one output of a [Set].
type File struct {
	Name string // as given to Add (a description for AddWriter)

	path   string      // what is written: the resolved target
	info   fs.FileInfo // the target before the run; nil when it does not exist
	direct bool        // written in place, never renamed over
	fixed  io.Writer   // AddWriter's destination

	tmp     *os.File // temporary file, for a file replaced by rename
	out     *os.File // opened in-place target
	pending []func(io.Writer) error
}

// Direct reports whether f is written in place (a device, FIFO, open file of
// a process, or a writer given to AddWriter) rather than replaced by rename.
func (f *File) Direct() bool { return f.direct }

// A Set is a group of outputs written together. The zero value is an empty
// set ready to use. A Set is not safe for concurrent use, but
// [CleanUpOnSignal] may remove its temporary files from another goroutine.
type Set struct {
	files []*File
}

// live holds the temporary files of all uncommitted sets, for the signal
// handler. Its lock also makes a commit's renames atomic with respect to it.
var live = struct {
	sync.Mutex
	tmps map[string]bool
}{tmps: map[string]bool{}}

// Add resolves name and adds it to the set; nothing is created yet. It
// fails when name is a directory, cannot be examined, or is the same file as
// an output already in the set (a *[SameFileError]).
func (s *Set) Add(name string) (*File, error) {
	f := &File{Name: name}
	var err error
	f.path, f.info, f.direct, err = resolve(name)
	if err != nil {
		return nil, fmt.Errorf("output %s: %w", name, err)
	}
	if !f.direct {
		for _, g := range s.files {
			if g.direct {
				continue
			}
			if g.path == f.path || (g.info != nil && f.info != nil && os.SameFile(g.info, f.info)) {
				return nil, &SameFileError{Name: name, Other: g.Name}
			}
		}
	}
	s.files = append(s.files, f)
	return f, nil
}

// AddWriter adds an already open destination, such as standard output,
// written in place like a device and never closed. name describes it in
// errors.
func (s *Set) AddWriter(name string, w io.Writer) *File {
	f := &File{Name: name, direct: true, fixed: w}
	s.files = append(s.files, f)
	return f
}

// CheckInput returns a *[SameFileError] when the input name, whose
// information is info, is one of the outputs of s (by [os.SameFile]), and
// nil otherwise. Call it for every input before reading it.
func (s *Set) CheckInput(name string, info fs.FileInfo) error {
	for _, f := range s.files {
		if f.info != nil && os.SameFile(f.info, info) {
			return &SameFileError{Name: f.Name, Other: name, Input: true}
		}
	}
	return nil
}

// Write arranges for fn to write f's contents: at once into a temporary file
// when f is replaced by rename, at [Set.Commit] when f is written in place.
// An error from fn is returned (for in-place files, by Commit).
func (s *Set) Write(f *File, fn func(io.Writer) error) error {
	if f.direct {
		f.pending = append(f.pending, fn)
		return nil
	}
	w, err := f.Open()
	if err != nil {
		return err
	}
	return fn(w)
}

// Open returns the destination of f at once: its temporary file, or the
// in-place target (opening a FIFO waits for a reader). Use it to write
// several outputs of a set at the same time; the data is made visible by
// [Set.Commit].
func (f *File) Open() (io.Writer, error) {
	switch {
	case f.fixed != nil:
		return f.fixed, nil
	case f.out != nil:
		return f.out, nil
	case f.tmp != nil:
		return f.tmp, nil
	case f.direct:
		out, err := os.OpenFile(f.path, os.O_WRONLY|os.O_APPEND, 0)
		if err != nil {
			return nil, err
		}
		f.out = out
		return out, nil
	}
	perm := fs.FileMode(0o644)
	if f.info != nil {
		perm = f.info.Mode().Perm()
	}
	live.Lock()
	defer live.Unlock()
	tmp, err := os.CreateTemp(filepath.Dir(f.path), "."+filepath.Base(f.path)+".tmp-*")
	if err != nil {
		return nil, err
	}
	live.tmps[tmp.Name()] = true
	f.tmp = tmp
	if err := tmp.Chmod(perm); err != nil {
		return nil, err
	}
	if f.info != nil {
		keepOwner(tmp, f.info)
	}
	return tmp, nil
}

// Commit completes the set: it runs the writes saved for in-place outputs,
// flushes and closes every temporary file, and only then renames them all
// into place. On error nothing more is renamed and the temporary files are
// removed. Commit is meant to be called once.
func (s *Set) Commit() error {
	err := s.commit()
	if err != nil {
		s.Cleanup()
	}
	return err
}

func (s *Set) commit() error {
	for _, f := range s.files {
		if !f.direct || len(f.pending) == 0 {
			continue
		}
		w, err := f.Open()
		if err != nil {
			return err
		}
		for _, fn := range f.pending {
			if err := fn(w); err != nil {
				return err
			}
		}
		f.pending = nil
	}
	for _, f := range s.files {
		switch {
		case f.out != nil:
			err := f.out.Close()
			f.out = nil
			if err != nil {
				return err
			}
		case f.tmp != nil:
			// Sync before the rename: after a crash the target holds the
			// old contents or the new ones, never an empty file.
			if err := f.tmp.Sync(); err != nil {
				return err
			}
			if err := f.tmp.Close(); err != nil {
				return err
			}
		}
	}
	live.Lock()
	defer live.Unlock()
	for _, f := range s.files {
		if f.tmp == nil {
			continue
		}
		if err := os.Rename(f.tmp.Name(), f.path); err != nil {
			return err
		}
		delete(live.tmps, f.tmp.Name())
		f.tmp = nil
	}
	return nil
}

// Cleanup closes what s opened and removes the temporary files of outputs
// not yet renamed into place. It is safe to call after Commit, and more than
// once (defer it).
func (s *Set) Cleanup() {
	live.Lock()
	defer live.Unlock()
	for _, f := range s.files {
		if f.out != nil {
			f.out.Close()
			f.out = nil
		}
		if f.tmp != nil {
			f.tmp.Close()
			os.Remove(f.tmp.Name())
			delete(live.tmps, f.tmp.Name())
			f.tmp = nil
		}
	}
}

// CleanUpOnSignal makes SIGINT, SIGTERM and SIGHUP remove the temporary
// files of every uncommitted set, call report (when not nil), and end the
// process with status 128+signal (130 for SIGINT, 143 for SIGTERM). A signal
// that arrives while a set is being renamed into place waits for the
// renames, so the set is complete or untouched. A signal ignored when the
// process started (nohup, a background job) stays ignored. Call it once,
// from main.
func CleanUpOnSignal(report func(os.Signal)) {
	var sigs []os.Signal
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP} {
		if !signal.Ignored(sig) {
			sigs = append(sigs, sig)
		}
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, sigs...)
	go func() {
		sig := <-c
		live.Lock() // held until exit: no rename starts after this
		for name := range live.tmps {
			os.Remove(name)
		}
		if report != nil {
			report(sig)
		}
		code := 1
		if s, ok := sig.(syscall.Signal); ok {
			code = 128 + int(s)
		}
		os.Exit(code)
	}()
}

// missingDirError is the error of an output whose directory does not
// exist; it is an [fs.ErrNotExist].
type missingDirError string

func (e missingDirError) Error() string { return "directory " + string(e) + " does not exist" }
func (e missingDirError) Unwrap() error { return fs.ErrNotExist }

// maxLinks bounds the symbolic links followed for one name, as the kernel does.
const maxLinks = 40

// procFD matches the directories of a process's open files on Linux
// (/dev/fd and /dev/stdout lead there): their entries are not real links
// (a pipe's reads "pipe:[123]"), so a file reached through one is written in
// place, as the descriptor it stands for.
var procFD = regexp.MustCompile(`^/proc/(self|thread-self|[0-9]+(/task/[0-9]+)?)/fd$`)

// resolve follows name's symbolic links to the file to write and says
// whether it is written in place. info is nil when the file does not exist.
func resolve(name string) (path string, info fs.FileInfo, direct bool, err error) {
	path = name
	for range maxLinks {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			// A new file: its directory must exist, to fail before the work.
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if errors.Is(err, fs.ErrNotExist) {
				return "", nil, false, missingDirError(filepath.Dir(path))
			}
			if err != nil {
				return "", nil, false, err
			}
			return absolute(filepath.Join(dir, filepath.Base(path))), nil, false, nil
		}
		if err != nil {
			return "", nil, false, err
		}
		switch mode := fi.Mode(); {
		case mode&fs.ModeSymlink != 0:
			dir, err := filepath.EvalSymlinks(filepath.Dir(path))
			if err != nil {
				return "", nil, false, err
			}
			if procFD.MatchString(dir) {
				fi, err := os.Stat(path)
				if err != nil {
					return "", nil, false, err
				}
				if fi.IsDir() {
					return "", nil, false, &fs.PathError{Op: "write", Path: name, Err: syscall.EISDIR}
				}
				return path, fi, true, nil
			}
			target, err := os.Readlink(path)
			if err != nil {
				return "", nil, false, err
			}
			if !filepath.IsAbs(target) {
				target = filepath.Join(dir, target)
			}
			path = target
		case mode.IsRegular():
			return absolute(path), fi, false, nil
		case mode.IsDir():
			return "", nil, false, &fs.PathError{Op: "write", Path: name, Err: syscall.EISDIR}
		default:
			return path, fi, true, nil
		}
	}
	return "", nil, false, &fs.PathError{Op: "write", Path: name, Err: syscall.ELOOP}
}

// absolute returns path made absolute, so that two names of one new file
// compare equal; path itself when that fails.
func absolute(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}
