// Package facts extracts checkable facts (figures, dates, people,
// organisations, places, quotes) from articles and compares them across the
// sources of one event.
package facts

import "github.com/storydiff/storydiff/internal/corpus"

// API CONTRACT (skeleton). The facts helper replaces these stubs and defines
// the fields of Comparison (JSON: "facts", "conflicts", ...).

// Comparison is the cross-source fact comparison of one cluster.
type Comparison struct{}

// Compare extracts the facts of every article and aligns them across
// sources. Articles are in ID order; the result is deterministic.
func Compare(arts []*corpus.Article) *Comparison { return &Comparison{} }
