package cli

import (
	"io"
	"os"

	"github.com/storydiff/storydiff/compare"
	"github.com/storydiff/storydiff/report"
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
	fs := newFlagSet("eval", "--gold GOLD.tsv PATH...", evalHelp, env)
	opt := compare.DefaultOptions()
	gold := fs.String("gold", "", "gold clustering `file` (file<TAB>cluster)")
	top := fs.Int("top", 10, "show the `n` worst merges and splits")
	out := addOutputFlags(fs, formatMarkdown, formatTable, formatJSON)
	out.addMaxBytes(fs, articleMaxBytes)
	addClusterFlags(fs, &opt)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	if !out.check(env) || !checkCluster(env, &opt) {
		return ExitUsage
	}
	if *gold == "" {
		return usageError(env, "eval: --gold is required")
	}
	if *top < 0 {
		return usageError(env, "eval: --top must be at least 0")
	}
	if fs.NArg() == 0 {
		return usageError(env, "eval: no PATH given (use - for standard input)")
	}
	var run reportRun
	defer run.outs.Cleanup()
	if code := run.load(fs.Args(), out, env, *gold); code != ExitOK {
		return code
	}
	f, err := os.Open(*gold)
	if err != nil {
		return failure(env, err)
	}
	g, err := compare.ReadGold(f, *gold)
	f.Close()
	if err != nil {
		return failure(env, err)
	}
	res, err := compare.Run(run.arts, opt)
	if err != nil {
		return failure(env, err)
	}
	er := &result.EvalReport{
		Version: Version,
		Gold:    *gold,
		Inputs:  fs.Args(),
		Params:  res.Params,
		Eval:    compare.Evaluate(res, g, *top),
	}
	return run.write(env, func(w io.Writer) error {
		switch out.format {
		case formatJSON:
			return report.EvalJSON(w, er)
		case formatTable:
			return report.EvalTable(w, er)
		default:
			return report.EvalMarkdown(w, er)
		}
	})
}
