package report

import "strings"

// The shared passages show which words one copy changes: a word diff,
// computed here because it is a way of showing two strings the result
// already holds, like a table's column widths. A longest common
// subsequence over words is a few lines and exact on sentences (tens of
// words); github.com/sergi/go-diff works on characters, and on words only
// by mapping each word to a rune first, for no better result here.

type diffKind int

const (
	diffEqual  diffKind = iota
	diffDelete          // in the first copy only
	diffInsert          // in this copy only
)

// A diffOp is a run of words, joined by single spaces.
type diffOp struct {
	op   diffKind
	text string
}

// maxDiffCells bounds the work of wordDiff: past it (two passages of more
// than about 700 words each) the copies are shown as replaced whole.
const maxDiffCells = 500_000

// wordDiff returns the words of b as a diff against a: runs equal in both,
// runs of a that b lacks (delete) and runs b adds (insert), a deletion
// before the insertion that replaces it. Words are split at white space
// and compared as written.
func wordDiff(a, b string) []diffOp {
	x, y := strings.Fields(a), strings.Fields(b)
	if len(x)*len(y) > maxDiffCells {
		return appendRuns(nil, diffDelete, x, diffInsert, y)
	}
	// lcs[i][j] is the length of the longest common subsequence of x[i:]
	// and y[j:], in one slice.
	w := len(y) + 1
	lcs := make([]int32, (len(x)+1)*w)
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	var ops []diffOp
	add := func(op diffKind, word string) {
		if n := len(ops); n > 0 && ops[n-1].op == op {
			ops[n-1].text += " " + word
			return
		}
		ops = append(ops, diffOp{op, word})
	}
	i, j := 0, 0
	for i < len(x) || j < len(y) {
		switch {
		case i < len(x) && j < len(y) && x[i] == y[j]:
			add(diffEqual, x[i])
			i, j = i+1, j+1
		case j == len(y) || (i < len(x) && lcs[(i+1)*w+j] >= lcs[i*w+j+1]):
			add(diffDelete, x[i])
			i++
		default:
			add(diffInsert, y[j])
			j++
		}
	}
	return ops
}

func appendRuns(ops []diffOp, op1 diffKind, w1 []string, op2 diffKind, w2 []string) []diffOp {
	if len(w1) > 0 {
		ops = append(ops, diffOp{op1, strings.Join(w1, " ")})
	}
	if len(w2) > 0 {
		ops = append(ops, diffOp{op2, strings.Join(w2, " ")})
	}
	return ops
}

// changed reports whether a diff has anything but equal runs.
func changed(ops []diffOp) bool {
	for _, o := range ops {
		if o.op != diffEqual {
			return true
		}
	}
	return false
}
