package input

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/storydiff/storydiff/corpus"
)

// Options configures loading.
type Options struct {
	Stdin io.Reader   // read when a path is "-"; nil reads nothing
	Warn  func(error) // called for every skipped input (file, or file:line for JSONL); nil discards warnings

	// MaxBytes, when positive, limits the size of one input: a file,
	// standard input, or a JSON Lines record (its line without the line
	// end). A larger one is skipped without being held in memory, with a
	// warning wrapping [ErrTooLarge]. Zero means no limit.
	MaxBytes int

	// Open, when not nil, is called with every file about to be read (named
	// as in warnings) and its information, taken from the opened file, so
	// through any symbolic link. An error stops the load and is returned: a
	// caller uses it to refuse reading a file it is about to overwrite.
	Open func(name string, info fs.FileInfo) error
}

// format is an input format.
type format int

const (
	formatUnknown format = iota
	formatText
	formatMarkdown
	formatHTML
	formatJSONL
)

// formatOf returns the format for a file name's extension (case-insensitive).
func formatOf(name string) format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".txt":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm":
		return formatHTML
	case ".jsonl", ".ndjson":
		return formatJSONL
	}
	return formatUnknown
}

// Walk loads every article under paths (files; directories recursively by
// extension; "-" for stdin) and calls fn for each, in a deterministic order
// (paths in the order given, directory entries sorted, JSONL records in file
// order). Bad inputs are reported through opt.Warn and skipped. IDs are NOT
// de-duplicated by Walk (streaming); Load does that. Walk stops and returns
// fn's error if fn fails.
//
// Inside directories, files are chosen by extension (.txt, .md, .markdown,
// .html, .htm, .jsonl, .ndjson, case-insensitive); other files and hidden
// entries (names starting with ".") are ignored, and symbolic links to
// directories are not followed (a path given as an argument is, even when
// it is a link to a directory). An entry with an article extension that is
// not a regular file (a FIFO, a device) is reported and not read. A
// directory without any article file is reported. A file named explicitly with another extension (or none) is read
// as plain text. Path "-" reads opt.Stdin, sniffing its format: JSON Lines
// when the first non-space byte is "{", HTML when it starts with a tag such
// as <!doctype>, <html>, <body> or <p>, plain text otherwise; its articles
// have Path "-" and ID "stdin" (JSONL: "stdin:LINE" without an id field).
//
// Every warning is a *[ParseError] naming the file (and line for JSONL).
// Inputs are only read, never modified.
func Walk(paths []string, opt Options, fn func(*corpus.Article) error) error {
	w := walker{opt: opt, fn: fn}
	if w.opt.Warn == nil {
		w.opt.Warn = func(error) {}
	}
	for _, p := range paths {
		if err := w.path(p); err != nil {
			return err
		}
	}
	return nil
}

type walker struct {
	opt Options
	fn  func(*corpus.Article) error
}

// warnFS reports an operating-system error for path, without repeating the path.
func (w *walker) warnFS(path string, err error) {
	w.opt.Warn(perr(path, 0, unwrapPath(err)))
}

func (w *walker) path(p string) error {
	if p == "-" {
		return w.stdin()
	}
	info, err := os.Stat(p)
	if err != nil {
		w.warnFS(p, err)
		return nil
	}
	switch {
	case info.IsDir():
		return w.dir(p)
	case info.Mode().IsRegular():
		f := formatOf(p)
		if f == formatUnknown {
			f = formatText
		}
		return w.file(p, f)
	}
	w.opt.Warn(perr(p, 0, ErrNotRegular))
	return nil
}

func (w *walker) dir(root string) error {
	found := 0
	walkRoot := root
	if fi, err := os.Lstat(root); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		// WalkDir lists a link given as its root as the link itself; with a
		// trailing separator it lists the directory the link names.
		walkRoot = root + string(filepath.Separator)
	}
	err := filepath.WalkDir(walkRoot, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.warnFS(p, err)
			if d != nil && d.IsDir() && p != walkRoot {
				return filepath.SkipDir
			}
			return nil
		}
		if p != walkRoot && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		f := formatOf(p)
		if f == formatUnknown {
			return nil
		}
		if !d.Type().IsRegular() {
			info, err := os.Stat(p) // follow symbolic links to files
			if err != nil {
				found++
				w.warnFS(p, err)
				return nil
			}
			if info.IsDir() {
				return nil // a link to a directory: not followed
			}
			if !info.Mode().IsRegular() {
				found++
				w.opt.Warn(perr(p, 0, ErrNotRegular))
				return nil
			}
		}
		found++
		return w.file(p, f)
	})
	if err != nil {
		return err
	}
	if found == 0 {
		w.opt.Warn(perr(root, 0, ErrNoArticles))
	}
	return nil
}

// file loads one regular file of a known format.
func (w *walker) file(p string, f format) error {
	fh, info, err := OpenFile(p, w.opt.Open)
	if err != nil {
		var pe *ParseError
		if errors.As(err, &pe) {
			w.opt.Warn(err)
			return nil
		}
		return err
	}
	defer fh.Close()
	if f == formatJSONL {
		return readJSONL(fh, p, w.opt.MaxBytes, w.opt.Warn, w.fn)
	}
	if w.opt.MaxBytes > 0 && info.Size() > int64(w.opt.MaxBytes) {
		w.opt.Warn(TooLarge(p, 0, info.Size(), w.opt.MaxBytes))
		return nil
	}
	data := make([]byte, 0, info.Size()+1) // +1: ReadAll then sees EOF without growing
	buf := bytes.NewBuffer(data)
	if _, err := buf.ReadFrom(fh); err != nil {
		w.warnFS(p, err)
		return nil
	}
	return w.whole(buf.Bytes(), p, f)
}

