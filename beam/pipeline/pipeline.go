// Package pipeline is `storydiff dedup` as an Apache Beam pipeline: the
// same groups and kept ids, computed by the steps of package dedup
// (internal/dedup) composed as DoFns, so that a run can spread over the
// workers of Flink, Spark or Dataflow, or run on Beam's embedded Prism
// runner.
//
// The stages, each a shuffle:
//
//  1. read: each input file is read line by line ([dedup.ReadLines]), as
//     dedup streams it; an article is numbered by its file and line (its
//     ordinal, in input order); records are reshuffled to be signed
//     ([dedup.Sign]) on every worker.
//  2. ids: articles sharing an id are renamed ID-2, ID-3 … as dedup does
//     ([input.IDs]), grouped by id.
//  3. common text: the slot values of all signatures are counted
//     ([shingle.SlotCounts], one table per bundle, merged), and every
//     article gets the mask of its common slots.
//  4. buckets: each article is keyed by every band (band number and the
//     32-bit bucket of [shingle.BandKey], as [shingle.SortBand] keys it),
//     the buckets are grouped and their pairs are those dedup examines
//     ([dedup.CommonBucket], [dedup.BucketPairs]).
//  5. verify: the pairs are joined with the signatures of both articles,
//     a pair is verified only in the first band the two share
//     ([dedup.FirstBand]), so each is verified once without a global
//     distinct, and linked at the threshold ([dedup.Verify]).
//  6. components: the links go through rounds of large-star and small-star
//     (Kiveris et al., "Connected Components in MapReduce and Beyond", in
//     2014), which leave each connected component a star around its least
//     article; what rounds leave unresolved is finished by a union-find of
//     the labels still linked (none when the rounds converged).
//  7. groups: the links of each component are grouped on one worker by the
//     grouping of dedup ([dedup.Groups]): a group depends only on its
//     component, so this is dedup's grouping exactly. A component is
//     small in practice (the copies of one story, or at worst of one
//     template: thousands of articles); it is held in memory, about 40
//     bytes a link.
//  8. write: the groups (numbered by first member), the kept ids (input
//     order) and the warnings are written by one worker each, as Beam's
//     textio writes one file.
package pipeline

import (
	"fmt"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// DefaultRounds is the default number of large-star/small-star rounds.
// Near-duplicate links form stars and small cliques, which converge in a
// round or two; a chain of links in random order of 64 articles takes 5
// rounds, of 1,024 8 and of 16,384 11 (measured with the rounds of
// components_test.go). What the rounds leave is finished on one worker.
const DefaultRounds = 6

// Config is what a run computes: dedup's options and the inputs and
// outputs.
type Config struct {
	Inputs []string // JSON Lines files (local, gs://, s3://), in input order
	Output string   // directory (or prefix) the outputs go to

	Shingle   shingle.Options
	Threshold float64
	Bands     int // 0: chosen from Threshold as dedup does (dedup.Banding)
	Rows      int
	Keep      dedup.Keep
	MaxBytes  int // longer records are skipped with a warning
	Rounds    int // large-star/small-star rounds (0: DefaultRounds)
}

// DefaultConfig returns the defaults of `storydiff dedup`.
func DefaultConfig() Config {
	o := dedup.DefaultOptions()
	return Config{Shingle: o.Shingle, Threshold: o.Threshold, Keep: o.Keep, MaxBytes: o.MaxBytes, Rounds: DefaultRounds}
}

// Output names: the files written under Config.Output.
const (
	GroupsFile   = "groups.jsonl"
	KeptFile     = "kept.txt"
	WarningsFile = "warnings.txt"
)

// check validates c and fills in the bands and rows as dedup does.
func (c *Config) check() error {
	c.Shingle = c.Shingle.WithDefaults()
	if c.Rounds == 0 {
		c.Rounds = DefaultRounds
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = dedup.DefaultMaxBytes
	}
	if err := c.Shingle.Check(); err != nil {
		return err
	}
	switch {
	case len(c.Inputs) == 0:
		return fmt.Errorf("no input")
	case c.Output == "":
		return fmt.Errorf("no output")
	case !(c.Threshold > 0 && c.Threshold <= 1):
		return fmt.Errorf("threshold must be in (0, 1]")
	case c.Bands < 0 || c.Rows < 0 || (c.Bands > 0) != (c.Rows > 0):
		return fmt.Errorf("bands and rows go together and must be positive")
	case c.Bands*c.Rows > c.Shingle.Perms:
		return fmt.Errorf("bands × rows (%d) exceeds perms (%d)", c.Bands*c.Rows, c.Shingle.Perms)
	case c.Rounds < 0:
		return fmt.Errorf("rounds must not be negative")
	case len(c.Inputs) >= 1<<fileBits:
		return fmt.Errorf("more than %d input files", 1<<fileBits-1)
	}
	if c.Bands == 0 {
		c.Bands, c.Rows = dedup.Banding(c.Threshold, 0, c.Shingle.Perms)
	}
	return nil
}

// path returns the path of output file name.
func (c *Config) path(name string) string {
	if strings.HasSuffix(c.Output, "/") {
		return c.Output + name
	}
	return c.Output + "/" + name
}

// Build adds the dedup of cfg.Inputs to the pipeline of s. It fails only
// on an invalid configuration.
func Build(s beam.Scope, cfg Config) error {
	if err := cfg.check(); err != nil {
		return err
	}
	arts, warns := read(s.Scope("read"), &cfg)
	ids := uniqueIDs(s.Scope("ids"), &cfg, arts)
	sketches, buckets := common(s.Scope("common"), &cfg, arts)
	links := verify(s.Scope("verify"), &cfg, sketches, buckets)
	labels := components(s.Scope("components"), cfg.Rounds, links)
	groups := group(s.Scope("groups"), &cfg, links, labels)
	write(s.Scope("write"), &cfg, ids, groups, warns)
	return nil
}
