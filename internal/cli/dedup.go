package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/storydiff/storydiff/internal/atomicfile"
	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/report"
	"github.com/storydiff/storydiff/result"
)

const dedupHelp = `Streams the articles through MinHash signatures (on all cores) and an LSH
index, and lists the groups of near-duplicates: articles whose estimated
Jaccard similarity of word shingles reaches --threshold, linked
transitively. Only ids, lengths and signatures are held in memory.

Outputs:
  groups   JSON Lines, one group per line (groups of one omitted):
           {"group":N,"members":[ids],"representative":id,"similarity":{id:score}}
           to --groups FILE, or standard output without it.
  summary  counts, largest groups, similarity histogram (--format markdown or
           table) to -o FILE; without -o, to standard output when --groups is
           set and to standard error otherwise.
  --kept   the ids a filtered corpus keeps (one per line, input order).
  timing   one line on standard error (never in the files).

The outputs are written as one set: each file goes to a temporary file
beside it, and all are renamed into place only when all are complete
(devices, FIFOs and /dev/stdout are written in place). An output that is
also an input is refused (exit status 2).

--keep first keeps the member read first: in the order of the PATHs as
given and of the records in each, so reordering the inputs can change a
group's representative and the kept ids, never the groups. --keep longest
keeps the longest text (the first of equal ones). Articles sharing an id
are renamed ID-2, ID-3, ... by path and line, as compare does.

--save FILE stores this batch's signatures and parameters; --against FILE
compares the new articles with a saved batch (and with each other) without
recomputing it: groups holding saved articles list them under "saved" and
keep a saved article as representative. A saved file made with other
--shingle, --shingle-kind, --perms or --seed fails with exit status 1.

PATH is a file (.jsonl, .ndjson streamed in parallel; .txt, .md, .html), a
directory (read recursively) or - for standard input. Bad records (malformed
JSON, invalid UTF-8, empty or over --max-bytes) are reported as file:line
warnings (at most 5 in a row for one file, then a count) and skipped.`

// progress says when dedup draws a progress bar (--progress).
type progress string

const (
	progressAuto   progress = "auto"
	progressAlways progress = "always"
	progressNever  progress = "never"
)

func runDedup(args []string, env *Env) int {
	fs := newFlagSet("dedup", "PATH...", dedupHelp, env)
	opt := dedup.DefaultOptions()
	out := addOutputFlags(fs, dedupRenderers)
	fs.Float64VarP(&opt.Threshold, "threshold", "t", opt.Threshold, "estimated Jaccard `similarity` at or above which two articles are near-duplicates")
	shingleKindVar(fs, &opt.Shingle.Kind, "shingle `kind`: %s")
	fs.IntVarP(&opt.Shingle.K, "shingle", "k", opt.Shingle.K, "shingle size (`n` words, or characters with --shingle-kind=char)")
	fs.IntVar(&opt.Shingle.Perms, "perms", opt.Shingle.Perms, "MinHash permutations (`n`)")
	fs.Uint64Var(&opt.Shingle.Seed, "seed", opt.Shingle.Seed, "`seed` for the MinHash permutations (same seed, same signatures)")
	fs.IntVar(&opt.Bands, "bands", 0, "LSH `bands` (default: chosen from --threshold and --perms)")
	fs.IntVar(&opt.Rows, "rows", 0, "LSH `rows` per band (with --bands)")
	enumVar(fs, &opt.Keep, "keep", "", "which member of a group to keep (`rule`): %s",
		named(dedup.KeepFirst, "input order"), named(dedup.KeepLongest, ""))
	groups := fs.String("groups", "", "write the groups as JSON Lines to `FILE` (atomically) instead of standard output")
	kept := fs.String("kept", "", "write the ids to keep, one per line, to `FILE`")
	save := fs.String("save", "", "save this batch's signatures and parameters to `FILE`")
	against := fs.String("against", "", "compare with the batch saved in `FILE` by --save")
	progress := progressAuto
	enumVar(fs, &progress, "progress", "", "`when` to draw a progress bar on standard error: %s",
		named(progressAuto, "when it is a terminal"), named(progressAlways, ""), named(progressNever, ""))
	fs.IntVar(&opt.Workers, "workers", 0, "signing goroutines (`n`; default: all cores); output does not depend on it")
	out.addMaxBytes(fs, dedup.DefaultMaxBytes)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	if !out.check(env) || !checkShingle(env, opt.Shingle) {
		return ExitUsage
	}
	opt.MaxBytes = out.maxBytes
	switch {
	case !inUnitInterval(opt.Threshold):
		return usageError(env, "--threshold must be in (0, 1]")
	case opt.Bands < 0 || opt.Rows < 0 || (opt.Bands > 0) != (opt.Rows > 0):
		return usageError(env, "--bands and --rows go together and must be positive")
	case opt.Bands*opt.Rows > opt.Shingle.Perms:
		return usageError(env, "--bands × --rows (%d) exceeds --perms (%d)", opt.Bands*opt.Rows, opt.Shingle.Perms)
	case opt.Workers < 0:
		return usageError(env, "--workers must not be negative (0: all cores)")
	case fs.NArg() == 0:
		return usageError(env, "dedup: no PATH given (use - for standard input)")
	}
	paths := fs.Args()
	opt.Stdin = env.Stdin

	// The outputs are resolved before any input is read: none may be an
	// input, and they are written as one set.
	var outs atomicfile.Set
	defer outs.Cleanup()
	files, err := addDedupOutputs(&outs, *save, *groups, *kept, out.output, env)
	if err != nil {
		return failure(env, err)
	}
	opt.Open = outs.CheckInput

	if *against != "" {
		if err := checkInputPath(&outs, *against); err != nil {
			return failure(env, err)
		}
		f, err := os.Open(*against)
		if err != nil {
			return failure(env, err)
		}
		sigs, err := dedup.ReadSignatures(bufio.NewReaderSize(f, 1<<20))
		f.Close()
		if err != nil {
			return failure(env, fmt.Errorf("--against %s: %w", *against, err))
		}
		opt.Against = sigs
	}

	warn := &warner{env: env}
	opt.Warn = warn.warn
	start := time.Now()
	if progress == progressAlways || (progress == progressAuto && env.StderrIsTerminal) {
		bar := newDedupBar(paths, env)
		warn.before = func() { bar.Clear() }
		opt.Progress = func(p dedup.Progress) {
			el := time.Since(start).Seconds()
			bar.Describe(fmt.Sprintf("%d articles (%.0f/s)", p.Articles, float64(p.Articles)/max(el, 1e-3)))
			bar.Set64(p.Bytes)
			if p.Done {
				bar.Finish()
			}
		}
	}

	// Most of the heap is long-lived signatures; the garbage is batches of
	// text. A lower GC target keeps the peak RSS near the live heap (1M
	// articles: ~0.95 GB instead of ~1.2 GB) at no measurable CPU cost.
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	res, err := dedup.Run(paths, opt)
	warn.flush()
	if pe, ok := errors.AsType[*dedup.ParamsError](err); ok {
		err = fmt.Errorf("%w: saved with %s, this run uses %s", dedup.ErrParams, shingleArgs(pe.Saved), shingleArgs(pe.Run))
	}
	if err != nil {
		if *against != "" && !isMisuse(err) {
			return failure(env, fmt.Errorf("--against %s: %w", *against, err))
		}
		return failure(env, err)
	}
	elapsed := time.Since(start)
	if warn.strictFailure(out.strict) {
		return ExitFailure
	}
	if res.Articles == 0 {
		errorf(env, "no readable article in the input")
		return ExitFailure
	}
	if res.Renamed > 0 {
		errorf(env, "note: %d article(s) renamed for sharing an id with another (ID-2, ID-3, ...)", res.Renamed)
	}

	summary := res.Summary()
	summary.Version, summary.Inputs, summary.Against = Version, paths, *against
	if err := files.write(&outs, res, out.format, summary); err != nil {
		return failure(env, err)
	}
	mb := float64(res.Bytes) / 1e6
	sec := max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(env.Stderr, "storydiff: dedup: %d articles, %.1f MB in %.2fs (%.0f articles/s, %.1f MB/s), %d groups\n",
		res.Articles, mb, elapsed.Seconds(), float64(res.Articles)/sec, mb/sec, len(res.Groups))
	return ExitOK
}

