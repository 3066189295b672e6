// Package report renders comparison results as Markdown (GitHub tables),
// terminal tables, and JSON. It is the only package that imports tablewriter.
package report

import (
	"io"

	"github.com/storydiff/storydiff/compare"
)

// API CONTRACT (skeleton). The report helper replaces these stubs.

// Markdown writes res as a GitHub-flavoured Markdown report.
func Markdown(w io.Writer, res *compare.Result) error { return nil }

// Table writes res as plain terminal tables.
func Table(w io.Writer, res *compare.Result) error { return nil }

// JSON writes res as indented JSON with a trailing newline.
func JSON(w io.Writer, res *compare.Result) error { return nil }
