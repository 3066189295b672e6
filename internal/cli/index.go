package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/storydiff/storydiff/internal/atomicfile"
	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/internal/index"
	"github.com/storydiff/storydiff/report"
	"github.com/storydiff/storydiff/result"
	"github.com/storydiff/storydiff/shingle"
)

const indexHelp = `A persistent near-duplicate index, for a newsroom that adds each hour's
articles and asks of new ones whether it has seen them, or a reprint or an
excerpt of them, before. The cost of a command grows with its new articles,
not with the index.

Subcommands:
  add DB PATH...     sign the articles and add them (id, source, title, date,
                     URL, signature, band keys), in committed batches; an id
                     the index holds is skipped
  query DB PATH...   for each new article, the indexed articles related to it
                     (near-duplicates; excerpts either way in an index made
                     with --containment), as JSON Lines, and a summary
  stats DB           the index's parameters and figures
  export DB          the indexed articles as JSON Lines, in order of addition

DB is a directory, made by the first add. It records its parameters
(--shingle-kind, --shingle, --perms, --seed, --threshold, --containment);
a command that names one with another value fails (exit 1). A path that is
a file or a directory holding anything but an index is never written to.

Run 'storydiff index SUBCOMMAND --help' for the flags of each.`

const indexAddHelp = `Reads and signs the articles under PATH... (as dedup reads them) and adds
them to the index DB, making it when it does not exist, in batches of
--batch articles. Each batch is committed with fsync before the next: a
crash, a kill or a full disk leaves every committed batch and nothing of the
others, and running the same add again adds what is missing (articles whose
id the index holds are skipped and counted). The parameter flags apply to a
new index; on an existing one they must equal its parameters.
--containment C makes an index that also finds excerpts: a text at least a
quarter as long as another and contained in it at C or more (more bands,
so more band keys).`

const indexQueryHelp = `Reads and signs the articles under PATH... and writes, for each one, a
JSON line with the indexed articles related to it:

  {"id":"n1","file":"new.jsonl","line":1,"matches":[{"id":"a7",
   "relation":"near-duplicate","similarity":0.812,"containment":0.903,
   "source":…,"title":…,"date":…,"url":…,"length":4210}]}

relation is near-duplicate (estimated Jaccard at or above the index's
threshold), or in an index made with --containment: contains (the new
article holds the indexed one) or contained-in (the new article is an
excerpt of it). Text common to many indexed articles (footers) is left out
of the similarity. The lines go to -o FILE or standard output, the summary
to --summary FILE, or standard error. New articles are not added (use add).`

// indexFlags are the parameter flags of the index subcommands.
type indexFlags struct {
	params index.Params
	wait   time.Duration
}

func (f *indexFlags) add(fs *pflag.FlagSet) {
	f.params = index.DefaultParams()
	shingleKindVar(fs, &f.params.Shingle.Kind, "shingle `kind`: %s")
	fs.IntVarP(&f.params.Shingle.K, "shingle", "k", f.params.Shingle.K, "shingle size (`n` words, or characters with --shingle-kind=char)")
	fs.IntVar(&f.params.Shingle.Perms, "perms", f.params.Shingle.Perms, "MinHash permutations (`n`)")
	fs.Uint64Var(&f.params.Shingle.Seed, "seed", f.params.Shingle.Seed, "`seed` for the MinHash permutations")
	fs.Float64VarP(&f.params.Threshold, "threshold", "t", f.params.Threshold, "estimated Jaccard `similarity` of a near-duplicate")
	fs.Float64Var(&f.params.Containment, "containment", 0, "also find excerpts: containment `c` of the shorter text in the longer (0: no)")
	fs.DurationVar(&f.wait, "wait", time.Minute, "how long to wait for another storydiff process using DB (`duration`)")
}

// indexFlagFields names the index.Params field of each parameter flag.
var indexFlagFields = map[string]string{
	"shingle-kind": "Kind", "shingle": "K", "perms": "Perms", "seed": "Seed", "threshold": "Threshold", "containment": "Containment",
}

