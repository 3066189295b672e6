package cli

import (
	"io"

	"github.com/storydiff/storydiff/compare"
	"github.com/storydiff/storydiff/compare/facts"
	"github.com/storydiff/storydiff/internal/corpus"
	"github.com/storydiff/storydiff/shingle"
)

const diffHelp = `Compares the facts of exactly two articles, whatever their similarity: the
conflicts to check (quotes attributed to different speakers, incompatible
figures and dates, names spelled differently), the fact matrix, what only one
source reports, and the passages both share near-verbatim. A and B are files,
or one PATH holding exactly two articles (a JSON Lines file or a directory).`

func runDiff(args []string, env *Env) int {
	fs := newFlagSet("diff", "A B", diffHelp, env)
	opt := compare.DefaultOptions()
	out := addOutputFlags(fs, "markdown, table or json")
	out.addMaxBytes(fs, articleMaxBytes)
	sf := addClusterFlags(fs, &opt)
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	if !out.check(env, "markdown", "table", "json") || !sf.apply(env, &opt) {
		return ExitUsage
	}
	if fs.NArg() == 0 || fs.NArg() > 2 {
		return usageError(env, "diff: want two articles A B, got %d path(s)", fs.NArg())
	}
	var run reportRun
	defer run.outs.Cleanup()
	if code := run.load(fs.Args(), out, env); code != ExitOK {
		return code
	}
	arts := run.arts
	switch {
	case len(arts) < 2 && fs.NArg() == 2:
		// A or B was skipped (the warning says why): a failed run, not misuse.
		errorf(env, "diff: only %d of the two articles could be read", len(arts))
		return ExitFailure
	case len(arts) != 2:
		return usageError(env, "diff: want exactly two articles, the input holds %d", len(arts))
	}
	opt.Facts = true
	res := diffResult(arts[0], arts[1], opt)
	res.Version = Version
	res.Command = "diff"
	res.Inputs = fs.Args()
	return run.write(env, func(w io.Writer) error { return render(w, out.format, res) })
}

// diffResult builds the result of comparing two articles: one cluster of
// both, its scored pair as compare.PairSimilarity returns it (the relation
// is "" when the articles are below both thresholds), and the fact
// comparison.
func diffResult(a, b *corpus.Article, opt compare.Options) *compare.Result {
	if b.ID < a.ID {
		a, b = b, a
	}
	p := compare.PairSimilarity(a, b, opt)
	if p.A == "" && p.B == "" {
		p.A, p.B = a.ID, b.ID
	}
	if p.Relation == "" {
		// diff compares any two articles; say plainly when the clustering
		// would not have linked them.
		p.Relation = compare.Unrelated
	}
	kind := "word"
	if opt.Shingle.Kind == shingle.Char {
		kind = "char"
	}
	return &compare.Result{
		Params: compare.Params{ShingleKind: kind, ShingleSize: opt.Shingle.K, Permutations: opt.Shingle.Perms,
			Seed: opt.Shingle.Seed, NearDuplicate: opt.NearDuplicate, SameEvent: opt.SameEvent},
		Documents: []compare.Document{document(a), document(b)},
		Clusters: []compare.Cluster{{
			ID:         "c1",
			Documents:  []string{a.ID, b.ID},
			Pairs:      []compare.Pair{p},
			Comparison: facts.Compare([]*corpus.Article{a, b}),
		}},
	}
}

func document(a *corpus.Article) compare.Document {
	return compare.Document{ID: a.ID, Path: a.Path, Source: a.Source, Title: a.Title, Date: a.Date, Words: a.Words()}
}
