package shingle

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// randomPair returns two sets of n random shingles sharing c of them.
func randomPair(rng *rand.Rand, n, c int) (a, b []uint64) {
	a = make([]uint64, 0, n)
	b = make([]uint64, 0, n)
	for range c {
		x := rng.Uint64()
		a, b = append(a, x), append(b, x)
	}
	for range n - c {
		a, b = append(a, rng.Uint64()), append(b, rng.Uint64())
	}
	return a, b
}

// TestEstimatorError measures the error of the fast sketch (and, as a
// check on the harness, of classic MinHash) over many random set pairs of
// known Jaccard similarity J, and requires the root-mean-square error to be
// within 10% of classic MinHash's theoretical √(J(1−J)/k). The allowance
// for sampling noise is three standard errors of the mean squared error,
// estimated from the same sample.
func TestEstimatorError(t *testing.T) {
	const k = 128
	pairs := 2000
	if testing.Short() {
		pairs = 400
	}
	m := NewMinHasher(k, 7)
	methods := []struct {
		name    string
		sign    func([]uint64) Signature
		maxSize int
		pairs   int
	}{
		{"fast", m.Signature, math.MaxInt, pairs},
		{"classic", m.Classic, 500, pairs / 4},
	}
	for _, meth := range methods {
		for _, n := range []int{20, 100, 500, 2000} {
			if n > meth.maxSize {
				continue
			}
			for _, target := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
				c := int(math.Round(2 * float64(n) * target / (1 + target)))
				j := float64(c) / float64(2*n-c)
				t.Run(fmt.Sprintf("%s/n=%d/J=%.1f", meth.name, n, target), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(n), uint64(c)))
					var sum, sum2, sum4 float64
					for range meth.pairs {
						a, b := randomPair(rng, n, c)
						e := meth.sign(a).Similarity(meth.sign(b)) - j
						sum += e
						sum2 += e * e
						sum4 += e * e * e * e
					}
					np := float64(meth.pairs)
					mse := sum2 / np
					seMSE := math.Sqrt((sum4/np - mse*mse) / np)
					theory := j * (1 - j) / k
					limit := 1.10*1.10*theory + 3*seMSE
					t.Logf("J=%.3f rmse/theory=%.3f bias=%+.4f (limit %.3f)",
						j, math.Sqrt(mse/theory), sum/np, math.Sqrt(limit/theory))
					if bias, se := sum/np, math.Sqrt((mse-(sum/np)*(sum/np))/np); math.Abs(bias) > 4*se {
						t.Errorf("bias %+.4f exceeds 4 standard errors (%.4f)", bias, 4*se)
					}
					if mse > limit {
						t.Errorf("RMSE %.4f exceeds 1.1×√(J(1−J)/k) = %.4f (+ noise allowance: limit %.4f)",
							math.Sqrt(mse), 1.1*math.Sqrt(theory), math.Sqrt(limit))
					}
				})
			}
		}
	}
}

func TestSignatureProperties(t *testing.T) {
	m := NewMinHasher(64, 1)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 5, 20, 127, 128, 129, 1000} {
		set := make([]uint64, n)
		for i := range set {
			set[i] = rng.Uint64()
		}
		for _, meth := range []struct {
			name string
			sign func([]uint64) Signature
		}{{"fast", m.Signature}, {"classic", m.Classic}} {
			sig := meth.sign(set)
			if len(sig) != 64 {
				t.Fatalf("%s n=%d: len = %d, want 64", meth.name, n, len(sig))
			}
			// Order and duplicates do not matter.
			shuffled := append(slices.Clone(set), set...)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			if got := meth.sign(shuffled); !slices.Equal(got, sig) {
				t.Errorf("%s n=%d: signature depends on order or duplicates", meth.name, n)
			}
			empty := slices.Index(sig, EmptySlot) >= 0
			if n == 0 && (!empty || slices.ContainsFunc(sig, func(v uint32) bool { return v != EmptySlot })) {
				t.Errorf("%s: empty set signature = %v, want all EmptySlot", meth.name, sig)
			}
			if n > 0 && empty {
				t.Errorf("%s n=%d: non-empty set has an EmptySlot", meth.name, n)
			}
			if want := 1.0; n > 0 && sig.Similarity(sig) != want {
				t.Errorf("%s n=%d: self similarity = %v, want %v", meth.name, n, sig.Similarity(sig), want)
			}
			if n == 0 && sig.Similarity(sig) != 0 {
				t.Errorf("%s: empty self similarity = %v, want 0", meth.name, sig.Similarity(sig))
			}
		}
	}
}

