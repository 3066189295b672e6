package pipeline

import (
	"cmp"
	"context"
	"errors"
	iofs "io/fs"
	"reflect"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs" // gs://
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/s3" // s3://
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/shingle"
)

// An article's ordinal is its place in input order: the index of its file
// in Config.Inputs in the high fileBits bits, its line below. Ordinals
// order articles as dedup numbers them.
const fileBits = 24

func ordinal(file, line int) uint64 { return uint64(file)<<(64-fileBits) | uint64(line) }

func fileOf(ord uint64) int { return int(ord >> (64 - fileBits)) }

func lineOf(ord uint64) int { return int(ord & (1<<(64-fileBits) - 1)) }

// fileRef is an input file and its index in Config.Inputs.
type fileRef struct {
	Index int
	Path  string
}

// record is one raw JSON Lines record.
type record struct {
	Ord  uint64
	Data []byte
}

// warning is a skipped record or file, at its place in input order.
type warning struct {
	Ord uint64
	Msg string
}

// article is a signed article.
type article struct {
	Ord    uint64
	ID     string
	Length uint32
	Sig    []uint32
}

func init() {
	for _, t := range []any{fileRef{}, record{}, warning{}, article{}} {
		beam.RegisterType(reflect.TypeOf(t))
	}
	register.DoFn4x1[context.Context, fileRef, func(record), func(warning), error](&readFn{})
	register.DoFn3x0[record, func(article), func(warning)](&signFn{})
	register.Emitter1[record]()
	register.Emitter1[warning]()
	register.Emitter1[article]()
}

// read reads and signs the articles of cfg.Inputs.
func read(s beam.Scope, cfg *Config) (arts, warns beam.PCollection) {
	files := make([]fileRef, len(cfg.Inputs))
	for i, p := range cfg.Inputs {
		files[i] = fileRef{i, p}
	}
	refs := beam.Reshuffle(s, beam.CreateList(s, files))
	recs, readWarns := beam.ParDo2(s, &readFn{MaxBytes: cfg.MaxBytes}, refs)
	arts, signWarns := beam.ParDo2(s, &signFn{Shingle: cfg.Shingle, Paths: cfg.Inputs}, beam.Reshuffle(s, recs))
	return arts, beam.Flatten(s, readWarns, signWarns)
}

// readFn reads the lines of one file as dedup does.
type readFn struct {
	MaxBytes int
}

func (f *readFn) ProcessElement(ctx context.Context, ref fileRef, emit func(record), warn func(warning)) error {
	fs, err := filesystem.New(ctx, ref.Path)
	if err != nil {
		return err
	}
	defer fs.Close()
	r, err := fs.OpenRead(ctx, ref.Path)
	if err != nil { // a warning, as dedup gives: skip the file
		if pe, ok := errors.AsType[*iofs.PathError](err); ok {
			err = pe.Err // the ParseError names the file
		}
		warn(warning{ordinal(ref.Index, 0), (&input.ParseError{File: ref.Path, Err: err}).Error()})
		return nil
	}
	defer r.Close()
	dedup.ReadLines(r, ref.Path, f.MaxBytes, func(l *dedup.Line) bool {
		switch {
		case l.Err != nil:
			warn(warning{ordinal(ref.Index, l.Line), l.Err.Error()})
		case l.Data != nil:
			emit(record{ordinal(ref.Index, l.Line), slices.Clone(l.Data)})
		}
		return true
	})
	return nil
}

// signFn parses and signs records as dedup does.
type signFn struct {
	Shingle shingle.Options
	Paths   []string

	mh *shingle.MinHasher
}

func (f *signFn) Setup() { f.mh = f.Shingle.MinHasher() }

func (f *signFn) ProcessElement(r record, emit func(article), warn func(warning)) {
	file, line := "", lineOf(r.Ord)
	if fileOf(r.Ord) < len(f.Paths) {
		file = f.Paths[fileOf(r.Ord)]
	}
	a, err := input.ParseRecord(r.Data, file, line)
	if err != nil {
		warn(warning{r.Ord, err.Error()})
		return
	}
	sig := make(shingle.Signature, f.Shingle.Perms)
	length, err := dedup.Sign(f.mh, f.Shingle, a, file, line, sig)
	if err != nil {
		warn(warning{r.Ord, err.Error()})
		return
	}
	emit(article{Ord: r.Ord, ID: a.ID, Length: length, Sig: sig})
}

// idEntry is an article under its id, or an id taken by another article
// under the id it would be a renaming of (Taken: "a-2" under "a").
type idEntry struct {
	Ord   uint64
	Taken string
}

// named is the id of an article after renaming.
type named struct {
	Ord uint64
	ID  string
}

func init() {
	beam.RegisterType(reflect.TypeOf(idEntry{}))
	beam.RegisterType(reflect.TypeOf(named{}))
	register.Function2x0(keyByID)
	register.DoFn3x0[string, func(*idEntry) bool, func(uint64, string)](&renameFn{})
	register.Emitter2[string, idEntry]()
	register.Emitter2[uint64, string]()
	register.Iter1[idEntry]()
}

// uniqueIDs renames the articles sharing an id as dedup does
// ([input.IDs]): the first by path and line keeps it, the others get
// ID-2, ID-3 … skipping ids taken. A renaming of id X is X-n, which only
// an id that is itself X-n can take, so grouping every article under its
// id, and every id of the form X-n under X too, brings together all a
// renaming needs. It returns the final id of every article by ordinal.
func uniqueIDs(s beam.Scope, cfg *Config, arts beam.PCollection) beam.PCollection {
	byID := beam.GroupByKey(s, beam.ParDo(s, keyByID, arts))
	return beam.ParDo(s, &renameFn{Paths: cfg.Inputs}, byID)
}

func keyByID(a article, emit func(string, idEntry)) {
	emit(a.ID, idEntry{Ord: a.Ord})
	if i := strings.LastIndexByte(a.ID, '-'); i >= 0 && i+1 < len(a.ID) && strings.Trim(a.ID[i+1:], "0123456789") == "" {
		emit(a.ID[:i], idEntry{Taken: a.ID})
	}
}

type renameFn struct {
	Paths []string
}

func (f *renameFn) ProcessElement(id string, entries func(*idEntry) bool, emit func(uint64, string)) {
	var ords []uint64
	taken := map[string]bool{}
	var e idEntry
	for entries(&e) {
		if e.Taken != "" {
			taken[e.Taken] = true
		} else {
			ords = append(ords, e.Ord)
		}
	}
	if len(ords) < 2 {
		for _, o := range ords {
			emit(o, id)
		}
		return
	}
	var ids input.IDs
	for t := range taken {
		ids.Add(t, -1)
	}
	for i := range ords {
		ids.Add(id, i)
	}
	names := make([]string, len(ords))
	for i := range names {
		names[i] = id
	}
	ids.Rename(func(i, j int) int {
		a, b := ords[i], ords[j]
		return cmp.Or(strings.Compare(f.Paths[fileOf(a)], f.Paths[fileOf(b)]), cmp.Compare(lineOf(a), lineOf(b)))
	}, func(i int, name string) { names[i] = name })
	for i, o := range ords {
		emit(o, names[i])
	}
}
