package report

import (
	"io"

	"github.com/storydiff/storydiff/compare/facts"
)

// API CONTRACT (skeleton). The facts helper replaces these stubs; the
// Markdown and Table renderers call them for each cluster whose Comparison
// is non-nil, after the cluster's member and pair tables.

// factsMarkdown writes the fact-comparison sections of one cluster.
func factsMarkdown(w io.Writer, cmp *facts.Comparison, docIDs []string) error { return nil }

// factsTable writes the same sections as terminal tables.
func factsTable(w io.Writer, cmp *facts.Comparison, docIDs []string) error { return nil }
