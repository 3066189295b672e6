// Package cli implements the storydiff command line: subcommand dispatch,
// flags, input loading with warnings, and output through
// [atomicfile.Set].
package cli

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/pflag"

	"github.com/storydiff/storydiff/compare"
	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/internal/atomicfile"
	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/report"
	"github.com/storydiff/storydiff/result"
)

// Version is printed by --version and in every report header.
const Version = "0.1.0"

// Exit codes.
const (
	ExitOK      = 0 // success
	ExitFailure = 1 // the run failed: no readable article, an I/O error, --strict with warnings
	ExitUsage   = 2 // misuse: unknown subcommand, flag or format, missing arguments
)

// Env is the process environment a command runs in; tests substitute it.
type Env struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// StderrIsTerminal reports whether Stderr is an interactive terminal
	// (progress bars are drawn only then).
	StderrIsTerminal bool
	// StdoutWidth is the width in columns of Stdout when it is a
	// terminal, 0 otherwise: terminal tables written there fit in it.
	StdoutWidth int
}

// tableWidth is the width terminal tables written to output (a file, or
// "" or "-" for standard output) fit in: the terminal's, when the report
// goes to one, else report.DefaultWidth.
func (env *Env) tableWidth(output string) int {
	if (output == "" || output == "-") && env.StdoutWidth > 0 {
		return env.StdoutWidth
	}
	return report.DefaultWidth
}

type command struct {
	name, summary string
	run           func(args []string, env *Env) int
}

func commands() []command {
	return []command{
		{"compare", "cluster articles and compare the facts of each cluster (the main job)", runCompare},
		{"cluster", "cluster articles by event; no fact comparison", runCluster},
		{"diff", "compare the facts of two articles directly", runDiff},
		{"eval", "score clustering against a gold file (file<TAB>cluster)", runEval},
		{"dedup", "stream a large corpus through MinHash/LSH and list near-duplicate groups", runDedup},
		{"index", "keep a persistent near-duplicate index: add, query, stats, export", runIndex},
		{"generate", "write a reproducible synthetic news corpus with known near-duplicates", runGenerate},
	}
}

// Run is main without the process: it returns the exit code.
func Run(args []string, env *Env) int {
	usage := func(w io.Writer) {
		fmt.Fprintln(w, "usage: storydiff COMMAND [flags] PATH...")
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Commands:")
		for _, c := range commands() {
			fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Run 'storydiff COMMAND --help' for the flags of a command.")
		fmt.Fprintln(w, "Exit status: 0 ok, 1 failed run, 2 misuse.")
	}
	if len(args) == 0 {
		usage(env.Stderr)
		return ExitUsage
	}
	switch args[0] {
	case "help":
		if len(args) > 1 { // storydiff help COMMAND
			return Run([]string{args[1], "--help"}, env)
		}
		usage(env.Stdout)
		return ExitOK
	case "-h", "--help":
		usage(env.Stdout)
		return ExitOK
	case "--version", "-v", "version":
		fmt.Fprintf(env.Stdout, "storydiff %s\n", Version)
		return ExitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], env)
		}
	}
	if strings.HasPrefix(args[0], "-") {
		errorf(env, "unknown flag %q (flags follow the command: storydiff COMMAND [flags] PATH...)", args[0])
	} else {
		errorf(env, "unknown command %q", args[0])
	}
	usage(env.Stderr)
	return ExitUsage
}

// newFlagSet returns a flag set for a subcommand whose usage line is
// "storydiff NAME ARGS" followed by the flag defaults and a description.
func newFlagSet(name, args, description string, env *Env) *pflag.FlagSet {
	fs := pflag.NewFlagSet("storydiff "+name, pflag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: storydiff %s [flags] %s\n\n%s\n\nFlags:\n", name, args, description)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns (exit code, true) when the command must
// stop now (help requested or misuse).
func parseFlags(fs *pflag.FlagSet, args []string, env *Env) (int, bool) {
	// --help prints to stdout and succeeds (pflag would print to stderr).
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" {
			fs.SetOutput(env.Stdout)
			fs.Usage()
			return ExitOK, true
		}
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return ExitOK, true
		}
		if ee, ok := errors.AsType[*enumError](err); ok {
			return usageError(env, "%v", ee), true // names the flag and its choices
		}
		errorf(env, "%v", err)
		fmt.Fprintf(env.Stderr, "Run '%s --help' for usage.\n", fs.Name())
		return ExitUsage, true
	}
	return 0, false
}

// errorf prints "storydiff: " and the message on standard error, as one
// line: messages name files, and a file name is untrusted (see [escape]).
func errorf(env *Env, format string, a ...any) {
	fmt.Fprintln(env.Stderr, escape("storydiff: "+fmt.Sprintf(format, a...)))
}

