package report

import (
	"strings"
	"testing"

	"github.com/storydiff/storydiff/result"
)

func TestGroupValues(t *testing.T) {
	// stmts builds statements from "doc:line=value" items, in order.
	stmts := func(items ...string) []conflictValue {
		var out []conflictValue
		for _, it := range items {
			ref, value, _ := strings.Cut(it, "=")
			doc, line, _ := strings.Cut(ref, ":")
			n := 0
			for _, c := range line {
				n = n*10 + int(c-'0')
			}
			out = append(out, conflictValue{ref: ref2(doc, n), value: value})
		}
		return out
	}
	tests := []struct {
		name   string
		values []conflictValue
		// want is the summary, "" when the statements are not grouped.
		want string
		// compact is the value listed compactly.
		compact string
	}{
		{"few statements are listed", stmts("a:1=X", "b:1=X", "c:1=X", "d:1=Y"), "", ""},
		{"one against the rest", stmts("a:1=X", "b:1=X", "c:1=Y", "d:1=X", "e:1=X"),
			"Spelled *Y* by c; *X* by the other 4 sources.", "X"},
		{"two against the rest, minority first", stmts("a:1=X", "b:1=Z", "c:1=X", "d:1=Y", "e:1=X", "f:1=X"),
			"Spelled *Z* by b, *Y* by d; *X* by the other 4 sources.", "X"},
		{"no majority: listed", stmts("a:1=X", "b:1=Y", "c:1=Z", "d:1=W", "e:1=V"), "", ""},
		{"a tie: listed", stmts("a:1=X", "b:1=X", "c:1=X", "d:1=Y", "e:1=Y", "f:1=Y"), "", ""},
		{"a source on both sides is not 'other'", stmts("a:1=X", "a:2=Y", "b:1=X", "c:1=X", "d:1=X"),
			"Spelled *Y* by a; *X* by 4 sources.", "X"},
		{"a minority of three is counted, not named", stmts("a:1=Y", "b:1=Y", "c:1=Y", "d:1=X", "e:1=X", "f:1=X", "g:1=X"),
			"Spelled *Y* by 3 sources; *X* by the other 4 sources.", "X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := groupValues(tt.values)
			got := ""
			if groups != nil {
				got = summaryOf(result.ConflictSpelling, groups, func(s string) string { return "*" + s + "*" }, identity)
			}
			if got != tt.want {
				t.Errorf("summary = %q, want %q", got, tt.want)
			}
			compact := ""
			n := 0
			for _, g := range groups {
				n += len(g.values)
				if g.compact {
					compact += g.value
				}
			}
			if compact != tt.compact {
				t.Errorf("compact group %q, want %q", compact, tt.compact)
			}
			if groups != nil && n != len(tt.values) {
				t.Errorf("groups hold %d statements, want all %d", n, len(tt.values))
			}
		})
	}
}

func ref2(doc string, line int) ref { return ref{doc: doc, label: doc, line: line} }

func TestRefList(t *testing.T) {
	g := valueGroup{values: []conflictValue{{ref: ref2("s_2", 4)}, {ref: ref2("s_2", 30)}, {ref: ref2("s_10", 1)}}}
	got := refList(g.compactRefs(), identity, func(_ ref, text string) string { return text })
	if want := "s_2 lines 4, 30; s_10 line 1"; got != want {
		t.Errorf("refList = %q, want %q", got, want)
	}
}
