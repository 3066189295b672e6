package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// DedupInfo describes a dedup run for the summary header.
type DedupInfo struct {
	Version string   // storydiff version
	Inputs  []string // paths as given
	Against string   // saved signature file compared against, "" if none
}

// dedupLargest is how many of the largest groups the summary lists.
const dedupLargest = 10

// DedupGroups writes the near-duplicate groups of res as JSON Lines, one
// group per line in the order of res.Groups, numbered from 1:
//
//	{"group":1,"members":["a","b"],"representative":"a","similarity":{"a":1.000,"b":0.734}}
//
// Members are in input order, similarities (to the representative) have
// three decimals and follow the member order. When res compares against a
// saved batch, "saved" lists the members that come from it.
func DedupGroups(w io.Writer, res *dedup.Result) error {
	bw := bufio.NewWriterSize(w, 256<<10)
	var b []byte
	for gi, g := range res.Groups {
		b = append(b[:0], `{"group":`...)
		b = strconv.AppendInt(b, int64(gi+1), 10)
		b = append(b, `,"members":[`...)
		for i, m := range g.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, res.ID(m))
		}
		b = append(b, `],"representative":`...)
		b = appendJSONString(b, res.ID(g.Representative))
		b = append(b, `,"similarity":{`...)
		for i, m := range g.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, res.ID(m))
			b = append(b, ':')
			b = strconv.AppendFloat(b, g.Similarity[i], 'f', 3, 64)
		}
		b = append(b, '}')
		if res.Saved > 0 {
			b = append(b, `,"saved":[`...)
			n := 0
			for _, m := range g.Members {
				if res.IsSaved(m) {
					if n > 0 {
						b = append(b, ',')
					}
					b = appendJSONString(b, res.ID(m))
					n++
				}
			}
			b = append(b, ']')
		}
		b = append(b, "}\n"...)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendJSONString appends s as a JSON string, escaping quotes, backslashes
