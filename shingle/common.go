package shingle

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
)

// Common slot values: boilerplate as the signatures see it.
//
// A passage that many articles share and that says nothing of their own
// content — an outlet's footer, a disclaimer, a newsletter pitch — holds
// the same smallest shingle in a slot of every article that carries it,
// whenever the article's own text has no smaller one there. That slot then
// holds the same value in a large share of all signatures, which nothing
// else does: two articles agree in a slot only by sharing the shingle that
// wins it. So a common slot value is boilerplate, whatever its wording, and
// [Compare] leaves out the slots where both signatures hold one: the
// estimate is then over the rest of the text, as compare's line filter
// ([StripBoilerplate]) leaves out the lines it knows. Ignoring the slots
// where both sets' minimum lies in a shared passage F keeps the estimate
// unbiased for the sets without F: such a slot is one where the minimum of
// A ∪ B lies in F, and the others agree with probability |A∩B∖F| / |A∪B∖F|.
//
// Counting is a count sketch over (slot, value) pairs ([SlotCounts]); a
// value is common ([SlotCounts.Commons]) when at least [CommonThreshold]
// signatures hold it: [CommonShare] of them, and never fewer than
// [MinCommon]. Articles that are almost all common text (fewer than
// perms/[MostlyCommonDiv] slots of their own: the same press release run
// by a hundred sites, a page that is only a footer) are compared on all
// their slots, so that copies of them are still found.

// CommonShare is the share of all signatures that must hold a slot value
// for it to be common. A passage in 5% of the articles holds a slot's
// value in 2–4% of them (its minimum wins the slot in an article about as
// often as the passage is long against the article), well above; the
// reprints of one story by every outlet of a day make a small share of an
// index of months.
const CommonShare = 0.005

// MinCommon is the fewest signatures holding a slot value that make it
// common however few signatures there are, so that in a small batch the
// copies of one story (a few dozen) are not taken for boilerplate.
const MinCommon = 100

// MostlyCommonDiv: a signature with fewer than perms/MostlyCommonDiv slots
// of its own (not common) is compared on all its slots (see [Compare]).
const MostlyCommonDiv = 16

// CommonThreshold returns how many of n signatures must hold a slot value
// for it to be common: max(MinCommon, ⌈CommonShare·n⌉).
func CommonThreshold(n int) int {
	return max(MinCommon, int(math.Ceil(CommonShare*float64(n))))
}

// SlotCounts estimates how many signatures hold each value in each slot. It
// is a table of counters indexed by a hash of (slot, value), so a count is
// never below the true one and exceeds it by the few other pairs that share
// its counter: with n signatures of p slots and w counters, n·p/w on
// average, 32 for a million signatures of 128 slots in the largest table.
// The zero value is not usable; use [NewSlotCounts]. It is not safe for
// concurrent use.
type SlotCounts struct {
	n      int64
	counts []uint32
}

// MaxSlotCounters is the size of the largest table of [SlotCounts]
// (16 MiB).
const MaxSlotCounters = 1 << 22

// NewSlotCounts returns empty counts sized for about n signatures of perms
// slots: a power of two of counters, at least 4·n·perms/16 and at most
// [MaxSlotCounters], so that chance counts stay far below [MinCommon].
func NewSlotCounts(n, perms int) *SlotCounts {
	w := 1 << 12
	for w < MaxSlotCounters && w < n*perms/4 {
		w <<= 1
	}
	return &SlotCounts{counts: make([]uint32, w)}
}

func (c *SlotCounts) index(slot int, v uint32) int {
	return int(mix64(uint64(slot)<<32|uint64(v)) & uint64(len(c.counts)-1))
}

// Add counts the values of sig. An empty signature counts for nothing.
func (c *SlotCounts) Add(sig Signature) {
	if len(sig) == 0 || sig[0] == EmptySlot {
		return
	}
	c.n++
	for i, v := range sig {
		if p := &c.counts[c.index(i, v)]; *p < math.MaxUint32 {
			*p++
		}
	}
}

// Merge adds the counts of o, which must have as many counters.
func (c *SlotCounts) Merge(o *SlotCounts) {
	c.n += o.n
	for i, v := range o.counts {
		c.counts[i] = uint32(min(uint64(c.counts[i])+uint64(v), math.MaxUint32))
	}
}

// Len returns the number of signatures counted.
func (c *SlotCounts) Len() int { return int(c.n) }

// Count returns the estimated number of signatures holding v in slot.
func (c *SlotCounts) Count(slot int, v uint32) int { return int(c.counts[c.index(slot, v)]) }

