package cli

import (
	"io"
	"os"

	"github.com/spf13/pflag"

	"github.com/storydiff/storydiff/compare"
	"github.com/storydiff/storydiff/result"
)

const evalHelp = `Clusters the articles as 'cluster' does (same flags and defaults) and scores
the result against a gold clustering: a tab-separated file with one
"file<TAB>cluster" per line (a "file<TAB>cluster" header line is allowed,
extra columns are ignored). An article matches a gold line by its file name,
or by its id plus extension, or by its id. Prints B-cubed and pairwise
precision/recall/F1, the adjusted Rand index, and the worst merges and
splits with the articles' titles. Articles not in the gold file are listed
and not scored.`

func runEval(args []string, env *Env) int {
	var gold string
	var top int
	c := newClusterCommand("eval", "--gold GOLD.tsv PATH...", evalHelp, evalRenderers, env, func(fs *pflag.FlagSet) {
		fs.StringVar(&gold, "gold", "", "gold clustering `file` (file<TAB>cluster)")
		fs.IntVar(&top, "top", 10, "show the `n` worst merges and splits")
	})
	if code, stop := c.parse(args, env); stop {
		return code
	}
	switch {
	case gold == "":
		return usageError(env, "eval: --gold is required")
	case top < 0:
		return usageError(env, "eval: --top must be at least 0")
	case c.fs.NArg() == 0:
		return usageError(env, "eval: no PATH given (use - for standard input)")
	}
	defer c.outs.Cleanup()
	if code := c.load(c.fs.Args(), c.out, env, gold); code != ExitOK {
		return code
	}
	f, err := os.Open(gold)
	if err != nil {
		return failure(env, err)
	}
	g, err := compare.ReadGold(f, gold)
	f.Close()
	if err != nil {
		return failure(env, err)
	}
	res, err := compare.Run(c.arts, c.opt)
	if err != nil {
		return failure(env, err)
	}
	er := &result.EvalReport{
		Version: Version,
		Gold:    gold,
		Inputs:  c.fs.Args(),
		Params:  res.Params,
		Eval:    compare.Evaluate(res, g, top),
	}
	return c.write(env, func(w io.Writer) error { return evalRenderers.write(c.out.format, w, er) })
}
