package cli

import (
	"io"

	"github.com/storydiff/storydiff/compare"
)

const compareHelp = `Loads the articles, groups those that report the same event (near-duplicate
reprints of one story, and independently written reports of one event), and,
inside every cluster of two or more, compares the facts each source reports.
PATH is a file (.txt, .md, .html, .htm, .jsonl, .ndjson), a directory (read
recursively by extension) or - for standard input.`

const clusterHelp = `Loads the articles and groups those that report the same event, without the
fact comparison. PATH is a file, a directory (read recursively by extension)
or - for standard input.`

func runCompare(args []string, env *Env) int {
	return runClustering("compare", compareHelp, true, args, env)
}

func runCluster(args []string, env *Env) int {
	return runClustering("cluster", clusterHelp, false, args, env)
}

func runClustering(name, help string, facts bool, args []string, env *Env) int {
	fs := newFlagSet(name, "PATH...", help, env)
	opt := compare.DefaultOptions()
	out := addOutputFlags(fs, "markdown, table or json")
	sf := addClusterFlags(fs, &opt)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	if !out.checkFormat(env, "markdown", "table", "json") || !sf.apply(env, &opt) {
		return ExitUsage
	}
	if fs.NArg() == 0 {
		return usageError(env, "%s: no PATH given (use - for standard input)", name)
	}
	arts, ok := loadArticles(fs.Args(), out.strict, env)
	if !ok {
		return ExitFailure
	}
	opt.Facts = facts
	res, err := compare.Run(arts, opt)
	if err != nil {
		return failure(env, err)
	}
	res.Version = Version
	res.Command = name
	res.Inputs = fs.Args()
	if err := writeOutput(out.output, env, func(w io.Writer) error { return render(w, out.format, res) }); err != nil {
		return failure(env, err)
	}
	return ExitOK
}
