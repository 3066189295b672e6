package shingle

import (
	"slices"
	"strings"
)

// Shingle hashing. A word shingle of m words w1..wm (m = k, or fewer when
// the text is shorter than k words) hashes to
//
//	mix64(HashString(w1)·P^(m-1) + … + HashString(wm)·P^0 + m·C)
//
// modulo 2^64, a polynomial that slides along the text in O(1) per word.
// A character shingle hashes to HashString of its UTF-8 bytes.
const (
	polyP = 0x9e3779b97f4a7c15
	polyC = 0x632be59bd9b4e019
)

// wordWindow computes the hashes of the sliding k-word windows.
type wordWindow struct {
	k    int
	pk1  uint64   // polyP^(k-1)
	ring []uint64 // the last k word hashes
	n    int      // words seen
	pos  int      // n % k: the ring slot of the oldest word
	h    uint64
}

func (w *wordWindow) reset(k int) {
	if k < 1 {
		k = DefaultK
	}
	w.k, w.n, w.pos, w.h, w.pk1 = k, 0, 0, 0, 1
	for range k - 1 {
		w.pk1 *= polyP
	}
	if cap(w.ring) < k {
		w.ring = make([]uint64, k)
	}
	w.ring = w.ring[:k]
}

// add slides the window over the word hash x and reports the hash of the
// window when it is full.
func (w *wordWindow) add(x uint64) (uint64, bool) {
	i := w.pos
	if w.n >= w.k {
		w.h -= w.ring[i] * w.pk1
	}
	w.h = w.h*polyP + x
	w.ring[i] = x
	w.n++
	if w.pos++; w.pos == w.k {
		w.pos = 0
	}
	if w.n < w.k {
		return 0, false
	}
	return mix64(w.h + uint64(w.k)*polyC), true
}

// short reports the hash of a text with fewer than k (but some) words.
func (w *wordWindow) short() (uint64, bool) {
	if w.n == 0 || w.n >= w.k {
		return 0, false
	}
	return mix64(w.h + uint64(w.n)*polyC), true
}

// WordShingles returns the sorted, de-duplicated hashes of the k-word
// shingles of words (k < 1 means [DefaultK]). Fewer than k words give one
// shingle of all of them; no words give none. The words are hashed as
// given: pass them through [Words] or [Normalize] first.
func WordShingles(words []string, k int) []uint64 {
	var w wordWindow
	w.reset(k)
	out := make([]uint64, 0, max(len(words)-w.k+1, 1))
	for _, s := range words {
		if h, ok := w.add(HashString(s)); ok {
			out = append(out, h)
		}
	}
	if h, ok := w.short(); ok {
		out = append(out, h)
	}
	return sortUnique(out)
}

// CharShingles returns the sorted, de-duplicated hashes of the k-character
// shingles (k < 1 means [DefaultK]) of the normalised text s: its tokens
// joined by single spaces, so that punctuation and spacing do not matter.
// A text shorter than k characters gives one shingle of all of it.
func CharShingles(s string, k int) []uint64 {
	if k < 1 {
		k = DefaultK
	}
	text := joinedWords(s)
	if text == "" {
		return nil
	}
	// offs is a ring of the byte offsets of the last k+1 rune starts.
	offs := make([]int, k+1)
	out := make([]uint64, 0, min(len(text), 1<<20))
	nr := 0
	for i := range text {
		offs[nr%(k+1)] = i
		if nr >= k {
			out = append(out, HashString(text[offs[(nr-k)%(k+1)]:i]))
		}
		nr++
	}
	if nr < k {
		return []uint64{HashString(text)}
	}
	out = append(out, HashString(text[offs[(nr-k)%(k+1)]:]))
	return sortUnique(out)
}

// joinedWords returns the normalised words of s joined by single spaces.
func joinedWords(s string) string {
	var t tokenizer
	t.reset(s)
	var sb strings.Builder
	sb.Grow(len(s))
	for {
		str, b, _, _, ok := t.next()
		if !ok {
			return sb.String()
		}
		if sb.Len() > 0 {
			sb.WriteByte(' ')
		}
		if b != nil {
			sb.Write(b)
		} else {
			sb.WriteString(str)
		}
	}
}

func sortUnique(a []uint64) []uint64 {
	slices.Sort(a)
	return slices.Clip(slices.Compact(a))
}

// Shingles normalises text and returns its shingle set per o.Kind and o.K.
func (o Options) Shingles(text string) []uint64 {
	if o.Kind == Char {
		return CharShingles(text, o.K)
	}
	return WordShingles(Words(text), o.K)
}

// Jaccard returns the exact Jaccard similarity |a∩b| / |a∪b| of two sorted
// sets without duplicates. It is 0 when either set is empty, so that two
// empty texts are not taken for duplicates (matching
// [Signature.Similarity]).
func Jaccard(a, b []uint64) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	inter, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
