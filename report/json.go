package report

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/storydiff/storydiff/result"
)

// JSON writes res as indented JSON with a trailing newline. The schema is
// that of [result.Result] and its json tags: the top-level keys are
// version, command, inputs, params, documents and clusters. Empty lists are
// written as [] rather than null; res itself is not modified. '<', '>' and
// '&' in strings are written as \u003c, \u003e and \u0026, so the output
// is safe to embed in HTML. A NaN or infinite score is an error.
func JSON(w io.Writer, res *result.Result) error {
	if res == nil {
		return errNilResult
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(true)
	if err := enc.Encode(jsonView(res)); err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	return nil
}

// jsonView returns a shallow copy of res whose nil slices are empty ones.
// The fact comparisons are shared with res, not copied: their encoding is
// the facts package's business.
func jsonView(res *result.Result) *result.Result {
	out := *res
	out.Inputs = nonNil(res.Inputs)
	out.Documents = nonNil(res.Documents)
	out.Clusters = make([]result.Cluster, len(res.Clusters))
	for i, c := range res.Clusters {
		c.Documents = nonNil(c.Documents)
		c.Pairs = nonNil(c.Pairs)
		out.Clusters[i] = c
	}
	return &out
}

func nonNil[S ~[]E, E any](s S) S {
	if s == nil {
		return S{}
	}
	return s
}
