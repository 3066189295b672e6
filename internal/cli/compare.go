package cli

import (
	"github.com/storydiff/storydiff/compare"
)

// articleMaxBytes is the default --max-bytes of the commands that hold the
// articles in memory and extract facts (compare, cluster, diff, eval): 4
// MiB. A news article's text is rarely over 100 KB and a saved HTML page,
// scripts and styles included, seldom over 2 MB, so no real article is
// refused; and one input stays cheap whatever it holds: measured on diff,
// fact extraction takes about 0.4 s and 50 bytes of memory per byte of
// text (8 MB: 3.4 s, 395 MB; 50 MB: 19 s, 2.3 GB), so a 4 MiB article
// costs under 2 s and 200 MB. dedup, which keeps only signatures, allows
// 16 MiB.
const articleMaxBytes = 4 << 20

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
	c := newClusterCommand(name, "PATH...", help, resultRenderers, env, nil)
	if code, stop := c.parse(args, env); stop {
		return code
	}
	if c.fs.NArg() == 0 {
		return usageError(env, "%s: no PATH given (use - for standard input)", name)
	}
	defer c.outs.Cleanup()
	if code := c.load(c.fs.Args(), c.out, env); code != ExitOK {
		return code
	}
	c.opt.Facts = facts
	res, err := compare.Run(c.arts, c.opt)
	if err != nil {
		return failure(env, err)
	}
	res.Version = Version
	res.Command = name
	res.Inputs = c.fs.Args()
	return c.writeResult(env, res)
}
