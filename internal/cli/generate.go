package cli

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"github.com/storydiff/storydiff/internal/atomicfile"
	"github.com/storydiff/storydiff/internal/gen"
)

const generateHelp = `Writes a reproducible synthetic news corpus as JSON Lines
{"id","title","source","date","text"} (about 4 KB per article), in which a
fraction of the articles are edited copies of others (word edits, dropped and
swapped sentences, new headlines, appended boilerplate). With --truth, also
writes the ground truth: one line {"a","b","group","jaccard","edit"} per pair
of articles in a near-duplicate group, with the exact Jaccard similarity of
their word shingle sets (title and text, normalised and without boilerplate
lines, as dedup signs them). --footer-rate appends one shared footer of
--footer-words words to that share of the articles. The same flags and seed
give the same bytes on any machine and with any --workers.

Example: storydiff generate --n 100000 -o corpus.jsonl --truth truth.jsonl`

func runGenerate(args []string, env *Env) int {
	fs := newFlagSet("generate", "", generateHelp, env)
	var opt gen.Options
	fs.IntVarP(&opt.N, "n", "n", 1000, "number of `articles`")
	fs.Uint64Var(&opt.Seed, "seed", 1, "random `seed`")
	fs.Float64Var(&opt.DupRate, "dup-rate", 0.2, "`fraction` of articles that are edited copies of another (0 for none)")
	fs.Float64Var(&opt.MaxEdit, "max-edit", 0.2, "maximum per-word edit `rate` of a copy (rates are uniform in [0, max])")
	fs.IntVar(&opt.MaxCopies, "max-copies", 3, "maximum `copies` of one original")
	fs.IntVar(&opt.Words, "words", 500, "mean body length in `words` (500 is about 4 KB of JSON)")
	fs.IntVarP(&opt.K, "shingle", "k", 5, "word shingle size `k` of the ground-truth Jaccard")
	fs.Float64Var(&opt.FooterRate, "footer-rate", 0, "`fraction` of articles that end with one shared footer (a test of shared text)")
	fs.IntVar(&opt.FooterWords, "footer-words", 300, "length of the shared footer in `words`")
	fs.IntVar(&opt.Workers, "workers", 0, "parallel generators (`n`; default: all cores); output does not depend on it")
	output := fs.StringP("output", "o", "", "write the corpus to `FILE` (atomically) instead of standard output")
	truth := fs.String("truth", "", "write the ground-truth pairs to `FILE` (atomically)")
	if code, stop := parseFlags(fs, args, env); stop {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(env, "generate: unexpected argument %q", fs.Arg(0))
	}
	switch {
	case opt.N < 0:
		return usageError(env, "--n must not be negative")
	case !(opt.DupRate >= 0 && opt.DupRate < 0.9): // NaN too
		return usageError(env, "--dup-rate must be in [0, 0.9)")
	case !(opt.MaxEdit >= 0 && opt.MaxEdit <= 1):
		return usageError(env, "--max-edit must be in [0, 1]")
	case opt.MaxCopies < 1:
		return usageError(env, "--max-copies must be at least 1")
	case opt.Words < 10:
		return usageError(env, "--words must be at least 10")
	case opt.K < 1:
		return usageError(env, "--shingle must be at least 1")
	case !(opt.FooterRate >= 0 && opt.FooterRate <= 1):
		return usageError(env, "--footer-rate must be in [0, 1]")
	case opt.FooterWords < 1:
		return usageError(env, "--footer-words must be at least 1")
	case opt.Workers < 0:
		return usageError(env, "--workers must not be negative (0: all cores)")
	}
	if opt.DupRate == 0 {
		opt.DupRate = -1 // gen: negative means none
	}
	start := time.Now()
	var outs atomicfile.Set
	defer outs.Cleanup()
	st, err := generate(&outs, opt, *output, *truth, env)
	if err == nil {
		err = outs.Commit()
	}
	if err != nil {
		return failure(env, err)
	}
	el := time.Since(start)
	fmt.Fprintf(env.Stderr, "storydiff: generated %d articles (%d edited copies in %d groups, %d truth pairs), %.1f MB in %.1fs (%.0f MB/s)\n",
		st.Articles, st.Copies, st.Groups, st.Pairs, float64(st.Bytes)/1e6, el.Seconds(), float64(st.Bytes)/1e6/max(el.Seconds(), 1e-9))
	return ExitOK
}

// generate writes the corpus to the output named corpus (standard output
// when "") and the truth, when truth is not "", both through outs.
func generate(outs *atomicfile.Set, opt gen.Options, corpus, truth string, env *Env) (gen.Stats, error) {
	cf, err := addOutput(outs, corpus, env)
	if err != nil {
		return gen.Stats{}, err
	}
	var tf *atomicfile.File
	if truth != "" {
		if tf, err = outs.Add(truth); err != nil {
			return gen.Stats{}, err
		}
	}
	cw, err := cf.Open()
	if err != nil {
		return gen.Stats{}, err
	}
	bw := bufio.NewWriterSize(cw, 1<<20)
	var tw io.Writer // nil: no truth
	var btw *bufio.Writer
	if tf != nil {
		w, err := tf.Open()
		if err != nil {
			return gen.Stats{}, err
		}
		btw = bufio.NewWriterSize(w, 1<<20)
		tw = btw
	}
	st, err := gen.Generate(opt, bw, tw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && btw != nil {
		err = btw.Flush()
	}
	return st, err
}
