package shingle

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"sync"
)

// LSH is a banded locality-sensitive hash index over signatures: a
// signature is cut into bands of rows slots, each band hashed to a 64-bit
// key ([BandKey]), and two signatures are candidates when they share a key
// in some band.
//
// The index is sort-based to keep memory small: per band, a sorted array of
// (key, id) pairs, 12 bytes per document, so 1M documents × 32 bands take
// about 400 MB. Recent additions wait in a small hash table (at most
// max(4096, n/16) entries per band) that is merged into the sorted arrays
// when it fills, so adds are amortised O(log n) and queries may interleave
// with adds.
//
// An LSH is safe for concurrent use; queries run in parallel with each
// other, adds are serialised. The zero value is not usable: call [NewLSH].
type LSH struct {
	bands, rows int
	mu          sync.RWMutex
	tabs        []bandTable
	n           int
}

// bandTable is the index of one band.
type bandTable struct {
	keys []uint64 // sorted
	ids  []int32  // ids[i] belongs to keys[i]; sorted within equal keys
	// pending additions: head[key] is the index in pk/pid of the latest
	// one with that key, next chains to the previous one (-1 ends).
	head map[uint64]int32
	pk   []uint64
	pid  []int32
	next []int32
}

// NewLSH returns an index with the given bands and rows per band (each at
// least 1). Signatures added or queried need at least bands*rows slots;
// further slots are ignored. Use [Params] to choose bands and rows.
func NewLSH(bands, rows int) *LSH {
	bands, rows = max(bands, 1), max(rows, 1)
	l := &LSH{bands: bands, rows: rows, tabs: make([]bandTable, bands)}
	for i := range l.tabs {
		l.tabs[i].head = make(map[uint64]int32)
	}
	return l
}

// Bands returns the number of bands.
func (l *LSH) Bands() int { return l.bands }

// Rows returns the number of rows (signature slots) per band.
func (l *LSH) Rows() int { return l.rows }

// Len returns the number of signatures added.
func (l *LSH) Len() int {
	l.mu.RLock()
	defer l.mu.RUnlock()
	return l.n
}

// BandKey returns the key of band band of sig, with rows slots per band: a
// 64-bit hash of the slots sig[band*rows:(band+1)*rows], seeded by the band
// number so that equal slots in two bands give different keys. Two
// signatures agreeing in every slot of the band have the same key; the
// index of every caller ([LSH], [SortBand]) buckets by it. It panics if sig
// is shorter than (band+1)*rows.
func BandKey(sig Signature, band, rows int) uint64 {
	h := uint64(band+1) * 0x9e3779b97f4a7c15
	for _, x := range sig[band*rows : (band+1)*rows] {
		h ^= uint64(x)
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 31
	}
	h *= 0x94d049bb133111eb
	return h ^ h>>29
}

// keys computes the band keys of sig into dst.
func (l *LSH) keys(sig Signature, dst []uint64) []uint64 {
	if len(sig) < l.bands*l.rows {
		panic(fmt.Sprintf("shingle: LSH with %d bands × %d rows given a signature of %d slots", l.bands, l.rows, len(sig)))
	}
	dst = dst[:0]
	for b := range l.bands {
		dst = append(dst, BandKey(sig, b, l.rows))
	}
	return dst
}

// Add inserts signature sig under id, which must be in [0, MaxInt32]; an
// id added twice is stored twice but reported once. Add panics if id is
// out of range or sig has fewer than bands*rows slots (both caller bugs).
func (l *LSH) Add(id int, sig Signature) {
	if id < 0 || id > math.MaxInt32 {
		panic(fmt.Sprintf("shingle: LSH id %d out of range [0, MaxInt32]", id))
	}
	var stack [64]uint64
	keys := l.keys(sig, stack[:0])
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	for b, k := range keys {
		t := &l.tabs[b]
		prev, ok := t.head[k]
		if !ok {
			prev = -1
		}
		t.head[k] = int32(len(t.pk))
		t.pk = append(t.pk, k)
		t.pid = append(t.pid, int32(id))
		t.next = append(t.next, prev)
		if len(t.pk) > max(4096, len(t.keys)/16) {
			t.merge()
		}
	}
}