// dedupOutputs are the outputs of dedup: the saved batch and the kept ids
// (nil when not asked for), the groups and the summary.
type dedupOutputs struct {
	save, groups, kept, summary *atomicfile.File
}

// addDedupOutputs adds dedup's outputs to outs, named by --save, --groups,
// --kept and -o: groups default to standard output, and the summary to
// standard output when the groups go to a file, standard error otherwise.
func addDedupOutputs(outs *atomicfile.Set, save, groups, kept, summary string, env *Env) (*dedupOutputs, error) {
	d := &dedupOutputs{}
	var err error
	add := func(f **atomicfile.File, name string) {
		if err == nil && name != "" {
			*f, err = addOutput(outs, name, env)
		}
	}
	add(&d.save, save)
	if d.groups, err = addOutput(outs, groups, env); err != nil {
		return nil, err
	}
	add(&d.kept, kept)
	add(&d.summary, summary)
	switch {
	case err != nil:
		return nil, err
	case d.summary != nil:
	case groups != "":
		d.summary = outs.AddWriter("standard output", env.Stdout)
	default:
		d.summary = outs.AddWriter("standard error", env.Stderr)
	}
	return d, nil
}

// write writes res to the outputs and commits the set.
func (d *dedupOutputs) write(outs *atomicfile.Set, res *dedup.Result, f format, summary *result.DedupSummary) error {
	var err error
	if d.save != nil {
		err = outs.Write(d.save, func(w io.Writer) error {
			_, err := res.Batch.WriteTo(w)
			return err
		})
	}
	if err == nil {
		err = outs.Write(d.groups, func(w io.Writer) error { return report.DedupGroups(w, res.NamedGroups()) })
	}
	if err == nil && d.kept != nil {
		err = outs.Write(d.kept, func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 256<<10)
			for _, i := range res.Kept() {
				bw.WriteString(res.ID(i))
				bw.WriteByte('\n')
			}
			return bw.Flush()
		})
	}
	if err == nil {
		err = outs.Write(d.summary, func(w io.Writer) error {
			return dedupRenderers.write(f, w, summary)
		})
	}
	if err != nil {
		return err
	}
	return outs.Commit()
}

// newDedupBar returns a byte-progress bar on stderr, sized to the terminal
// (80 columns when the size is unknown or reported as 0), with a total when
// every input is a regular file.
func newDedupBar(paths []string, env *Env) *progressbar.ProgressBar {
	total := int64(0)
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == "-" || err != nil || !fi.Mode().IsRegular() {
			total = -1
			break
		}
		total += fi.Size()
	}
	cols := 0
	if f, ok := env.Stderr.(*os.File); ok {
		cols, _, _ = term.GetSize(int(f.Fd()))
	}
	if cols <= 0 {
		cols = 80
	}
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(env.Stderr),
		progressbar.OptionSetWidth(max(10, cols-60)), // the rest of the line: ~55 columns of counts and rates
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionSetRenderBlankState(true),
	)
}