// indexFieldFlags is indexFlagFields the other way round.
var indexFieldFlags = map[string]string{
	"Kind": "--shingle-kind", "K": "--shingle", "Perms": "--perms", "Seed": "--seed",
	"Threshold": "--threshold", "Containment": "--containment", "Sketch": "the signature scheme",
}

// check validates the flags and returns the fields the command line set.
func (f *indexFlags) check(fs *pflag.FlagSet, env *Env) ([]string, bool) {
	if !checkShingle(env, f.params.Shingle) {
		return nil, false
	}
	switch {
	case !inUnitInterval(f.params.Threshold):
		usageError(env, "--threshold must be in (0, 1]")
		return nil, false
	case !(f.params.Containment >= 0 && f.params.Containment <= 1):
		usageError(env, "--containment must be in [0, 1]")
		return nil, false
	case f.wait < 0:
		usageError(env, "--wait must not be negative")
		return nil, false
	}
	var set []string
	fs.Visit(func(fl *pflag.Flag) {
		if field, ok := indexFlagFields[fl.Name]; ok {
			set = append(set, field)
		}
	})
	return set, true
}

// open opens the index, naming the differing parameters as flags.
func (f *indexFlags) open(dir string, set []string, create, readOnly bool) (*index.DB, error) {
	db, err := index.Open(dir, index.Options{Params: f.params, Set: set, Create: create, ReadOnly: readOnly, Wait: f.wait})
	if pe, ok := errors.AsType[*index.ParamsError](err); ok {
		var diffs []string
		for _, field := range pe.Fields {
			diffs = append(diffs, fmt.Sprintf("%s %s, asked %s", indexFieldFlags[field], paramValue(pe.Index, field), paramValue(pe.Asked, field)))
		}
		return nil, fmt.Errorf("%s: %w: %s (an index keeps the parameters it was made with)", dir, index.ErrParams, strings.Join(diffs, "; "))
	}
	return db, err
}

func paramValue(p index.Params, field string) string {
	switch field {
	case "Kind":
		return p.Shingle.Kind.String()
	case "K":
		return fmt.Sprint(p.Shingle.K)
	case "Perms":
		return fmt.Sprint(p.Shingle.Perms)
	case "Seed":
		return fmt.Sprint(p.Shingle.Seed)
	case "Threshold":
		return fmt.Sprint(p.Threshold)
	case "Containment":
		return fmt.Sprint(p.Containment)
	}
	if p.Sketch == 0 {
		return fmt.Sprintf("version %d", shingle.SketchVersion)
	}
	return fmt.Sprintf("version %d", p.Sketch)
}

func resultParams(p index.Params) result.IndexParams {
	return result.IndexParams{ShingleKind: p.Shingle.Kind.String(), ShingleSize: p.Shingle.K, Permutations: p.Shingle.Perms,
		Seed: p.Shingle.Seed, Bands: p.Bands, Rows: p.Rows, Threshold: p.Threshold, Containment: p.Containment}
}

// The renderers of the index summaries.
var (
	indexQueryRenderers = renderers[*result.IndexQuerySummary]{
		{formatMarkdown, report.IndexQueryMarkdown}, {formatTable, report.IndexQueryTable}}
	indexStatsRenderers = renderers[*result.IndexStats]{
		{formatMarkdown, report.IndexStatsMarkdown}, {formatTable, report.IndexStatsTable}}
)

func runIndex(args []string, env *Env) int {
	subs := map[string]func([]string, *Env) int{
		"add": runIndexAdd, "query": runIndexQuery, "stats": runIndexStats, "export": runIndexExport,
	}
	if len(args) == 0 {
		errorf(env, "index: no subcommand (add, query, stats or export)")
		fmt.Fprintf(env.Stderr, "usage: storydiff index add|query|stats|export DB ...\n\n%s\n", indexHelp)
		return ExitUsage
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprintf(env.Stdout, "usage: storydiff index add|query|stats|export DB ...\n\n%s\n", indexHelp)
		return ExitOK
	}
	run, ok := subs[args[0]]
	if !ok {
		return usageError(env, "index: unknown subcommand %q (want add, query, stats or export)", args[0])
	}
	return run(args[1:], env)
}

