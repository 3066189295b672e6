package cli

import (
	"github.com/storydiff/storydiff/compare"
)

const diffHelp = `Compares the facts of two or more articles as one cluster, whatever their
similarity (an editor who knows the reports belong together is not overruled
by the clustering): the conflicts to check (quotes attributed to different
speakers, incompatible figures and dates, names spelled differently), the
fact matrix, what only one source reports, and the passages several share
near-verbatim. Each PATH is a file, a JSON Lines file or a directory; all
the articles they hold are compared together. Pairs the clustering puts in
different events are marked "unrelated".`

func runDiff(args []string, env *Env) int {
	c := newClusterCommand("diff", "A B [C ...]", diffHelp, resultRenderers, env, nil)
	if code, stop := c.parse(args, env); stop {
		return code
	}
	if c.fs.NArg() == 0 {
		return usageError(env, "diff: want two or more articles A B [C ...], got none")
	}
	defer c.outs.Cleanup()
	if code := c.load(c.fs.Args(), c.out, env); code != ExitOK {
		return code
	}
	switch {
	case len(c.arts) < 2 && c.fs.NArg() >= 2:
		// A PATH was skipped (the warning says why): a failed run, not misuse.
		errorf(env, "diff: only %d article could be read from %d paths", len(c.arts), c.fs.NArg())
		return ExitFailure
	case len(c.arts) < 2:
		return usageError(env, "diff: want two or more articles, the input holds %d", len(c.arts))
	}
	c.opt.Facts = true
	res, err := compare.Diff(c.arts, c.opt)
	if err != nil {
		return failure(env, err)
	}
	res.Version = Version
	res.Command = "diff"
	res.Inputs = c.fs.Args()
	return c.writeResult(env, res)
}
