package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// DedupGroups writes the near-duplicate groups as JSON Lines, one group
// per line in the order of g.Groups, numbered from 1:
//
//	{"group":1,"members":["a","b"],"representative":"a","similarity":{"a":1.000,"b":0.734}}
//
// Members are in input order, similarities (to the representative) have
// three decimals and follow the member order. Strings are encoded by
// encoding/json, without HTML escaping.
func DedupGroups(w io.Writer, g *result.DedupGroups) error {
	if g == nil {
		return errNilResult
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i, grp := range g.Groups {
		line := groupLine{
			Group:          i + 1,
			Members:        grp.Members,
			Representative: grp.Representative,
			Similarity:     memberScores{ids: grp.Members, scores: grp.Similarity},
		}
		if err := enc.Encode(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// groupLine is the JSON of one group.
type groupLine struct {
	Group          int          `json:"group"`
	Members        []string     `json:"members"`
	Representative string       `json:"representative"`
	Similarity     memberScores `json:"similarity"`
}

// memberScores is a JSON object from member id to score, in member order
// (a Go map would sort it), scores with three decimals.
type memberScores struct {
	ids    []string
	scores []float64
}

func (m memberScores) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	b := []byte{'{'}
	for i, id := range m.ids {
		if i > 0 {
			b = append(b, ',')
		}
		buf.Reset()
		if err := enc.Encode(id); err != nil {
			return nil, err
		}
		b = append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
		b = append(b, ':')
		b = strconv.AppendFloat(b, m.scores[i], 'f', 3, 64)
	}
	return append(b, '}'), nil
}

// The tables of a dedup summary, shared by the Markdown and terminal
// renderers.
var (
	measureHeader = []string{"Measure", "Value"}
	measureAlign  = []string{"", "right"}
	largestHeader = []string{"Group", "Size", "Representative", "Lowest similarity"}
	largestAlign  = []string{"right", "right", "", "right"}
	histHeader    = []string{"Estimated Jaccard", "Members", "Histogram"}
	histAlign     = []string{"", "right", ""}
)

// dedupParams is the parameter line of a dedup summary.
func dedupParams(s *result.DedupSummary) string {
	return fmt.Sprintf("%s %d-shingles · %d permutations · seed %d · %d bands × %d rows · threshold %.2f · keep %s",
		s.ShingleKind, s.ShingleSize, s.Permutations, s.Seed, s.Bands, s.Rows, s.Threshold, s.Keep)
}

func measureRows(s *result.DedupSummary) [][]string {
	rows := [][]string{
		{"Articles read", strconv.Itoa(s.Articles)},
		{"Bytes read", groupDigits(s.Bytes)},
		{"Skipped inputs (warnings)", strconv.Itoa(s.Skipped)},
	}
	rows = append(rows,
		[]string{"Articles with common text (boilerplate)", strconv.Itoa(s.WithCommon)},
		[]string{"Near-duplicate groups", strconv.Itoa(s.Groups)},
		[]string{"Articles in groups", strconv.Itoa(s.InGroups)},
		[]string{"Duplicates (not kept)", strconv.Itoa(s.Duplicates)},
		[]string{"Articles kept", strconv.Itoa(s.Kept)},
		[]string{"Candidate pairs verified", strconv.Itoa(s.Candidates)},
		[]string{"Linked sets split into groups (chains)", strconv.Itoa(s.Chains)},
		[]string{fmt.Sprintf("Groups over %d members", s.LargeGroup), strconv.Itoa(s.LargeGroups)})
	if s.Containment > 0 {
		rows = append(rows, []string{fmt.Sprintf("Excerpt pairs (containment ≥ %.2f)", s.Containment), strconv.Itoa(s.Excerpts)})
	}
	return rows
}

func largestRows(s *result.DedupSummary) [][]string {
	rows := make([][]string, 0, len(s.Largest))
	for _, g := range s.Largest {
		rows = append(rows, []string{strconv.Itoa(g.Group), strconv.Itoa(g.Size), g.Representative, score(g.LowestSimilarity)})
	}
	return rows
}

// histRows draws each bin as a bar of up to 30 blocks, scaled to the
// fullest bin.
func histRows(s *result.DedupSummary) [][]string {
	peak := 0
	for _, b := range s.Histogram {
		peak = max(peak, b.Members)
	}
	rows := make([][]string, 0, len(s.Histogram))
	for _, b := range s.Histogram {
		bar := ""
		if peak > 0 {
			bar = strings.Repeat("█", (b.Members*30+peak-1)/peak)
		}
		rows = append(rows, []string{fmt.Sprintf("%.1f–%.1f", b.Lo, b.Hi), strconv.Itoa(b.Members), bar})
	}
	return rows
}

// groupDigits formats n with thousands separators.
func groupDigits(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// inputList lists at most maxInputs inputs, each formatted by f.
func inputList(inputs []string, f func(string) string) string {
	names := make([]string, 0, min(len(inputs), maxInputs))
	for _, in := range inputs[:min(len(inputs), maxInputs)] {
		names = append(names, f(in))
	}
	more := ""
	if n := len(inputs) - maxInputs; n > 0 {
		more = fmt.Sprintf(" and %d more", n)
	}
	return strings.Join(names, ", ") + more
}

// DedupMarkdown writes the summary of a dedup run as GitHub-flavoured
// Markdown: parameters, counts, the largest groups and a histogram of the
// members' similarity to their representative. It holds no timing, so
// equal results give identical bytes.
func DedupMarkdown(w io.Writer, s *result.DedupSummary) error {
	return writeDedup(w, s, dedupStyle{head: markdownDedupHead, section: "\n## %s\n", table: writeMarkdownTableAligned})
}

// DedupTable writes the same summary as [DedupMarkdown] as terminal
// tables.
func DedupTable(w io.Writer, s *result.DedupSummary) error {
	return writeDedup(w, s, dedupStyle{head: textDedupHead, section: "\n%s\n", table: writeTextTableAligned})
}

// A dedupStyle is how a format writes the parts of a dedup summary.
type dedupStyle struct {
	head    func(ew *errWriter, s *result.DedupSummary) // title, parameters, inputs
	section string                                      // a section title, as a format
	table   func(w io.Writer, header, align []string, rows [][]string) error
}

func writeDedup(w io.Writer, s *result.DedupSummary, st dedupStyle) error {
	if s == nil {
		return errNilResult
	}
	ew := &errWriter{w: w}
	st.head(ew, s)
	if ew.err != nil {
		return ew.err
	}
	if err := st.table(ew, measureHeader, measureAlign, measureRows(s)); err != nil {
		return err
	}
	if len(s.Largest) > 0 {
		ew.printf(st.section, "Largest groups")
		if err := st.table(ew, largestHeader, largestAlign, largestRows(s)); err != nil {
			return err
		}
	}
	if len(s.Histogram) > 0 {
		ew.printf(st.section, "Similarity to the representative")
		if err := st.table(ew, histHeader, histAlign, histRows(s)); err != nil {
			return err
		}
	}
	if s.Groups == 0 {
		ew.printf("\nNo near-duplicates at this threshold.\n")
	}
	return ew.err
}

func markdownDedupHead(ew *errWriter, s *result.DedupSummary) {
	code := func(in string) string { return "`" + strings.ReplaceAll(sanitize(in), "`", "'") + "`" }
	ew.printf("# Near-duplicate groups\n\n")
	// The version and parameters are ours, not user text: printed as they are.
	ew.printf("storydiff %s dedup · %s\n", s.Version, dedupParams(s))
	if len(s.Inputs) > 0 {
		ew.printf("\nInputs: %s\n", inputList(s.Inputs, code))
	}
}

func textDedupHead(ew *errWriter, s *result.DedupSummary) {
	ew.printf("Near-duplicate groups — storydiff %s dedup\n%s\n", plainCell(s.Version), dedupParams(s))
	if len(s.Inputs) > 0 {
		ew.printf("Inputs: %s\n", inputList(s.Inputs, plainCell))
	}
}

// DedupExcerpts writes excerpt pairs as JSON Lines, one pair a line:
//
//	{"excerpt":"a12","full":"a7","containment":0.912,"similarity":0.284}
//
// Scores have three decimals; strings are encoded by encoding/json
// without HTML escaping.
func DedupExcerpts(w io.Writer, xs []result.DedupExcerpt) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	type line struct {
		Excerpt     string      `json:"excerpt"`
		Full        string      `json:"full"`
		Containment json.Number `json:"containment"`
		Similarity  json.Number `json:"similarity"`
	}
	for _, x := range xs {
		if err := encodeLine(bw, line{x.Excerpt, x.Full, json.Number(score(x.Containment)), json.Number(score(x.Similarity))}); err != nil {
			return err
		}
	}
	return bw.Flush()
}
