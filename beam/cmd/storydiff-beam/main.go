// Storydiff-beam runs `storydiff dedup` as an Apache Beam pipeline, on
// Beam's embedded Prism runner (the default) or on a Flink, Spark or
// Dataflow cluster, for corpora larger than one machine holds.
//
// Usage:
//
//	storydiff-beam --input corpus.jsonl [--input more.jsonl] --output out/ [flags] [Beam flags]
//
// It reads JSON Lines files (local paths, gs:// or s3://; a pattern such
// as gs://bucket/feed-*.jsonl reads the matching files in name order) and
// writes to the --output directory (or prefix) the files groups.jsonl and
// kept.txt, the same as `storydiff dedup --groups groups.jsonl --kept
// kept.txt` writes for the same inputs and flags, and warnings.txt, one
// line for each record or file skipped, in input order.
//
// The dedup flags --threshold, --shingle, --shingle-kind, --perms, --seed,
// --bands, --rows, --keep and --max-bytes mean what they mean to
// storydiff dedup. --rounds sets the large-star/small-star rounds of the
// connected components (what they leave, such as a chain of links longer
// than about 100 articles at the default 6, is finished on one worker).
//
// Beam's own flags choose and reach the runner: --runner=prism (default),
// flink, spark or dataflow; --endpoint for a Flink or Spark job server;
// --environment_type (LOOPBACK, DOCKER, EXTERNAL) and
// --environment_config for the workers; --worker_binary, and Dataflow's
// --project, --region, --staging_location and --temp_location. See the
// README's "Scaling out".
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/storydiff/storydiff/beam/pipeline"
	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// inputs collects the repeated --input flag.
type inputs []string

func (i *inputs) String() string     { return strings.Join(*i, ",") }
func (i *inputs) Set(s string) error { *i = append(*i, s); return nil }

func main() {
	cfg := pipeline.DefaultConfig()
	var in inputs
	flag.Var(&in, "input", "JSON Lines `file` or pattern to read (local, gs://, s3://); repeat for more, read in the order given")
	flag.StringVar(&cfg.Output, "output", "", "`directory` (or prefix) for groups.jsonl, kept.txt and warnings.txt")
	flag.Float64Var(&cfg.Threshold, "threshold", cfg.Threshold, "estimated Jaccard `similarity` at or above which two articles are near-duplicates")
	kind := flag.String("shingle-kind", cfg.Shingle.Kind.String(), "shingle `kind`: word or char")
	flag.IntVar(&cfg.Shingle.K, "shingle", cfg.Shingle.K, "shingle size (`n` words, or characters with --shingle-kind=char)")
	flag.IntVar(&cfg.Shingle.Perms, "perms", cfg.Shingle.Perms, "MinHash permutations (`n`)")
	flag.Uint64Var(&cfg.Shingle.Seed, "seed", cfg.Shingle.Seed, "`seed` for the MinHash permutations")
	flag.IntVar(&cfg.Bands, "bands", 0, "LSH `bands` (default: chosen from --threshold and --perms)")
	flag.IntVar(&cfg.Rows, "rows", 0, "LSH `rows` per band (with --bands)")
	keep := flag.String("keep", cfg.Keep.String(), "which member of a group to keep (`rule`): first or longest")
	flag.IntVar(&cfg.MaxBytes, "max-bytes", cfg.MaxBytes, "skip records longer than `n` bytes with a warning")
	flag.IntVar(&cfg.Rounds, "rounds", cfg.Rounds, "large-star/small-star `rounds` of the connected components")
	flag.Parse()
	beam.Init() // a worker re-enters main with --worker: it must not get further

	fail := func(code int, format string, args ...any) {
		fmt.Fprintf(os.Stderr, "storydiff-beam: "+format+"\n", args...)
		os.Exit(code)
	}
	switch *kind {
	case "word":
		cfg.Shingle.Kind = shingle.Word
	case "char", "character":
		cfg.Shingle.Kind = shingle.Char
	default:
		fail(2, "unknown --shingle-kind %q (want word or char)", *kind)
	}
	switch *keep {
	case "first":
		cfg.Keep = dedup.KeepFirst
	case "longest":
		cfg.Keep = dedup.KeepLongest
	default:
		fail(2, "unknown --keep %q (want first or longest)", *keep)
	}
	if len(in) == 0 || cfg.Output == "" || flag.NArg() > 0 {
		fail(2, "usage: storydiff-beam --input FILE... --output DIR [flags]")
	}
	ctx := context.Background()
	var err error
	if cfg.Inputs, err = expand(ctx, in); err != nil {
		fail(1, "%v", err)
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(s, cfg); err != nil {
		fail(2, "%v", err)
	}
	if err := beamx.Run(ctx, p); err != nil {
		fail(1, "%v", err)
	}
}

// expand replaces each pattern with the files it matches, in name order.
func expand(ctx context.Context, patterns []string) ([]string, error) {
	var files []string
	for _, p := range patterns {
		if !strings.ContainsAny(p, "*?[") {
			files = append(files, p)
			continue
		}
		fs, err := filesystem.New(ctx, p)
		if err != nil {
			return nil, err
		}
		names, err := fs.List(ctx, p)
		fs.Close()
		if err != nil {
			return nil, fmt.Errorf("listing %s: %w", p, err)
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("%s: no file matches", p)
		}
		slices.Sort(names)
		files = append(files, names...)
	}
	return files, nil
}
