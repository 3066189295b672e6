package report

import (
	"slices"
	"strconv"
	"strings"

	"github.com/storydiff/storydiff/result"
)

// A conflict stated by many sources, most of which agree, reads
// summary-first: which value each group of sources gives, the disagreeing
// minority first, then the minority's statements one by one and the
// majority's as one compact list of sources and lines. Every statement
// keeps its file and line; only its sentence is left out of the compact
// list (the review page folds it in).

const (
	// maxListedStatements is the most statements a conflict lists one by
	// one; with more, they are grouped by value.
	maxListedStatements = 4
	// maxFullGroup is the most statements of the majority's value that are
	// worth listing with their sentences; the majority is grouped (and
	// listed compactly) only when it makes more.
	maxFullGroup = 2
	// maxNamedSources is the most sources the summary names for one value;
	// beyond it, it counts them.
	maxNamedSources = 2
)

// A valueGroup is the statements of a conflict that give one value, in
// source order.
type valueGroup struct {
	value   string
	values  []conflictValue
	sources []string // labels of the distinct sources, in order
	compact bool     // listed by source and line only: the majority
	others  bool     // the last group, whose sources are all the others
}

// groupValues groups the statements of a conflict by value when there
// are more than maxListedStatements and one value has a majority (more
// sources give it than any other, in more than maxFullGroup statements):
// the groups with fewer sources first (ties in the order of their first
// statement), the majority last. It returns nil otherwise: the
// statements are then listed one by one.
func groupValues(values []conflictValue) []valueGroup {
	if len(values) <= maxListedStatements {
		return nil
	}
	var groups []valueGroup
	for _, x := range values {
		k := slices.IndexFunc(groups, func(g valueGroup) bool { return g.value == x.value })
		if k < 0 {
			groups = append(groups, valueGroup{value: x.value})
			k = len(groups) - 1
		}
		g := &groups[k]
		g.values = append(g.values, x)
		if !slices.Contains(g.sources, x.label) {
			g.sources = append(g.sources, x.label)
		}
	}
	slices.SortStableFunc(groups, func(a, b valueGroup) int {
		if d := len(a.sources) - len(b.sources); d != 0 {
			return d
		}
		return len(a.values) - len(b.values)
	})
	// Grouping helps when most sources agree: one value, given in more
	// statements than are listed in full, by more sources than any other.
	n := len(groups)
	if n < 2 || len(groups[n-1].values) <= maxFullGroup || len(groups[n-1].sources) == len(groups[n-2].sources) {
		return nil
	}
	{
		last := &groups[n-1]
		last.compact = true
		last.others = true
		for _, g := range groups[:n-1] {
			for _, s := range g.sources {
				if slices.Contains(last.sources, s) {
					last.others = false
				}
			}
		}
	}
	return groups
}

// summaryVerb opens the summary of a conflict of kind k: "Spelled", ...
func summaryVerb(k result.ConflictKind) string {
	switch k {
	case result.ConflictSpelling:
		return "Spelled"
	case result.ConflictAttribution:
		return "Credited to"
	case result.ConflictFigure, result.ConflictDate:
		return "Given as"
	}
	return "Stated as"
}

// whoSays says which sources give a group's value, for the summary: "27_ecb_4",
// "27_ecb_4 and 27_ecb_9", "3 sources", "the other 15 sources".
func (g valueGroup) whoSays() string {
	n := len(g.sources)
	switch {
	case g.others:
		return "the other " + strconv.Itoa(n) + " " + plural(n, "source", "sources")
	case n <= maxNamedSources:
		return strings.Join(g.sources, " and ")
	}
	return strconv.Itoa(n) + " sources"
}

// A summaryPart is a piece of a conflict's summary: a value (em) or the
// words around it.
type summaryPart struct {
	text string
	em   bool
}

// summaryParts is the summary of a grouped conflict: "Spelled *A* by
// 12_ecb_1, *B* by 12_ecb_16; *C* by the other 5 sources."
func summaryParts(k result.ConflictKind, groups []valueGroup) []summaryPart {
	parts := []summaryPart{{text: summaryVerb(k) + " "}}
	for i, g := range groups {
		switch {
		case i == 0:
		case i == len(groups)-1:
			parts = append(parts, summaryPart{text: "; "})
		default:
			parts = append(parts, summaryPart{text: ", "})
		}
		parts = append(parts, summaryPart{text: orDash(g.value), em: true}, summaryPart{text: " by " + g.whoSays()})
	}
	return append(parts, summaryPart{text: "."})
}

// summaryOf renders [summaryParts] with each value through em (emphasis
// in the renderer's markup) and the rest through esc.
func summaryOf(k result.ConflictKind, groups []valueGroup, em, esc func(string) string) string {
	var b strings.Builder
	for _, p := range summaryParts(k, groups) {
		// The escapers trim: keep the spaces around the words.
		t := strings.TrimSpace(p.text)
		b.WriteString(p.text[:strings.Index(p.text, t)])
		if p.em {
			b.WriteString(em(t))
		} else {
			b.WriteString(esc(t))
		}
		b.WriteString(p.text[strings.Index(p.text, t)+len(t):])
	}
	return b.String()
}

// A compactRef is one source's statements of a value: its label and lines.
type compactRef struct {
	label string
	refs  []ref
}

// compactRefs lists the statements of g by source: each source once,
// with its lines in order.
func (g valueGroup) compactRefs() []compactRef {
	var out []compactRef
	for _, x := range g.values {
		if n := len(out); n > 0 && out[n-1].label == x.label {
			out[n-1].refs = append(out[n-1].refs, x.ref)
			continue
		}
		out = append(out, compactRef{label: x.label, refs: []ref{x.ref}})
	}
	return out
}

// refList writes compact references, "27_ecb_3 line 18; 27_ecb_7 lines
// 4, 9": label and line texts through esc, each line number through
// line(r, text), which may link it.
func refList(crs []compactRef, esc func(string) string, line func(r ref, text string) string) string {
	parts := make([]string, len(crs))
	for i, cr := range crs {
		var b strings.Builder
		b.WriteString(esc(cr.label) + " ")
		for j, r := range cr.refs {
			text := lineCell(r.line)
			if text == "" {
				text = emptyCell
			}
			switch {
			case j > 0:
				b.WriteString(", ")
			case len(cr.refs) > 1:
				text = "lines " + text
			default:
				text = "line " + text
			}
			b.WriteString(line(r, text))
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, "; ")
}

// groupHead introduces a compact group: "5 sources" or "the other 5
// sources", and the number of statements when a source makes several.
func (g valueGroup) groupHead() string {
	h := g.whoSays()
	if len(g.sources) <= maxNamedSources && !g.others {
		h = strconv.Itoa(len(g.sources)) + " " + plural(len(g.sources), "source", "sources")
	}
	if len(g.values) > len(g.sources) {
		h += ", " + strconv.Itoa(len(g.values)) + " statements"
	}
	return h
}