// and control characters, and replacing invalid UTF-8 with U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, `\n`...)
			case c == '\t':
				b = append(b, `\t`...)
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, `\ufffd`...)
		} else if r == '\u2028' || r == '\u2029' {
			b = append(b, `\u202`...)
			b = append(b, hex[r&15])
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// dedupStats is the content of a dedup summary, ready to print.
type dedupStats struct {
	params   string
	rows     [][2]string // label, value
	largest  [][]string  // group, size, representative, lowest similarity
	hist     [][]string  // range, members, bar
	warnings int
}

func newDedupStats(res *dedup.Result, info DedupInfo) *dedupStats {
	kind := "word"
	if res.Params.Kind == shingle.Char {
		kind = "character"
	}
	s := &dedupStats{
		params: fmt.Sprintf("%s %d-shingles · %d permutations · seed %d · %d bands × %d rows · threshold %.2f · keep %s",
			kind, res.Params.K, res.Params.Perms, res.Params.Seed, res.Bands, res.Rows, res.Threshold, res.Keep),
		warnings: res.Skipped,
	}
	inGroups := 0
	for _, g := range res.Groups {
		for _, m := range g.Members {
			if !res.IsSaved(m) {
				inGroups++
			}
		}
	}
	dups := res.Duplicates()
	add := func(label string, v any) { s.rows = append(s.rows, [2]string{label, fmt.Sprint(v)}) }
	add("Articles read", res.Articles)
	add("Bytes read", groupDigits(res.Bytes))
	add("Skipped inputs (warnings)", res.Skipped)
	if res.Saved > 0 || info.Against != "" {
		add("Saved articles compared against", res.Saved)
		matched := 0
		for _, g := range res.Groups {
			if res.IsSaved(g.Members[0]) {
				for _, m := range g.Members {
					if !res.IsSaved(m) {
						matched++
					}
				}
			}
		}
		add("New articles duplicating saved ones", matched)
	}
	add("Near-duplicate groups", len(res.Groups))
	add("Articles in groups", inGroups)
	add("Duplicates (not kept)", dups)
	add("Articles kept", res.Articles-dups)
	add("Candidate checks", res.Candidates)

	order := make([]int, len(res.Groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		return cmp.Compare(len(res.Groups[b].Members), len(res.Groups[a].Members))
	})
	for _, gi := range order[:min(dedupLargest, len(order))] {
		g := res.Groups[gi]
		low := 1.0
		for i, m := range g.Members {
			if m != g.Representative {
				low = min(low, g.Similarity[i])
			}
		}
		s.largest = append(s.largest, []string{
			strconv.Itoa(gi + 1), strconv.Itoa(len(g.Members)), res.ID(g.Representative), strconv.FormatFloat(low, 'f', 3, 64),
		})
	}

	// Histogram of member-to-representative similarities in tenths; the
	// top bin holds 0.9 to 1.0 inclusive.
	var bins [10]int
	total := 0
	for _, g := range res.Groups {
		for i, m := range g.Members {
			if m == g.Representative {
				continue
			}
			bins[min(9, max(0, int(g.Similarity[i]*10+1e-9)))]++
			total++
		}
	}
	first := 0
	for first < 9 && bins[first] == 0 {
		first++
	}
	peak := slices.Max(bins[:])
	for i := first; i < 10 && total > 0; i++ {
		bar := ""
		if peak > 0 {
			bar = strings.Repeat("█", (bins[i]*30+peak-1)/peak)
		}
		s.hist = append(s.hist, []string{fmt.Sprintf("%.1f–%.1f", float64(i)/10, float64(i+1)/10), strconv.Itoa(bins[i]), bar})
	}
	return s
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

// DedupMarkdown writes the summary of a dedup run as GitHub-flavoured
// Markdown: parameters, counts, the largest groups and a histogram of the
// members' similarity to their representative. It holds no timing, so
// equal results give identical bytes.
func DedupMarkdown(w io.Writer, res *dedup.Result, info DedupInfo) error {
	if res == nil {
		return errNilResult
	}
	s := newDedupStats(res, info)
	ew := &errWriter{w: w}
	ew.printf("# Near-duplicate groups\n\n")
	// The version and parameters are ours, not user text: printed as they are.
	ew.printf("storydiff %s dedup · %s\n\n", info.Version, s.params)
	if len(info.Inputs) > 0 {
		names := make([]string, 0, len(info.Inputs))
		for _, in := range info.Inputs[:min(len(info.Inputs), maxInputs)] {
			names = append(names, "`"+strings.ReplaceAll(sanitize(in), "`", "'")+"`")
		}
		more := ""
		if n := len(info.Inputs) - maxInputs; n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		ew.printf("Inputs: %s%s\n\n", strings.Join(names, ", "), more)
	}
	if info.Against != "" {
		ew.printf("Compared against: `%s`\n\n", strings.ReplaceAll(sanitize(info.Against), "`", "'"))
	}
	ew.printf("| Measure | Value |\n|---|---:|\n")
	for _, r := range s.rows {
		ew.printf("| %s | %s |\n", r[0], r[1])
	}
	if len(s.largest) > 0 {
		ew.printf("\n## Largest groups\n\n| Group | Size | Representative | Lowest similarity |\n|---:|---:|---|---:|\n")
		for _, r := range s.largest {
			ew.printf("| %s | %s | %s | %s |\n", r[0], r[1], EscapeMarkdown(r[2]), r[3])
		}
	}
	if len(s.hist) > 0 {
		ew.printf("\n## Similarity to the representative\n\n| Estimated Jaccard | Members | |\n|---|---:|---|\n")
		for _, r := range s.hist {
			ew.printf("| %s | %s | %s |\n", r[0], r[1], r[2])
		}
	}
	if len(res.Groups) == 0 {
		ew.printf("\nNo near-duplicates at this threshold.\n")
	}
	return ew.err
}

// DedupTable writes the same summary as [DedupMarkdown] as plain terminal
// text with aligned columns.
func DedupTable(w io.Writer, res *dedup.Result, info DedupInfo) error {
	if res == nil {
		return errNilResult
	}
	s := newDedupStats(res, info)
	ew := &errWriter{w: w}
	ew.printf("Near-duplicate groups — storydiff %s dedup\n%s\n", plainCell(info.Version), s.params)
	if len(info.Inputs) > 0 {
		names := make([]string, 0, len(info.Inputs))
		for _, in := range info.Inputs[:min(len(info.Inputs), maxInputs)] {
			names = append(names, plainCell(in))
		}
		more := ""
		if n := len(info.Inputs) - maxInputs; n > 0 {
			more = fmt.Sprintf(" and %d more", n)
		}
		ew.printf("Inputs: %s%s\n", strings.Join(names, ", "), more)
	}
	if info.Against != "" {
		ew.printf("Compared against: %s\n", plainCell(info.Against))
	}
	ew.printf("\n")
	wl, wv := 0, 0
	for _, r := range s.rows {
		wl, wv = max(wl, utf8.RuneCountInString(r[0])), max(wv, len(r[1]))
	}
	for _, r := range s.rows {
		ew.printf("%-*s  %*s\n", wl, r[0], wv, r[1])
	}
	if len(s.largest) > 0 {
		ew.printf("\nLargest groups\n")
		tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "group\tsize\trepresentative\tlowest similarity\n")
		for _, r := range s.largest {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r[0], r[1], plainCell(r[2]), r[3])
		}
		tw.Flush()
	}
	if len(s.hist) > 0 {
		ew.printf("\nSimilarity to the representative\n")
		wc := 0
		for _, r := range s.hist {
			wc = max(wc, len(r[1]))
		}
		for _, r := range s.hist {
			ew.printf("%s", strings.TrimRight(fmt.Sprintf("%s  %*s  %s", r[0], wc, r[1], r[2]), " ")+"\n")
		}
	}
	if len(res.Groups) == 0 {
		ew.printf("\nNo near-duplicates at this threshold.\n")
	}
	return ew.err
}
