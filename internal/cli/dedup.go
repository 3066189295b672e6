package cli

import (
	"bufio"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/storydiff/storydiff/internal/atomicfile"
	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/internal/input"
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
  --contained  with --containment C: pairs one of which is an excerpt of
           the other (the shorter text contained in the longer at C or
           more, similarity below --threshold), as JSON Lines
           {"excerpt":id,"full":id,"containment":c,"similarity":s}.
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

Groups are formed around representatives: the article --keep ranks first
that is in no group yet represents the articles linked to it (estimated
similarity at or above --threshold) that are in no group yet, and so on;
every member is within the threshold of its representative. Linked sets
that became several groups this way (chains) are counted in the summary.
Text common to many articles (a slot value of the signatures held by 100
articles and 0.5% of all: footers, disclaimers) is left out when two
articles are compared, and a group larger than that (100 members, or 0.5%
of the articles) is named in a warning.

To compare new articles with earlier ones without reading those again,
keep them in an index: storydiff index add/query (--save and --against
were removed).

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
	fs.Float64Var(&opt.Containment, "containment", 0, "also find excerpts: pairs whose shorter text the longer holds at `c` or more (with --contained)")
	contained := fs.String("contained", "", "write the excerpt pairs of --containment as JSON Lines to `FILE`")
	save := fs.String("save", "", "removed: use storydiff index add")
	against := fs.String("against", "", "removed: use storydiff index query")
	fs.MarkHidden("save")
	fs.MarkHidden("against")
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
	case !(opt.Containment >= 0 && opt.Containment <= 1):
		return usageError(env, "--containment must be in [0, 1]")
	case (opt.Containment > 0) != (*contained != ""):
		return usageError(env, "--containment and --contained go together")
	case *save != "" || *against != "":
		return usageError(env, "--save and --against were removed: keep signatures in an index with 'storydiff index add DB PATH...' and compare new articles with 'storydiff index query DB PATH...'")
	case fs.NArg() == 0:
		return usageError(env, "dedup: no PATH given (use - for standard input)")
	}
	paths := fs.Args()
	opt.Stdin = env.Stdin

	// The outputs are resolved before any input is read: none may be an
	// input, and they are written as one set.
	var outs atomicfile.Set
	defer outs.Cleanup()
	files, err := addDedupOutputs(&outs, *groups, *kept, *contained, out.output, env)
	if err != nil {
		return failure(env, err)
	}
	opt.Open = outs.CheckInput

	warn := &warner{env: env}
	opt.Warn = warn.warn
	start := time.Now()
	var bar *runBar
	if progress == progressAlways || (progress == progressAuto && env.StderrIsTerminal) {
		bar = newRunBar(paths, env, opt.Workers)
		warn.before = bar.clear
		opt.Progress = bar.dedup
	}

	// Most of the heap is long-lived signatures; the garbage is batches of
	// text. A lower GC target keeps the peak RSS near the live heap (1M
	// articles: ~0.95 GB instead of ~1.2 GB) at no measurable CPU cost.
	defer debug.SetGCPercent(debug.SetGCPercent(50))
	res, err := dedup.Run(paths, opt)
	warn.flush()
	if err != nil {
		bar.clear()
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
	summary.Version, summary.Inputs = Version, paths
	bar.phase("writing", 0, 1)
	err = files.write(&outs, res, out.format, summary)
	bar.finish()
	if err != nil {
		return failure(env, err)
	}
	for gi, g := range res.Groups {
		if len(g.Members) > summary.LargeGroup {
			errorf(env, "warning: group %d (representative %s) has %d members, more than %d: text common to them all (a template, a page with only a footer, one release run everywhere)?",
				gi+1, input.QuotePath(res.ID(g.Representative)), len(g.Members), summary.LargeGroup)
		}
	}
	mb := float64(res.Bytes) / 1e6
	sec := max(elapsed.Seconds(), 1e-9)
	fmt.Fprintf(env.Stderr, "storydiff: dedup: %d articles, %.1f MB in %.2fs (%.0f articles/s, %.1f MB/s), %d groups\n",
		res.Articles, mb, elapsed.Seconds(), float64(res.Articles)/sec, mb/sec, len(res.Groups))
	return ExitOK
}

// dedupOutputs are the outputs of dedup: the kept ids (nil when not asked
// for), the groups and the summary.
type dedupOutputs struct {
	groups, kept, contained, summary *atomicfile.File
}

// addDedupOutputs adds dedup's outputs to outs, named by --groups, --kept
// and -o: groups default to standard output, and the summary to standard
// output when the groups go to a file, standard error otherwise.
func addDedupOutputs(outs *atomicfile.Set, groups, kept, contained, summary string, env *Env) (*dedupOutputs, error) {
	d := &dedupOutputs{}
	var err error
	add := func(f **atomicfile.File, name string) {
		if err == nil && name != "" {
			*f, err = addOutput(outs, name, env)
		}
	}
	if d.groups, err = addOutput(outs, groups, env); err != nil {
		return nil, err
	}
	add(&d.kept, kept)
	add(&d.contained, contained)
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
	err := outs.Write(d.groups, func(w io.Writer) error { return report.DedupGroups(w, res.NamedGroups()) })
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
	if err == nil && d.contained != nil {
		err = outs.Write(d.contained, func(w io.Writer) error { return report.DedupExcerpts(w, res.NamedExcerpts()) })
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
