package corpus

import "io"

// API CONTRACT (skeleton). The corpus helper replaces these stubs.

// Options configures loading.
type Options struct {
	Stdin io.Reader   // read when a path is "-"
	Warn  func(error) // called for every skipped input (file, or file:line for JSONL); never nil-checked by callers
}

// Walk loads every article under paths (files; directories recursively by
// extension; "-" for stdin) and calls fn for each, in a deterministic order
// (paths in the order given, directory entries sorted, JSONL records in file
// order). Bad inputs are reported through opt.Warn and skipped. IDs are NOT
// de-duplicated by Walk (streaming); Load does that. Walk stops and returns
// fn's error if fn fails.
func Walk(paths []string, opt Options, fn func(*Article) error) error { return nil }

// Load is Walk collecting all articles, then making IDs unique predictably
// (independent of the order the paths were given) and sorting by ID.
func Load(paths []string, opt Options) ([]*Article, error) { return nil, nil }