// OpenFile opens the regular file p for reading and calls check, when not
// nil, with its information (see [Options.Open]). A file that cannot be
// opened or is not a regular file is reported as a *[ParseError] (a
// warning: skip it); check's error is returned as it is (stop).
func OpenFile(p string, check func(string, fs.FileInfo) error) (*os.File, fs.FileInfo, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, nil, perr(p, 0, unwrapPath(err))
	}
	info, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, perr(p, 0, unwrapPath(err))
	}
	if check != nil {
		if err := check(p, info); err != nil {
			fh.Close()
			return nil, nil, err
		}
	}
	if !info.Mode().IsRegular() {
		fh.Close()
		return nil, nil, perr(p, 0, ErrNotRegular)
	}
	return fh, info, nil
}

// unwrapPath returns the error inside a *fs.PathError, whose path a
// *ParseError already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// whole parses a whole-file format and hands the article to fn.
func (w *walker) whole(data []byte, p string, f format) error {
	var (
		a   *corpus.Article
		err error
	)
	switch f {
	case formatHTML:
		a, err = ParseHTML(data, p)
	case formatMarkdown:
		a, err = ParseText(data, p, true)
	default:
		a, err = ParseText(data, p, false)
	}
	if err != nil {
		w.opt.Warn(err)
		return nil
	}
	return w.fn(a)
}

// stdin loads standard input, sniffing its format.
func (w *walker) stdin() error {
	if w.opt.Stdin == nil {
		w.opt.Warn(perr("-", 0, fmt.Errorf("%w: no standard input", ErrEmpty)))
		return nil
	}
	br := bufio.NewReaderSize(w.opt.Stdin, 64<<10)
	head, _ := br.Peek(4 << 10)
	f := sniff(head)
	if f == formatJSONL {
		return readJSONL(br, "-", w.opt.MaxBytes, w.opt.Warn, w.fn)
	}
	var r io.Reader = br
	if w.opt.MaxBytes > 0 {
		r = io.LimitReader(br, int64(w.opt.MaxBytes)+1)
	}
	data, err := io.ReadAll(r)
	if err == nil && w.opt.MaxBytes > 0 && len(data) > w.opt.MaxBytes {
		rest, _ := io.Copy(io.Discard, br) // the size for the warning; memory stays bounded
		w.opt.Warn(TooLarge("-", 0, int64(len(data))+rest, w.opt.MaxBytes))
		return nil
	}
	if err != nil {
		w.opt.Warn(perr("-", 0, fmt.Errorf("reading standard input: %w", err)))
		return nil
	}
	return w.whole(data, "-", f)
}

// sniff guesses the format of content starting with head.
func sniff(head []byte) format {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	t := bytes.TrimLeft(head, " \t\r\n\f\v")
	if len(t) == 0 {
		return formatText
	}
	if t[0] == '{' {
		return formatJSONL
	}
	if t[0] == '<' {
		low := bytes.ToLower(t)
		for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<p", "<article", "<div", "<meta", "<title", "<!--"} {
			i := bytes.Index(low, []byte(tag))
			if i < 0 {
				continue
			}
			rest := low[i+len(tag):]
			if tag == "<!--" || len(rest) == 0 || rest[0] == '>' || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\n' || rest[0] == '\r' || rest[0] == '/' {
				return formatHTML
			}
		}
	}
	return formatText
}

// Load is Walk collecting all articles, then making IDs unique predictably
// (independent of the order the paths were given) and sorting by ID.
//
// Articles are ordered by (ID, Path, Record); the first of each run of equal
// IDs keeps it and the others get "-2", "-3", … in that order, skipping any
// suffixed ID that is already taken. Skipped inputs are reported through
// opt.Warn, not returned: Load fails only when loading cannot go on, and
// returns an empty slice without error when nothing was loaded.
func Load(paths []string, opt Options) ([]*corpus.Article, error) {
	var docs []*corpus.Article
	err := Walk(paths, opt, func(a *corpus.Article) error {
		docs = append(docs, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	UniqueIDs(docs)
	return docs, nil
}

// UniqueIDs makes the IDs of docs unique as [Load] does ([IDs], ordering the
// articles of one ID by path, then record) and sorts docs by ID.
func UniqueIDs(docs []*corpus.Article) {
	var ids IDs
	for i, a := range docs {
		ids.Add(a.ID, i)
	}
	ids.Rename(func(i, j int) int {
		return cmp.Or(strings.Compare(docs[i].Path, docs[j].Path), cmp.Compare(docs[i].Record, docs[j].Record))
	}, func(i int, id string) { docs[i].ID = id })
	slices.SortStableFunc(docs, func(a, b *corpus.Article) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Path, b.Path), cmp.Compare(a.Record, b.Record))
	})
}

// FileLines reports whether the line numbers of a (as [corpus.Article.Line]
// gives them) are the lines of the file at a.Path, so that a report can
// link to them: true for a text or Markdown file, false for standard
// input, HTML (lines of the extracted text) and JSON Lines (lines within a
// record's text).
func FileLines(a *corpus.Article) bool {
	if a.Path == "-" || a.Record > 0 {
		return false
	}
	switch formatOf(a.Path) {
	case formatHTML, formatJSONL:
		return false
	}
	return true
}