// merge moves the pending additions into the sorted arrays.
func (t *bandTable) merge() {
	if len(t.pk) == 0 {
		return
	}
	order := make([]int32, len(t.pk))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if t.pk[a] != t.pk[b] {
			if t.pk[a] < t.pk[b] {
				return -1
			}
			return 1
		}
		return int(t.pid[a] - t.pid[b])
	})
	n := len(t.keys) + len(order)
	keys, ids := make([]uint64, 0, n), make([]int32, 0, n)
	i, j := 0, 0
	for i < len(t.keys) || j < len(order) {
		if j == len(order) || (i < len(t.keys) && (t.keys[i] < t.pk[order[j]] ||
			t.keys[i] == t.pk[order[j]] && t.ids[i] <= t.pid[order[j]])) {
			keys, ids = append(keys, t.keys[i]), append(ids, t.ids[i])
			i++
		} else {
			keys, ids = append(keys, t.pk[order[j]]), append(ids, t.pid[order[j]])
			j++
		}
	}
	t.keys, t.ids = keys, ids
	clear(t.head)
	t.pk, t.pid, t.next = t.pk[:0], t.pid[:0], t.next[:0]
}

// Query returns the ids sharing at least one band with sig, sorted and
// unique. It panics if sig has fewer than bands*rows slots.
func (l *LSH) Query(sig Signature) []int {
	var stack [64]uint64
	keys := l.keys(sig, stack[:0])
	var out []int
	l.mu.RLock()
	for b, k := range keys {
		t := &l.tabs[b]
		i, _ := slices.BinarySearch(t.keys, k)
		for ; i < len(t.keys) && t.keys[i] == k; i++ {
			out = append(out, int(t.ids[i]))
		}
		if p, ok := t.head[k]; ok {
			for ; p >= 0; p = t.next[p] {
				out = append(out, int(t.pid[p]))
			}
		}
	}
	l.mu.RUnlock()
	slices.Sort(out)
	return slices.Compact(out)
}

// Pairs returns every candidate pair {a, b} (a < b) of distinct ids that
// share a band, sorted. Its cost grows with the square of the bucket
// sizes: a thousand identical documents give half a million pairs.
func (l *LSH) Pairs() [][2]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	var packed []uint64
	for b := range l.tabs {
		t := &l.tabs[b]
		t.merge()
		for i := 0; i < len(t.keys); {
			j := i + 1
			for j < len(t.keys) && t.keys[j] == t.keys[i] {
				j++
			}
			for x := i; x < j; x++ {
				for y := x + 1; y < j; y++ {
					a, c := t.ids[x], t.ids[y] // ids sorted within a key
					if a != c {
						packed = append(packed, uint64(a)<<32|uint64(c))
					}
				}
			}
			i = j
		}
	}
	slices.Sort(packed)
	packed = slices.Compact(packed)
	out := make([][2]int, len(packed))
	for i, p := range packed {
		out[i] = [2]int{int(p >> 32), int(p & 0xffffffff)}
	}
	return out
}

// SortBand indexes one band of a batch of n signatures (sig(i) returns the
// i-th) by sorting, in 8 bytes a signature: each entry holds the band's
// bucket, the high 32 bits of its [BandKey], in its high half and the
// signature's index in its low half ([Member]), and entries are sorted, so
// the signatures of a bucket are adjacent and in index order ([Buckets]).
//
// It is the LSH banding of [LSH] for a batch too large to hold every band
// at once (12 bytes × bands a signature): a caller indexes, walks and
// drops one band at a time. A 32-bit bucket adds about n²/2³³ chance
// collisions a band, which verifying the candidates removes. dst is reused
// when it has the capacity.
func SortBand(dst []uint64, n int, sig func(i int) Signature, band, rows int) []uint64 {
	keys := slices.Grow(dst[:0], n)[:n]
	for i := range n {
		keys[i] = BandKey(sig(i), band, rows)>>32<<32 | uint64(i)
	}
	slices.Sort(keys)
	return keys
}

// Buckets yields the buckets of a band sorted by [SortBand] that hold two
// or more signatures: runs of entries sharing their high half.
func Buckets(sorted []uint64) iter.Seq[[]uint64] {
	return func(yield func([]uint64) bool) {
		for lo := 0; lo < len(sorted); {
			b := sorted[lo] >> 32
			hi := lo + 1
			for hi < len(sorted) && sorted[hi]>>32 == b {
				hi++
			}
			if hi-lo >= 2 && !yield(sorted[lo:hi]) {
				return
			}
			lo = hi
		}
	}
}

// Member returns the index of the signature of an entry of [SortBand].
func Member(entry uint64) int { return int(uint32(entry)) }
