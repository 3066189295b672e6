package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

func f3(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }

func scoreRows(s result.Scores) [][]string {
	return [][]string{
		{"B-cubed", f3(s.BCubedP), f3(s.BCubedR), f3(s.BCubedF1)},
		{"pairwise", f3(s.PairP), f3(s.PairR), f3(s.PairF1)},
	}
}

// docList renders documents as "id (title); …", at most max shown.
func docList(ds []result.EvalDoc, max int) string {
	parts := make([]string, 0, min(len(ds), max)+1)
	for i, d := range ds {
		if i == max {
			parts = append(parts, fmt.Sprintf("… %d more", len(ds)-max))
			break
		}
		t := truncate(d.Title, 60)
		if t == "" {
			parts = append(parts, d.ID)
		} else {
			parts = append(parts, d.ID+" ("+t+")")
		}
	}
	return strings.Join(parts, "; ")
}

func mergeRows(ms []result.Merge) [][]string {
	var rows [][]string
	for _, m := range ms {
		for i, g := range m.Gold {
			c, w := "", ""
			if i == 0 {
				c, w = m.Cluster, strconv.Itoa(m.WrongPairs)
			}
			rows = append(rows, []string{c, w, g.Cluster, strconv.Itoa(len(g.Documents)), docList(g.Documents, 3)})
		}
	}
	return rows
}

func splitRows(ss []result.Split) [][]string {
	var rows [][]string
	for _, s := range ss {
		for i, p := range s.Predicted {
			g, m := "", ""
			if i == 0 {
				g, m = s.Gold, strconv.Itoa(s.MissedPairs)
			}
			rows = append(rows, []string{g, m, p.Cluster, strconv.Itoa(len(p.Documents)), docList(p.Documents, 3)})
		}
	}
	return rows
}

var (
	scoreHeader = []string{"measure", "precision", "recall", "F1"}
	mergeHeader = []string{"predicted cluster", "wrong pairs", "gold cluster", "docs", "documents"}
	splitHeader = []string{"gold cluster", "missed pairs", "predicted cluster", "docs", "documents"}
)

// EvalMarkdown writes r as GitHub-flavoured Markdown.
func EvalMarkdown(w io.Writer, r *result.EvalReport) error {
	ew := &errWriter{w: w}
	s := r.Eval.Scores
	ew.printf("# storydiff eval\n\n")
	ew.printf("- version: %s\n- gold: %s\n- inputs: %s\n", EscapeMarkdown("storydiff "+r.Version), EscapeMarkdown(r.Gold), EscapeMarkdown(strings.Join(r.Inputs, " ")))
	ew.printf("- parameters: %s\n", EscapeMarkdown(paramLine(r.Params)))
	ew.printf("- documents scored: %d (gold clusters %d, predicted clusters %d); not in gold: %d; gold entries without an article: %d\n",
		s.Documents, s.GoldClusters, s.PredClusters, len(r.Eval.Unmatched), r.Eval.NotFound)
	ew.printf("\n## Scores\n")
	if ew.err != nil {
		return ew.err
	}
	if err := writeMarkdownTableAligned(w, scoreHeader, []string{"", "right", "right", "right"}, scoreRows(s)); err != nil {
		return err
	}
	ew.printf("\nAdjusted Rand index: %s\n", f3(s.ARI))
	if len(r.Eval.Unmatched) > 0 {
		ew.printf("\nNot in the gold file (not scored): %s\n", EscapeMarkdown(strings.Join(r.Eval.Unmatched, ", ")))
	}
	ew.printf("\n## Worst merges\n\nPredicted clusters that mix gold clusters, by pairs joined wrongly.\n")
	if ew.err != nil {
		return ew.err
	}
	if len(r.Eval.Merges) == 0 {
		ew.printf("\nNone.\n")
	} else if err := writeMarkdownTable(w, mergeHeader, mergeRows(r.Eval.Merges)); err != nil {
		return err
	}
	ew.printf("\n## Worst splits\n\nGold clusters spread over predicted clusters, by gold pairs not joined.\n")
	if ew.err != nil {
		return ew.err
	}
	if len(r.Eval.Splits) == 0 {
		ew.printf("\nNone.\n")
	} else if err := writeMarkdownTable(w, splitHeader, splitRows(r.Eval.Splits)); err != nil {
		return err
	}
	return ew.err
}

// EvalTable writes r as terminal tables.
func EvalTable(w io.Writer, r *result.EvalReport) error {
	ew := &errWriter{w: w}
	s := r.Eval.Scores
	ew.printf("storydiff eval %s  gold %s\n%s\n", r.Version, r.Gold, paramLine(r.Params))
	ew.printf("documents scored %d (gold clusters %d, predicted %d); not in gold %d; gold without article %d\n",
		s.Documents, s.GoldClusters, s.PredClusters, len(r.Eval.Unmatched), r.Eval.NotFound)
	if ew.err != nil {
		return ew.err
	}
	if err := writeTextTableAligned(w, scoreHeader, []string{"", "right", "right", "right"}, scoreRows(s)); err != nil {
		return err
	}
	ew.printf("adjusted Rand index %s\n\nWorst merges:\n", f3(s.ARI))
	if len(r.Eval.Merges) > 0 {
		if err := writeTextTable(w, mergeHeader, mergeRows(r.Eval.Merges)); err != nil {
			return err
		}
	}
	ew.printf("\nWorst splits:\n")
	if len(r.Eval.Splits) > 0 {
		if err := writeTextTable(w, splitHeader, splitRows(r.Eval.Splits)); err != nil {
			return err
		}
	}
	return ew.err
}

// EvalJSON writes r as indented JSON with a trailing newline.
func EvalJSON(w io.Writer, r *result.EvalReport) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("report: json: %w", err)
	}
	return nil
}

func paramLine(p result.Params) string {
	return fmt.Sprintf("%s %d-shingles, %d permutations, seed %d, candidate LSH %d×%d, near-duplicate ≥ %.2f, same-event ≥ %.3f",
		p.ShingleKind, p.ShingleSize, p.Permutations, p.Seed, p.Bands, p.Rows, p.NearDuplicate, p.SameEvent)
}
