package corpus

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
	"strconv"
	"strings"
)

// Options configures loading.
type Options struct {
	Stdin io.Reader   // read when a path is "-"; nil reads nothing
	Warn  func(error) // called for every skipped input (file, or file:line for JSONL); nil discards warnings
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
// directories are not followed. A directory without any article file is
// reported. A file named explicitly with another extension (or none) is read
// as plain text. Path "-" reads opt.Stdin, sniffing its format: JSON Lines
// when the first non-space byte is "{", HTML when it starts with a tag such
// as <!doctype>, <html>, <body> or <p>, plain text otherwise; its articles
// have Path "-" and ID "stdin" (JSONL: "stdin:LINE" without an id field).
//
// Every warning is a *[ParseError] naming the file (and line for JSONL).
// Inputs are only read, never modified.
func Walk(paths []string, opt Options, fn func(*Article) error) error {
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
	fn  func(*Article) error
}

// warnFS reports an operating-system error for path, without repeating the path.
func (w *walker) warnFS(path string, err error) {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	w.opt.Warn(perr(path, 0, err))
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
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			w.warnFS(p, err)
			if d != nil && d.IsDir() && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
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
			if !info.Mode().IsRegular() {
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

// file loads one file of a known format.
func (w *walker) file(p string, f format) error {
	if f == formatJSONL {
		fh, err := os.Open(p)
		if err != nil {
			w.warnFS(p, err)
			return nil
		}
		defer fh.Close()
		return ReadJSONL(fh, p, w.opt.Warn, w.fn)
	}
	data, err := os.ReadFile(p)
	if err != nil {
		w.warnFS(p, err)
		return nil
	}
	return w.whole(data, p, f)
}

// whole parses a whole-file format and hands the article to fn.
func (w *walker) whole(data []byte, p string, f format) error {
	var (
		a   *Article
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
		return ReadJSONL(br, "-", w.opt.Warn, w.fn)
	}
	data, err := io.ReadAll(br)
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
func Load(paths []string, opt Options) ([]*Article, error) {
	var docs []*Article
	err := Walk(paths, opt, func(a *Article) error {
		docs = append(docs, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	UniqueIDs(docs)
	return docs, nil
}

// UniqueIDs makes the IDs of docs unique as [Load] does and sorts docs by ID.
func UniqueIDs(docs []*Article) {
	slices.SortStableFunc(docs, func(a, b *Article) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Path, b.Path), cmp.Compare(a.Record, b.Record))
	})
	taken := make(map[string]bool, len(docs))
	for _, a := range docs {
		taken[a.ID] = true
	}
	prev := ""
	for i, a := range docs {
		base := a.ID
		if i > 0 && base == prev {
			for n := 2; ; n++ {
				if id := base + "-" + strconv.Itoa(n); !taken[id] {
					taken[id] = true
					a.ID = id
					break
				}
			}
		}
		prev = base
	}
	slices.SortStableFunc(docs, func(a, b *Article) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.Path, b.Path), cmp.Compare(a.Record, b.Record))
	})
}
