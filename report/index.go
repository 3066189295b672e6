package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// IndexQueryLine writes one line of `storydiff index query` as JSON:
//
//	{"id":"n1","file":"new.jsonl","line":1,"matches":[{"id":"a7","relation":"near-duplicate",
//	 "similarity":0.812,"containment":0.903,"source":…,"title":…,"date":…,"url":…,"length":4210}]}
//
// matches is [] when the index holds nothing related; scores have three
// decimals; strings are encoded by encoding/json without HTML escaping.
func IndexQueryLine(w io.Writer, l *result.IndexQueryLine) error {
	if l == nil {
		return errNilResult
	}
	type match struct {
		ID          string      `json:"id"`
		Relation    string      `json:"relation"`
		Similarity  json.Number `json:"similarity"`
		Containment json.Number `json:"containment"`
		Source      string      `json:"source,omitempty"`
		Title       string      `json:"title,omitempty"`
		Date        string      `json:"date,omitempty"`
		URL         string      `json:"url,omitempty"`
		Length      int         `json:"length"`
	}
	out := struct {
		ID      string  `json:"id"`
		File    string  `json:"file"`
		Line    int     `json:"line,omitempty"`
		Matches []match `json:"matches"`
	}{ID: l.ID, File: l.File, Line: l.Line, Matches: []match{}}
	for _, m := range l.Matches {
		out.Matches = append(out.Matches, match{ID: m.ID, Relation: m.Relation,
			Similarity: json.Number(score(m.Similarity)), Containment: json.Number(score(m.Containment)),
			Source: m.Source, Title: m.Title, Date: m.Date, URL: m.URL, Length: m.Length})
	}
	return encodeLine(w, out)
}

// IndexArticle writes one article of `storydiff index export` as a JSON
// line {"id","source","title","date","url","length"} (empty strings left
// out).
func IndexArticle(w io.Writer, a *result.IndexArticle) error {
	if a == nil {
		return errNilResult
	}
	return encodeLine(w, a)
}

// encodeLine writes v as one line of JSON, without HTML escaping.
func encodeLine(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func indexParams(p result.IndexParams) string {
	s := fmt.Sprintf("%s %d-shingles · %d permutations · seed %d · %d bands × %d rows · threshold %.2f",
		p.ShingleKind, p.ShingleSize, p.Permutations, p.Seed, p.Bands, p.Rows, p.Threshold)
	if p.Containment > 0 {
		s += fmt.Sprintf(" · containment %.2f", p.Containment)
	}
	return s
}

// IndexQueryMarkdown writes the summary of `storydiff index query` as
// Markdown; IndexQueryTable as a terminal table.
func IndexQueryMarkdown(w io.Writer, s *result.IndexQuerySummary) error {
	return writeIndexQuery(w, s, true)
}

// IndexQueryTable writes the summary of [IndexQueryMarkdown] as a terminal
// table.
func IndexQueryTable(w io.Writer, s *result.IndexQuerySummary) error {
	return writeIndexQuery(w, s, false)
}

func writeIndexQuery(w io.Writer, s *result.IndexQuerySummary, md bool) error {
	if s == nil {
		return errNilResult
	}
	rows := [][]string{
		{"Articles in the index", strconv.Itoa(s.Indexed)},
		{"New articles read", strconv.Itoa(s.Articles)},
		{"Bytes read", groupDigits(s.Bytes)},
		{"Skipped inputs (warnings)", strconv.Itoa(s.Skipped)},
		{"With a near-duplicate in the index", strconv.Itoa(s.WithNearDup)},
		{"With an excerpt relation only", strconv.Itoa(s.WithContainment)},
		{"Related indexed articles (all)", strconv.Itoa(s.Matches)},
	}
	return writeIndexTable(w, md, "Index query", s.Version, "index query", s.Index, s.Params, s.Inputs, rows)
}

// IndexStatsMarkdown writes the figures of `storydiff index stats` as
// Markdown; IndexStatsTable as a terminal table.
func IndexStatsMarkdown(w io.Writer, s *result.IndexStats) error { return writeIndexStats(w, s, true) }

// IndexStatsTable writes the figures of [IndexStatsMarkdown] as a terminal
// table.
func IndexStatsTable(w io.Writer, s *result.IndexStats) error { return writeIndexStats(w, s, false) }

func writeIndexStats(w io.Writer, s *result.IndexStats, md bool) error {
	if s == nil {
		return errNilResult
	}
	rows := [][]string{
		{"Articles", strconv.Itoa(s.Articles)},
		{"Band keys", strconv.Itoa(s.Postings)},
		{"Size on disk (bytes)", groupDigits(s.DiskBytes)},
		{"Articles that make a slot value common", strconv.Itoa(s.CommonAt)},
		{"Common slot values", strconv.Itoa(s.CommonSlots)},
		{"Articles counted in the stored counts", strconv.Itoa(s.CountedUntil)},
	}
	return writeIndexTable(w, md, "Index", s.Version, "index stats", s.Index, s.Params, nil, rows)
}

func writeIndexTable(w io.Writer, md bool, title, version, cmd, index string, p result.IndexParams, inputs []string, rows [][]string) error {
	ew := &errWriter{w: w}
	if md {
		code := func(in string) string { return "`" + strings.ReplaceAll(sanitize(in), "`", "'") + "`" }
		ew.printf("# %s %s\n\nstorydiff %s %s · %s\n", title, code(index), version, cmd, indexParams(p))
		if len(inputs) > 0 {
			ew.printf("\nInputs: %s\n", inputList(inputs, code))
		}
		if ew.err != nil {
			return ew.err
		}
		return writeMarkdownTableAligned(ew, measureHeader, measureAlign, rows)
	}
	ew.printf("%s %s — storydiff %s %s\n%s\n", title, plainCell(index), plainCell(version), cmd, indexParams(p))
	if len(inputs) > 0 {
		ew.printf("Inputs: %s\n", inputList(inputs, plainCell))
	}
	if ew.err != nil {
		return ew.err
	}
	return writeTextTableAligned(ew, measureHeader, measureAlign, rows)
}
