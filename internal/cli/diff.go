package cli

import (
	"io"

	"github.com/storydiff/storydiff/compare"
)

const diffHelp = `Compares the facts of two or more articles as one cluster, whatever their
similarity (an editor who knows the reports belong together is not overruled
by the clustering): the conflicts to check (quotes attributed to different
speakers, incompatible figures and dates, names spelled differently), the
fact matrix, what only one source reports, and the passages several share
near-verbatim. Each PATH is a file, a JSON Lines file or a directory; all
the articles they hold are compared together. Pairs the clustering would not
link are marked "unrelated".`

func runDiff(args []string, env *Env) int {
	fs := newFlagSet("diff", "A B [C ...]", diffHelp, env)
	opt := compare.DefaultOptions()
	out := addOutputFlags(fs, formatMarkdown, formatTable, formatJSON)
	out.addMaxBytes(fs, articleMaxBytes)
	addClusterFlags(fs, &opt)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	if !out.check(env) || !checkCluster(env, &opt) {
		return ExitUsage
	}
	if fs.NArg() == 0 {
		return usageError(env, "diff: want two or more articles A B [C ...], got none")
	}
	var run reportRun
	defer run.outs.Cleanup()
	if code := run.load(fs.Args(), out, env); code != ExitOK {
		return code
	}
	arts := run.arts
	switch {
	case len(arts) < 2 && fs.NArg() >= 2:
		// A PATH was skipped (the warning says why): a failed run, not misuse.
		errorf(env, "diff: only %d article could be read from %d paths", len(arts), fs.NArg())
		return ExitFailure
	case len(arts) < 2:
		return usageError(env, "diff: want two or more articles, the input holds %d", len(arts))
	}
	opt.Facts = true
	res, err := compare.Diff(arts, opt)
	if err != nil {
		return failure(env, err)
	}
	res.Version = Version
	res.Command = "diff"
	res.Inputs = fs.Args()
	return run.write(env, func(w io.Writer) error { return render(w, out.format, res) })
}