func TestSimilarityLengthMismatch(t *testing.T) {
	if got := (Signature{1, 2}).Similarity(Signature{1, 2, 3}); got != 0 {
		t.Errorf("Similarity of different lengths = %v, want 0", got)
	}
}

// TestSignTextMatchesSignature checks that the streaming path gives the
// signature of the shingle set.
func TestSignTextMatchesSignature(t *testing.T) {
	m := NewMinHasher(128, 3)
	texts := append(seedTexts(t), "", "one", "two words", "“Curly” — ﬁne ½ İstanbul", "a b c d e f")
	for _, opt := range []Options{{Kind: Word, K: 5}, {Kind: Word, K: 1}, {Kind: Word, K: 3}, {Kind: Char, K: 5}} {
		var dst Signature
		for i, text := range texts {
			want := m.Signature(opt.Shingles(text))
			dst = m.SignText(opt, text, dst)
			if !slices.Equal(dst, want) {
				t.Errorf("SignText(%+v, text %d) differs from Signature(Shingles)", opt, i)
			}
		}
	}
}

func TestMinHasherConcurrent(t *testing.T) {
	m := NewMinHasher(128, 9)
	texts := seedTexts(t)
	want := make([]Signature, len(texts))
	for i, s := range texts {
		want[i] = m.SignText(Options{}, s, nil)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 20 {
				for i, s := range texts {
					if got := m.SignText(Options{}, s, nil); !slices.Equal(got, want[i]) {
						t.Errorf("concurrent SignText of text %d differs", i)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestGolden pins the hashing: a change to tokenising, hashing, shingling
// or the sketch changes these values and must be deliberate, with
// SketchVersion raised (saved signatures would become incomparable).
func TestGolden(t *testing.T) {
	const text = "The Central African Republic says Russia and Rwanda have deployed hundreds of troops."
	if got, want := HashString("storydiff"), uint64(0xcc0c89a7fa61c5e0); got != want {
		t.Errorf("HashString(%q) = %#x, want %#x", "storydiff", got, want)
	}
	m := NewMinHasher(16, 42)
	sh := Options{}.Shingles(text)
	if got, want := len(sh), 9; got != want {
		t.Errorf("len(Shingles) = %d, want %d", got, want)
	}
	tests := []struct {
		name string
		got  Signature
		want Signature
	}{
		{"fast", m.Signature(sh), Signature{0x1bac28c, 0x1217d9ba, 0x40908fb, 0x7b387c, 0x32db8a, 0x40c76f8, 0xa76993a, 0x242e3585, 0x4a2e683, 0xb98d00d, 0x13e6d9eb, 0x500db, 0x63f0d02, 0xe5b0467, 0xdbb8ae0, 0x2e713bd}},
		{"classic", m.Classic(sh), Signature{0x1e2dfe64, 0x5a40d72, 0x9e0ef95, 0x16d6b0c7, 0x7b99df3, 0x2bc291d4, 0xa9a35e5, 0x4bb2dd1, 0x33ee7174, 0x331a72c, 0x51737047, 0x143d5044, 0x54e70b9, 0x319c97a1, 0x22a4cd16, 0x19da54b1}},
		{"char", m.SignText(Options{Kind: Char, K: 4}, text, nil), Signature{0x2a83220, 0x1142eb4, 0xea8eb0, 0xd6c452, 0x2eb7ca, 0x1c8a44, 0x551603, 0x19e8d8, 0xc0d66b, 0x1286f34, 0x426133, 0x9976e4, 0x44ee68, 0x12b5c38, 0x4141fc, 0x23bd9e}},
	}
	for _, tt := range tests {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s signature = %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
}
