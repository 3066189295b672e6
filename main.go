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
//	storydiff index add|query DB PATH...  a persistent near-duplicate index (also stats, export)
//	storydiff generate [flags]          synthetic corpus with known duplicates
//
// Run 'storydiff COMMAND --help' (or 'storydiff help COMMAND') for each
// command's flags. Exit status is 0 on success, 1 when the run failed, and 2
// on misuse. Outputs are written as a set, replacing regular files only when
// every output is complete; SIGINT, SIGTERM or SIGHUP removes the
// temporary files and exits with status 128+signal (130 for SIGINT).
package main

import (
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/storydiff/storydiff/internal/atomicfile"
	"github.com/storydiff/storydiff/internal/cli"
)

func main() {
	atomicfile.CleanUpOnSignal(func(sig os.Signal) {
		fmt.Fprintf(os.Stderr, "storydiff: %v: stopped, temporary files removed\n", sig)
	})
	os.Exit(cli.Run(os.Args[1:], &cli.Env{
		Stdin:            os.Stdin,
		Stdout:           os.Stdout,
		Stderr:           os.Stderr,
		StderrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())),
		StdoutWidth:      terminalWidth(os.Stdout),
	}))
}

// terminalWidth is the width of the terminal f is, or 0.
func terminalWidth(f *os.File) int {
	if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
		return w
	}
	return 0
}