// MarshalBinary encodes the counts: the number of signatures, then the
// counters, little-endian.
func (c *SlotCounts) MarshalBinary() ([]byte, error) {
	b := make([]byte, 8, 8+4*len(c.counts))
	binary.LittleEndian.PutUint64(b, uint64(c.n))
	for _, v := range c.counts {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	return b, nil
}

// UnmarshalBinary decodes counts written by [SlotCounts.MarshalBinary].
func (c *SlotCounts) UnmarshalBinary(b []byte) error {
	w := (len(b) - 8) / 4
	if len(b) < 8 || (len(b)-8)%4 != 0 || w < 1 || w&(w-1) != 0 || w > MaxSlotCounters {
		return errors.New("shingle: malformed slot counts")
	}
	c.n = int64(binary.LittleEndian.Uint64(b))
	c.counts = make([]uint32, w)
	for i := range c.counts {
		c.counts[i] = binary.LittleEndian.Uint32(b[8+4*i:])
	}
	return nil
}

// Commons are the common slot values of a [SlotCounts] at a threshold: a
// bitmap of its counters that reach it. It is safe for concurrent use.
type Commons struct {
	c   *SlotCounts
	hot []uint64 // nil when no counter reaches the threshold
}

// Commons returns the slot values held by at least
// CommonThreshold(c.Len()) signatures. Later changes to c change the
// answers for values counted then: take Commons once counting is done.
func (c *SlotCounts) Commons() *Commons {
	return c.CommonsAt(CommonThreshold(c.Len()))
}

// CommonsAt returns the slot values held by at least min signatures.
func (c *SlotCounts) CommonsAt(min int) *Commons {
	m := &Commons{c: c}
	for i, v := range c.counts {
		if int64(v) >= int64(min) {
			if m.hot == nil {
				m.hot = make([]uint64, (len(c.counts)+63)/64)
			}
			m.hot[i/64] |= 1 << (i % 64)
		}
	}
	return m
}

// Any reports whether any slot value is common.
func (m *Commons) Any() bool { return m != nil && m.hot != nil }

// Mask returns the slots of sig that hold a common value, as a bitmap of
// (len(sig)+63)/64 words written into dst when it has the capacity; nil
// when no slot does (nil is a valid mask with no slot set).
func (m *Commons) Mask(sig Signature, dst []uint64) []uint64 {
	if !m.Any() || len(sig) == 0 || sig[0] == EmptySlot {
		return nil
	}
	var out []uint64
	for i, v := range sig {
		j := m.c.index(i, v)
		if m.hot[j/64]&(1<<(j%64)) == 0 {
			continue
		}
		if out == nil {
			n := (len(sig) + 63) / 64
			if cap(dst) >= n {
				out = dst[:n]
				clear(out)
			} else {
				out = make([]uint64, n)
			}
		}
		out[i/64] |= 1 << (i % 64)
	}
	return out
}

// Own returns how many of perms slots a mask leaves: the slots holding the
// article's own text.
func Own(mask []uint64, perms int) int {
	n := perms
	for _, w := range mask {
		n -= bits.OnesCount64(w)
	}
	return n
}

// MostlyCommon reports whether a signature of perms slots with the given
// mask has fewer than perms/[MostlyCommonDiv] slots of its own (at least
// one): it is compared on all its slots.
func MostlyCommon(mask []uint64, perms int) bool {
	return Own(mask, perms) < max(1, perms/MostlyCommonDiv)
}

// BandCommon reports whether every row of band band (of rows rows) holds
// a common value in the mask: the band's key says nothing of the article.
func BandCommon(mask []uint64, band, rows int) bool {
	if mask == nil {
		return false
	}
	for i := band * rows; i < (band+1)*rows; i++ {
		if mask[i/64]&(1<<(i%64)) == 0 {
			return false
		}
	}
	return true
}

// An Estimate is what two signatures tell of their two sets, A and B.
type Estimate struct {
	// Jaccard estimates |A∩B| / |A∪B|.
	Jaccard float64
	// Containment estimates |A∩B| over the size of the smaller set: the
	// share of the shorter text that the longer one holds.
	Containment float64
	// BSmaller is set when B is the smaller set (A when they are as large).
	BSmaller bool
	// Slots is the number of slots the estimate rests on.
	Slots int
}

// Compare estimates the Jaccard similarity and the containment of two
// signatures of equal length. Each slot is a draw of the minimum of A ∪ B
// under a random ranking of shingles: the two agree when it lies in A∩B,
// and the smaller value (slot values are rank-ordered) tells which set
// holds it otherwise. So over the slots, equal/all estimates J,
// equal/(equal + A's smaller) the containment of A in B, and the other
// way round for B.
//
// Slots where both masks (from [Commons.Mask]; nil for none) are set are
// left out, so that a shared common passage neither links two articles
// nor hides what else they share; unless both signatures are
// [MostlyCommon], which are compared on all slots. Signatures of different
// lengths, or an empty one, give the zero Estimate.
func Compare(a, b Signature, ma, mb []uint64) Estimate {
	if len(a) != len(b) || len(a) == 0 || a[0] == EmptySlot || b[0] == EmptySlot {
		return Estimate{}
	}
	b = b[:len(a)]
	if ma != nil && mb != nil && MostlyCommon(ma, len(a)) && MostlyCommon(mb, len(a)) {
		ma, mb = nil, nil
	}
	var eq, lt, gt int
	if ma == nil || mb == nil {
		for i, v := range a {
			w := b[i]
			eq += b2i(v == w)
			lt += b2i(v < w)
		}
		gt = len(a) - eq - lt
	} else {
		for i, v := range a {
			if ma[i/64]&mb[i/64]&(1<<(i%64)) != 0 {
				continue
			}
			w := b[i]
			eq += b2i(v == w)
			lt += b2i(v < w)
			gt += b2i(v > w)
		}
	}
	n := eq + lt + gt
	if n == 0 {
		return Estimate{}
	}
	e := Estimate{Jaccard: float64(eq) / float64(n), Slots: n, BSmaller: gt < lt}
	e.Containment = float64(eq) / float64(eq+min(lt, gt))
	if eq == 0 {
		e.Containment = 0
	}
	return e
}