// escape returns s with every character that is not printable (control
// characters such as newline and ESC, bidirectional overrides, invalid
// UTF-8) written as %q writes it, so that no message can forge another line
// or drive the terminal. Names in warnings are quoted whole by
// [input.QuotePath]; this catches the rest (operating-system errors).
func escape(s string) string {
	if input.QuotePath(s) == s {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case strconv.IsPrint(r):
			b.WriteString(s[i : i+n])
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += n
	}
	return b.String()
}

// usageError prints a misuse message and returns ExitUsage.
func usageError(env *Env, format string, a ...any) int {
	errorf(env, format, a...)
	return ExitUsage
}

// failure prints an error and returns ExitFailure, or ExitUsage when the
// error is the user's mistake (an output that is also an input).
func failure(env *Env, err error) int {
	errorf(env, "%v", err)
	if isMisuse(err) {
		return ExitUsage
	}
	return ExitFailure
}

// outputFlags are shared by every command that writes a report.
type outputFlags struct {
	format   format
	output   string
	strict   bool
	maxBytes int
}

// addOutputFlags registers --format (with the formats of r), --output and
// --strict.
func addOutputFlags[T any](fs *pflag.FlagSet, r renderers[T]) *outputFlags {
	o := &outputFlags{}
	formatVar(fs, &o.format, r)
	fs.StringVarP(&o.output, "output", "o", "", "write the report to `FILE` (atomically) instead of standard output")
	fs.BoolVar(&o.strict, "strict", false, "treat any skipped input (bad file, malformed JSONL line) as a failure (exit 1)")
	return o
}

// addMaxBytes registers --max-bytes with default def.
func (o *outputFlags) addMaxBytes(fs *pflag.FlagSet, def int) {
	fs.IntVar(&o.maxBytes, "max-bytes", def, "skip an article (a file, or a JSONL record) longer than `n` bytes, with a warning")
}

// check validates --max-bytes, printing why it is wrong.
func (o *outputFlags) check(env *Env) bool {
	if o.maxBytes < 1 {
		usageError(env, "--max-bytes must be positive")
		return false
	}
	return true
}

// addClusterFlags registers the shingling, MinHash and threshold flags of
// the comparison commands into opt, with its values as defaults.
func addClusterFlags(fs *pflag.FlagSet, opt *compare.Options) {
	shingleKindVar(fs, &opt.Shingle.Kind, "shingle `kind` for near-duplicate detection: %s")
	fs.IntVarP(&opt.Shingle.K, "shingle", "k", opt.Shingle.K, "near-duplicate shingle size (`n` words, or characters with --shingle-kind=char)")
	fs.IntVar(&opt.Shingle.Perms, "perms", opt.Shingle.Perms, "MinHash permutations (`n`); more is more accurate and slower")
	fs.Uint64Var(&opt.Shingle.Seed, "seed", opt.Shingle.Seed, "`seed` for the MinHash permutations (same seed, same signatures)")
	fs.Float64Var(&opt.NearDuplicate, "near-dup", opt.NearDuplicate, "estimated shingle Jaccard `threshold` at or above which two linked articles are near-duplicates (measured: reprints score 0.6-1, independent reports of one event below 0.1)")
	fs.Float64Var(&opt.SameEvent, "same-event", opt.SameEvent, "mean event-term cosine `threshold` for an article to join an established cluster (5+ articles); two small clusters need 3x this (measured on ECB+: B-cubed F1 0.903-0.934 for 0.025-0.045)")
}

// checkCluster checks the flags addClusterFlags registered.
func checkCluster(env *Env, opt *compare.Options) bool {
	switch {
	case !checkShingle(env, opt.Shingle):
		return false
	case !inUnitInterval(opt.NearDuplicate):
		usageError(env, "--near-dup must be in (0, 1]")
		return false
	case !inUnitInterval(opt.SameEvent):
		usageError(env, "--same-event must be in (0, 1]")
		return false
	}
	return true
}

// inUnitInterval reports whether 0 < x <= 1; NaN is not.
func inUnitInterval(x float64) bool { return x > 0 && x <= 1 }

// maxFileWarnings is how many warnings one input file prints; the others
// are counted in one line, so that a binary or garbage file named .jsonl
// cannot flood standard error with a warning per line.
const maxFileWarnings = 5

// warner prints the warnings about skipped inputs, at most maxFileWarnings
// in a row for one file, and counts them all (for --strict). Loaders report
// a file's warnings together, in input order.
type warner struct {
	env    *Env
	before func() // called before printing (clears a progress bar); may be nil
	count  int    // all warnings
	file   string // file of the current run of warnings
	inFile int    // warnings in the current run
}

func (w *warner) warn(err error) {
	w.count++
	file := ""
	if pe, ok := errors.AsType[*input.ParseError](err); ok {
		file = pe.File
	}
	if file != w.file || file == "" {
		w.flush()
		w.file = file
	}
	w.inFile++
	if w.inFile <= maxFileWarnings {
		if w.before != nil {
			w.before()
		}
		errorf(w.env, "warning: %v", err)
	}
}

