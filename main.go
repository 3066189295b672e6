// Storydiff finds news articles that report the same event and shows, source
// by source, which facts and figures each includes, omits, or states
// differently.
//
// Usage:
//
//	storydiff compare [flags] PATH...   cluster and compare facts (the main job)
//	storydiff cluster [flags] PATH...   clusters only
//	storydiff diff [flags] A B          compare two articles directly
//	storydiff eval --gold GOLD PATH...  score clustering against gold labels
//	storydiff dedup [flags] PATH...     near-duplicate groups of a large corpus
//	storydiff generate [flags]          synthetic corpus with known duplicates
//
// Run 'storydiff COMMAND --help' for each command's flags. Exit status is 0
// on success, 1 when the run failed, and 2 on misuse.
package main

import (
	"os"

	"golang.org/x/term"

	"github.com/storydiff/storydiff/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], &cli.Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
	}))
}
