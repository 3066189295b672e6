package cli

import (
	"errors"
	"os"

	"github.com/storydiff/storydiff/internal/atomicfile"
)

// A command adds all its outputs to one atomicfile.Set before reading any
// input, passes the set's CheckInput to the loader (and to checkInputPath
// for inputs named by flags), writes, then commits:
//
//	var outs atomicfile.Set
//	defer outs.Cleanup()
//	o, err := addOutput(&outs, name, env) // resolves name; refuses a directory
//	... load with Open: outs.CheckInput ... // refuses an input that is an output
//	outs.Write(o, render)                   // files now, in-place outputs at Commit
//	err = outs.Commit()                     // all renamed into place, or none
//
// compare, cluster, diff and eval do so through reportRun; dedup and
// generate, which write several outputs, directly.

// addOutput adds the output named name to outs: standard output for "" or "-".
func addOutput(outs *atomicfile.Set, name string, env *Env) (*atomicfile.File, error) {
	if name == "" || name == "-" {
		return outs.AddWriter("standard output", env.Stdout), nil
	}
	return outs.Add(name)
}

// checkInputPath is outs.CheckInput for an input named by a flag (--gold,
// --against); a file that cannot be examined is left to its reader.
func checkInputPath(outs *atomicfile.Set, name string) error {
	info, err := os.Stat(name)
	if err != nil {
		return nil
	}
	return outs.CheckInput(name, info)
}

// isMisuse reports whether err is the user's mistake rather than a failed
// run: an output that is also an input, or named twice.
func isMisuse(err error) bool {
	_, ok := errors.AsType[*atomicfile.SameFileError](err)
	_, in := errors.AsType[*inIndexError](err)
	return ok || in
}