// flush prints how many warnings of the current file were not shown.
func (w *warner) flush() {
	if n := w.inFile - maxFileWarnings; n > 0 {
		if w.before != nil {
			w.before()
		}
		errorf(w.env, "warning: %s: %d more warnings not shown", input.QuotePath(w.file), n)
	}
	w.inFile = 0
}

// strictFailure prints why the run fails under --strict, if it does.
func (w *warner) strictFailure(strict bool) bool {
	if strict && w.count > 0 {
		errorf(w.env, "%d input(s) skipped and --strict is set", w.count)
		return true
	}
	return false
}

// A reportRun is a run of compare, cluster, diff or eval: the articles it
// loads and the one report it writes (to --output, or standard output), an
// atomicfile.Set of one. Defer r.outs.Cleanup().
type reportRun struct {
	outs   atomicfile.Set
	report *atomicfile.File
	arts   []*corpus.Article
}

// load resolves the report's output, then loads paths, printing a warning
// per skipped input. Neither paths nor flagInputs (files named by flags,
// such as --gold) may be the output (exit 2). It returns the exit status
// when the run must stop (nothing readable, --strict and anything skipped),
// ExitOK to go on.
func (r *reportRun) load(paths []string, out *outputFlags, env *Env, flagInputs ...string) int {
	var err error
	if r.report, err = addOutput(&r.outs, out.output, env); err != nil {
		return failure(env, err)
	}
	for _, in := range flagInputs {
		if err := checkInputPath(&r.outs, in); err != nil {
			return failure(env, err)
		}
	}
	w := &warner{env: env}
	r.arts, err = input.Load(paths, input.Options{
		Stdin:    env.Stdin,
		Warn:     w.warn,
		MaxBytes: out.maxBytes,
		Open:     r.outs.CheckInput,
	})
	w.flush()
	switch {
	case err != nil:
		return failure(env, err)
	case w.strictFailure(out.strict):
		return ExitFailure
	case len(r.arts) == 0:
		errorf(env, "no readable article in the input")
		return ExitFailure
	}
	return ExitOK
}

// write writes the report with fn and commits it.
func (r *reportRun) write(env *Env, fn func(io.Writer) error) int {
	err := r.outs.Write(r.report, fn)
	if err == nil {
		err = r.outs.Commit()
	}
	if err != nil {
		return failure(env, err)
	}
	return ExitOK
}

// A clusterCommand is compare, cluster, diff or eval: the flags they
// share (output, --max-bytes, clustering) and the report run.
type clusterCommand struct {
	fs  *pflag.FlagSet
	opt compare.Options
	out *outputFlags
	reportRun
}

// newClusterCommand returns the flag set of a clustering command, with
// the flags own registers (may be nil) before the shared ones.
func newClusterCommand[T any](name, args, help string, r renderers[T], env *Env, own func(*pflag.FlagSet)) *clusterCommand {
	c := &clusterCommand{fs: newFlagSet(name, args, help, env), opt: compare.DefaultOptions()}
	if own != nil {
		own(c.fs)
	}
	c.out = addOutputFlags(c.fs, r)
	c.out.addMaxBytes(c.fs, articleMaxBytes)
	addClusterFlags(c.fs, &c.opt)
	return c
}

// parse parses and checks the flags; it returns (exit code, true) when the
// command must stop now.
func (c *clusterCommand) parse(args []string, env *Env) (int, bool) {
	if code, stop := parseFlags(c.fs, args, env); stop {
		return code, true
	}
	if !c.out.check(env) || !checkCluster(env, &c.opt) {
		return ExitUsage, true
	}
	return 0, false
}

// writeResult links the documents of res to their files and writes res
// in the format the flags chose, then commits the output.
func (c *clusterCommand) writeResult(env *Env, res *result.Result) int {
	linkDocuments(res, c.arts, c.out.output)
	r := resultRenderersWidth(env.tableWidth(c.out.output))
	return c.write(env, func(w io.Writer) error { return r.write(c.out.format, w, res) })
}

// linkDocuments sets the Link of every document whose line numbers are
// its file's: the file's path relative to the directory the report is
// written to (output; the working directory for standard output), so
// that the report's line references work where the report is.
func linkDocuments(res *result.Result, arts []*corpus.Article, output string) {
	base := "."
	if output != "" && output != "-" {
		base = filepath.Dir(output)
	}
	base, err := filepath.Abs(base)
	if err != nil {
		return
	}
	byID := make(map[string]*corpus.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	for i := range res.Documents {
		d := &res.Documents[i]
		a, ok := byID[d.ID]
		if !ok || !input.FileLines(a) {
			continue
		}
		path, err := filepath.Abs(a.Path)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(base, path); err == nil {
			path = rel
		}
		d.Link = filepath.ToSlash(path)
	}
}
