package shingle

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randSet returns n random shingle hashes.
func randSet(r *rand.Rand, n int) []uint64 {
	s := make([]uint64, n)
	for i := range s {
		s[i] = r.Uint64()
	}
	return s
}

func join(sets ...[]uint64) []uint64 {
	var out []uint64
	for _, s := range sets {
		out = append(out, s...)
	}
	return out
}

// TestCompare checks the estimates of Compare against exact values, with
// and without a common passage.
func TestCompare(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	m := NewMinHasher(256, 7)
	footer := randSet(r, 300)
	shared := randSet(r, 90)
	// Counts from 2,000 articles, half of them carrying the footer.
	counts := NewSlotCounts(2000, 256)
	for i := range 2000 {
		body := randSet(r, 60+r.IntN(120))
		if i%2 == 0 {
			body = append(body, footer...)
		}
		counts.Add(m.Signature(body))
	}
	commons := counts.Commons()
	if !commons.Any() {
		t.Fatal("a footer in half the articles gives no common value")
	}
	long := randSet(r, 800)
	tests := []struct {
		name          string
		a, b          []uint64
		jaccard, cont float64 // want, within 0.1
		smaller       string  // "a", "b", or "" for sets of one size
	}{
		{"unrelated bodies, shared footer", join(randSet(r, 120), footer), join(randSet(r, 120), footer), 0, 0, ""},
		{"near-duplicate bodies, shared footer", join(shared, randSet(r, 30), footer), join(shared, randSet(r, 30), footer), 0.6, 0.75, ""},
		{"footer in one only", join(shared, footer), shared, 90.0 / 390, 1, "b"},
		{"excerpt", long[:200], long, 0.25, 1, "a"},
		{"footer alone, twice", footer, footer, 1, 1, ""},
		{"footer alone and an article with it", footer, join(randSet(r, 120), footer), 0, 0, ""},
	}
	for _, tt := range tests {
		sa, sb := m.Signature(tt.a), m.Signature(tt.b)
		e := Compare(sa, sb, commons.Mask(sa, nil), commons.Mask(sb, nil))
		if math.Abs(e.Jaccard-tt.jaccard) > 0.1 || math.Abs(e.Containment-tt.cont) > 0.1 || (tt.smaller != "" && e.BSmaller != (tt.smaller == "b")) {
			t.Errorf("%s: Compare = %+v, want Jaccard %.2f, containment %.2f, smaller set %q", tt.name, e, tt.jaccard, tt.cont, tt.smaller)
		}
	}
	// Without masks the shared footer dominates.
	a, b := m.Signature(join(randSet(r, 120), footer)), m.Signature(join(randSet(r, 120), footer))
	if e := Compare(a, b, nil, nil); math.Abs(e.Jaccard-300.0/540) > 0.1 {
		t.Errorf("unmasked Compare = %+v, want Jaccard %.2f", e, 300.0/540)
	}
	if got, want := Compare(a, b, nil, nil).Jaccard, a.Similarity(b); got != want {
		t.Errorf("unmasked Compare Jaccard %v != Similarity %v", got, want)
	}
}

func TestSlotCountsRoundTrip(t *testing.T) {
	c := NewSlotCounts(10, 16)
	m := NewMinHasher(16, 1)
	for i := range 10 {
		c.Add(m.Signature([]uint64{uint64(i), 99}))
	}
	b, _ := c.MarshalBinary()
	var d SlotCounts
	if err := d.UnmarshalBinary(b); err != nil {
		t.Fatal(err)
	}
	sig := m.Signature([]uint64{3, 99})
	for i, v := range sig {
		if c.Count(i, v) != d.Count(i, v) || d.Count(i, v) < 1 {
			t.Fatalf("slot %d: count %d after round trip, %d before", i, d.Count(i, v), c.Count(i, v))
		}
	}
	if d.Len() != 10 {
		t.Errorf("Len = %d, want 10", d.Len())
	}
	if err := d.UnmarshalBinary(b[:len(b)-4]); err == nil {
		t.Error("UnmarshalBinary of a truncated table succeeded")
	}
	if CommonThreshold(10) != MinCommon || CommonThreshold(1_000_000) != 5000 {
		t.Errorf("CommonThreshold(10), (1e6) = %d, %d", CommonThreshold(10), CommonThreshold(1_000_000))
	}
}