// inDir reports whether path is dir or inside it.
func inDir(path, dir string) bool {
	ap, err1 := filepath.Abs(path)
	ad, err2 := filepath.Abs(dir)
	if err1 != nil || err2 != nil {
		return false
	}
	if rp, err := filepath.EvalSymlinks(ap); err == nil {
		ap = rp
	}
	if rd, err := filepath.EvalSymlinks(ad); err == nil {
		ad = rd
	}
	rel, err := filepath.Rel(ad, ap)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// An inIndexError is an input or output inside the index directory (or
// the index itself): misuse, exit 2.
type inIndexError struct{ dir, path string }

func (e *inIndexError) Error() string {
	return fmt.Sprintf("%q is the index %q or inside it (refusing to read or write its files)", e.path, e.dir)
}

// checkNotInIndex refuses paths inside the index directory.
func checkNotInIndex(dir string, paths ...string) error {
	for _, p := range paths {
		if p != "" && p != "-" && inDir(p, dir) {
			return &inIndexError{dir, p}
		}
	}
	return nil
}

// indexReadOptions are the reading flags of add and query.
type indexReadOptions struct {
	out      *outputFlags
	workers  int
	progress progress
}

func (r *indexReadOptions) add(fs *pflag.FlagSet) {
	fs.IntVar(&r.workers, "workers", 0, "signing goroutines (`n`; default: all cores)")
	r.progress = progressAuto
	enumVar(fs, &r.progress, "progress", "", "`when` to draw a progress bar on standard error: %s",
		named(progressAuto, "when it is a terminal"), named(progressAlways, ""), named(progressNever, ""))
	r.out.addMaxBytes(fs, dedup.DefaultMaxBytes)
}

func (r *indexReadOptions) check(env *Env) bool {
	if r.workers < 0 {
		usageError(env, "--workers must not be negative (0: all cores)")
		return false
	}
	return r.out.check(env)
}

// dedupOptions are the reading options for paths into the index dir.
func (r *indexReadOptions) dedupOptions(dir string, env *Env, warn *warner) dedup.Options {
	return dedup.Options{
		Workers:  r.workers,
		MaxBytes: r.out.maxBytes,
		Stdin:    env.Stdin,
		Warn:     warn.warn,
		Open: func(name string, _ iofs.FileInfo) error {
			return checkNotInIndex(dir, name)
		},
	}
}

func runIndexAdd(args []string, env *Env) int {
	fs := newFlagSet("index add", "DB PATH...", indexAddHelp, env)
	var f indexFlags
	f.add(fs)
	batch := fs.Int("batch", index.DefaultBatch, "articles per committed batch (`n`)")
	ro := indexReadOptions{out: &outputFlags{}}
	fs.BoolVar(&ro.out.strict, "strict", false, "treat any skipped input as a failure (exit 1); the batches committed stay")
	ro.add(fs)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	set, ok := f.check(fs, env)
	if !ok || !ro.check(env) {
		return ExitUsage
	}
	switch {
	case *batch < 1:
		return usageError(env, "--batch must be at least 1")
	case fs.NArg() < 2:
		return usageError(env, "index add: want DB PATH... (use - for standard input)")
	}
	dir, paths := fs.Arg(0), fs.Args()[1:]
	if err := checkNotInIndex(dir, paths...); err != nil {
		return failure(env, err)
	}
	db, err := f.open(dir, set, true, false)
	if err != nil {
		return failure(env, err)
	}
	warn := &warner{env: env}
	opt := index.AddOptions{Batch: *batch, Read: ro.dedupOptions(dir, env, warn)}
	start := time.Now()
	var bar *runBar
	if ro.progress == progressAlways || (ro.progress == progressAuto && env.StderrIsTerminal) {
		bar = newRunBar(paths, env, opt.Read.Workers)
		warn.before = bar.clear
		opt.Read.Progress = func(p dedup.Progress) {
			if p.Done {
				bar.phase("writing the counts", 0, 1)
				return
			}
			bar.reading(p.Articles, p.Bytes, writeCost)
		}
	}
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	st, err := db.Add(paths, opt)
	warn.flush()
	bar.finish()
	n := db.Len()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	el := time.Since(start)
	fmt.Fprintf(env.Stderr, "storydiff: index add: %d articles added, %d already indexed, %d inputs skipped; %d in the index; %.1f MB in %.2fs (%.0f articles/s)\n",
		st.Added, st.Already, st.Skipped, n, float64(st.Bytes)/1e6, el.Seconds(), float64(st.Articles)/max(el.Seconds(), 1e-9))
	switch {
	case err != nil:
		return failure(env, err)
	case warn.strictFailure(ro.out.strict):
		return ExitFailure
	case st.Articles == 0 && st.Skipped > 0:
		errorf(env, "no readable article in the input")
		return ExitFailure
	}
	return ExitOK
}

func runIndexQuery(args []string, env *Env) int {
	fs := newFlagSet("index query", "DB PATH...", indexQueryHelp, env)
	var f indexFlags
	f.add(fs)
	ro := indexReadOptions{out: addOutputFlags(fs, indexQueryRenderers)}
	summaryPath := fs.String("summary", "", "write the summary to `FILE` (atomically) instead of standard error")
	ro.add(fs)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	set, ok := f.check(fs, env)
	if !ok || !ro.check(env) {
		return ExitUsage
	}
	if fs.NArg() < 2 {
		return usageError(env, "index query: want DB PATH... (use - for standard input)")
	}
	dir, paths := fs.Arg(0), fs.Args()[1:]
	var outs atomicfile.Set
	defer outs.Cleanup()
	lines, err := addOutput(&outs, ro.out.output, env)
	if err != nil {
		return failure(env, err)
	}
	summaryOut := outs.AddWriter("standard error", env.Stderr)
	if *summaryPath != "" {
		if summaryOut, err = outs.Add(*summaryPath); err != nil {
			return failure(env, err)
		}
	}
	if err := checkNotInIndex(dir, append(slicesOf(paths), ro.out.output, *summaryPath)...); err != nil {
		return failure(env, err)
	}
	db, err := f.open(dir, set, false, true)
	if err != nil {
		return failure(env, err)
	}
	defer db.Close()
	warn := &warner{env: env}
	opt := index.QueryOptions{Read: ro.dedupOptions(dir, env, warn)}
	opt.Read.Open = func(name string, info iofs.FileInfo) error {
		return errors.Join(checkNotInIndex(dir, name), outs.CheckInput(name, info))
	}
	var bar *runBar
	if ro.progress == progressAlways || (ro.progress == progressAuto && env.StderrIsTerminal) {
		bar = newRunBar(paths, env, opt.Read.Workers)
		warn.before = bar.clear
		opt.Read.Progress = func(p dedup.Progress) { bar.reading(p.Articles, p.Bytes, writeCost) }
	}
	sum := &result.IndexQuerySummary{Version: Version, Index: dir, Inputs: paths, Params: resultParams(db.Params()), Indexed: db.Len()}
	w, err := lines.Open()
	if err != nil {
		return failure(env, err)
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	st, err := db.QueryAll(paths, opt, func(r *index.Result) error {
		l := result.IndexQueryLine{ID: r.ID, File: r.File, Line: r.Line}
		near, cont := false, false
		for _, m := range r.Matches {
			rec := m.Record
			l.Matches = append(l.Matches, result.IndexMatch{
				IndexArticle: result.IndexArticle{ID: rec.ID, Source: rec.Source, Title: rec.Title, Date: rec.Date, URL: rec.URL, Length: int(rec.Length)},
				Relation:     m.Relation.String(), Similarity: m.Estimate.Jaccard, Containment: m.Estimate.Containment,
			})
			near = near || m.Relation == index.NearDuplicate
			cont = cont || m.Relation != index.NearDuplicate
		}
		switch {
		case near:
			sum.WithNearDup++
		case cont:
			sum.WithContainment++
		}
		sum.Matches += len(r.Matches)
		return report.IndexQueryLine(bw, &l)
	})
	sum.Articles, sum.Bytes, sum.Skipped = st.Articles, st.Bytes, st.Skipped
	if err == nil {
		err = bw.Flush()
	}
	warn.flush()
	bar.finish()
	switch {
	case err != nil:
		return failure(env, err)
	case warn.strictFailure(ro.out.strict):
		return ExitFailure
	case sum.Articles == 0:
		errorf(env, "no readable article in the input")
		return ExitFailure
	}
	if err := outs.Write(summaryOut, func(w io.Writer) error { return indexQueryRenderers.write(ro.out.format, w, sum) }); err != nil {
		return failure(env, err)
	}
	if err := outs.Commit(); err != nil {
		return failure(env, err)
	}
	return ExitOK
}

func slicesOf(s []string) []string { return append([]string(nil), s...) }

func runIndexStats(args []string, env *Env) int {
	fs := newFlagSet("index stats", "DB", "Prints the parameters and figures of the index DB.", env)
	var f indexFlags
	f.add(fs)
	var fm format
	formatVar(fs, &fm, indexStatsRenderers)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	set, ok := f.check(fs, env)
	if !ok {
		return ExitUsage
	}
	if fs.NArg() != 1 {
		return usageError(env, "index stats: want DB")
	}
	db, err := f.open(fs.Arg(0), set, false, true)
	if err != nil {
		return failure(env, err)
	}
	defer db.Close()
	st, err := db.Stats()
	if err != nil {
		return failure(env, err)
	}
	s := &result.IndexStats{Version: Version, Index: fs.Arg(0), Params: resultParams(db.Params()), Articles: st.Articles, Postings: st.Postings,
		DiskBytes: st.DiskBytes, CommonAt: st.CommonAt, CommonSlots: st.CommonSlots, CountedUntil: st.CountedUntil}
	if err := indexStatsRenderers.write(fm, env.Stdout, s); err != nil {
		return failure(env, err)
	}
	return ExitOK
}

func runIndexExport(args []string, env *Env) int {
	fs := newFlagSet("index export", "DB", "Writes the articles of the index DB as JSON Lines\n{\"id\",\"source\",\"title\",\"date\",\"url\",\"length\"}, in order of addition.", env)
	var f indexFlags
	f.add(fs)
	output := fs.StringP("output", "o", "", "write to `FILE` (atomically) instead of standard output")
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	set, ok := f.check(fs, env)
	if !ok {
		return ExitUsage
	}
	if fs.NArg() != 1 {
		return usageError(env, "index export: want DB")
	}
	dir := fs.Arg(0)
	if err := checkNotInIndex(dir, *output); err != nil {
		return failure(env, err)
	}
	var outs atomicfile.Set
	defer outs.Cleanup()
	out, err := addOutput(&outs, *output, env)
	if err != nil {
		return failure(env, err)
	}
	db, err := f.open(dir, set, false, true)
	if err != nil {
		return failure(env, err)
	}
	defer db.Close()
	err = outs.Write(out, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 256<<10)
		err := db.Export(func(_ uint32, r *index.Record) error {
			return report.IndexArticle(bw, &result.IndexArticle{ID: r.ID, Source: r.Source, Title: r.Title, Date: r.Date, URL: r.URL, Length: int(r.Length)})
		})
		if err != nil {
			return err
		}
		return bw.Flush()
	})
	if err == nil {
		err = outs.Commit()
	}
	if err != nil {
		return failure(env, err)
	}
	return ExitOK
}
