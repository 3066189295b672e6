package shingle

import "sync"

// SketchVersion identifies the tokenising, hashing and sketch scheme. It
// changes whenever the signature of some input under the same options and
// seed would change, so that saved signatures can be checked for
// compatibility before they are compared with new ones.
//
// Version 2 made slot values rank-ordered (see [MinHasher]): the values
// of version 1 kept the low 32 bits of each slot's hash and dropped its
// round.
const SketchVersion = 2

// maxRounds bounds the rounds of the fast sketch (see [MinHasher]). It is
// part of the signature definition: changing it changes signatures.
const maxRounds = 32

// MinHasher computes signatures with a fixed number of seeded permutations.
// It is safe for concurrent use; per-call scratch buffers come from an
// internal pool, so [MinHasher.SignText] does not allocate in steady state.
// A MinHasher must not be copied after first use.
//
// # Method
//
// [MinHasher.Signature] and [MinHasher.SignText] use fast similarity
// sketching (Dahlgaard, Knudsen and Thorup, "Fast Similarity Sketching",
// FOCS 2017), a one-permutation scheme that, unlike plain one-permutation
// hashing with densification, stays an exact MinHash in every slot for
// sets of every size:
//
//   - In round t = 0, 1, 2, … every shingle x is hashed with a round seed
//     to one slot and a 32-bit value; the slot keeps the pair (t, value)
//     with the smallest t, then the smallest value.
//   - The sketch stops after the first round in which every slot holds a
//     value: later rounds cannot improve any slot. A 4 KB article (~700
//     shingles for 128 slots) needs one or two rounds; a set of 20
//     shingles about 25.
//   - Slots still empty after maxRounds rounds take, for each slot alone, a
//     classic MinHash over the set, ranked after every round value.
//
// A slot stores its round above the high bits of its value, so that slot
// values of two signatures compare as the ranks of their shingles do.
//
// So each slot holds the minimum over the set of a fixed random ranking of
// all possible shingles, chosen by the seed alone: two sets agree in a slot
// exactly when the same shingle wins it, with probability J, their Jaccard
// similarity. Unlike k independent permutations, the slots of one round
// are drawn without replacement, so the estimate's variance is at most
// classic MinHash's (and lower for small sets). TestEstimatorError checks
// the empirical error against √(J(1−J)/k) for J from 0.1 to 0.9 and sets
// of 20 to 2000 shingles. The cost is O(n + k log k) per set of n shingles
// instead of O(nk).
//
// [MinHasher.Classic] computes classic MinHash with k independent
// multiply-shift permutations, for comparison. The two kinds of signature
// are not comparable with each other.
type MinHasher struct {
	perms  int
	seed   uint64
	rounds [maxRounds]uint64 // per-round seeds of the fast sketch
	slot   []uint64          // per-slot seeds of its fallback
	a, b   []uint64          // classic: h_i(x) = (a_i·x + b_i) >> 32, a_i odd
	pool   sync.Pool         // *scratch
}

type scratch struct {
	vals []uint64 // fast sketch: round<<32 | value per slot
	xs   []uint64 // shingle hashes of the text being signed
	tok  tokenizer
	win  wordWindow
}

// NewMinHasher returns a MinHasher with perms permutations (at least 1)
// derived from seed by SplitMix64.
func NewMinHasher(perms int, seed uint64) *MinHasher {
	perms = max(perms, 1)
	m := &MinHasher{
		perms: perms,
		seed:  seed,
		slot:  make([]uint64, perms),
		a:     make([]uint64, perms),
		b:     make([]uint64, perms),
	}
	st := seed
	for i := range m.rounds {
		m.rounds[i] = splitmix64(&st)
	}
	for i := range perms {
		m.slot[i] = splitmix64(&st)
		m.a[i] = splitmix64(&st) | 1
		m.b[i] = splitmix64(&st)
	}
	m.pool.New = func() any { return &scratch{vals: make([]uint64, perms)} }
	return m
}

// MinHasher returns a MinHasher for o.Perms permutations (DefaultPerms when
// less than 1) and o.Seed.
func (o Options) MinHasher() *MinHasher {
	p := o.Perms
	if p < 1 {
		p = DefaultPerms
	}
	return NewMinHasher(p, o.Seed)
}

// Perms returns the number of permutations (the signature length).
func (m *MinHasher) Perms() int { return m.perms }

// Seed returns the seed the permutations were derived from.
func (m *MinHasher) Seed() uint64 { return m.seed }

// Signature returns the MinHash signature of a shingle set, by fast
// similarity sketching (see [MinHasher]). Duplicates and order in shingles
// do not matter. An empty set gives a signature of [EmptySlot]s.
func (m *MinHasher) Signature(shingles []uint64) Signature {
	sc := m.pool.Get().(*scratch)
	sig := m.sketch(shingles, make(Signature, m.perms), sc.vals)
	m.pool.Put(sc)
	return sig
}

// SignText tokenises, shingles (per opt.Kind and opt.K; opt.Perms and
// opt.Seed are ignored in favour of m's) and signs text, writing the
// signature into dst when it has the capacity. It equals
// m.Signature(opt.Shingles(text)). For word shingles it builds no
// intermediate strings or sets and, in steady state, allocates nothing but
// the result (nothing when dst is large enough), except for tokens that
// hold non-ASCII letters.
func (m *MinHasher) SignText(opt Options, text string, dst Signature) Signature {
	if cap(dst) < m.perms {
		dst = make(Signature, m.perms)
	}
	dst = dst[:m.perms]
	sc := m.pool.Get().(*scratch)
	xs := sc.xs[:0]
	if opt.Kind == Char {
		xs = append(xs, CharShingles(text, opt.K)...)
	} else {
		sc.tok.reset(text)
		sc.win.reset(opt.K)
		for {
			str, b, _, _, ok := sc.tok.next()
			if !ok {
				break
			}
			var x uint64
			if b != nil {
				x = hashBytes(b)
			} else {
				x = HashString(str)
			}
			if h, ok := sc.win.add(x); ok {
				xs = append(xs, h)
			}
		}
		if h, ok := sc.win.short(); ok {
			xs = append(xs, h)
		}
		sc.tok.reset("")
	}
	m.sketch(xs, dst, sc.vals)
	if cap(xs) <= 1<<16 { // do not pin the buffer of a huge article
		sc.xs = xs
	}
	m.pool.Put(sc)
	return dst
}

// sketch writes the fast similarity sketch of xs into dst (len m.perms)
// using vals (len m.perms) as scratch.
func (m *MinHasher) sketch(xs []uint64, dst Signature, vals []uint64) Signature {
	const none = ^uint64(0)
	for i := range vals {
		vals[i] = none
	}
	k := uint64(m.perms)
	filled := 0
	for t := 0; t < maxRounds && filled < m.perms && len(xs) > 0; t++ {
		rs, tt := m.rounds[t], uint64(t)<<32
		for _, x := range xs {
			h := mix64(x ^ rs)
			i := (h >> 32) * k >> 32 // uniform slot in [0, k)
			v := tt | h&0xffffffff
			if v < vals[i] {
				if vals[i] == none {
					filled++
				}
				vals[i] = v
			}
		}
	}
	if filled < m.perms && len(xs) > 0 {
		for i, v := range vals {
			if v != none {
				continue
			}
			best := none
			for _, x := range xs {
				best = min(best, mix64(x^m.slot[i]))
			}
			vals[i] = maxRounds<<32 | best>>32
		}
	}
	for i, v := range vals {
		dst[i] = slotValue(v)
		if v == none {
			dst[i] = EmptySlot
		}
	}
	return dst
}

// slotValue packs a slot's round<<32 | 32-bit value into 32 bits that keep
// their order: the round (at most maxRounds, 6 bits) above the value's high
// 26 bits. Values of two signatures thus compare as their ranks do, which
// [Compare] needs to tell which set holds the smaller minimum of a slot.
// Two different shingles share a slot value with probability 2⁻²⁶, too
// seldom to move an estimate. The result is below [EmptySlot].
func slotValue(v uint64) uint32 {
	return uint32(v>>32)<<26 | uint32(v)>>6
}

// Classic returns the classic MinHash signature of a shingle set: slot i is
// the minimum over the set of the i-th multiply-shift permutation. It costs
// O(n·k) and exists for comparison with [MinHasher.Signature], whose
// signatures it is not comparable with.
func (m *MinHasher) Classic(shingles []uint64) Signature {
	sig := make(Signature, m.perms)
	for i := range sig {
		sig[i] = EmptySlot
	}
	if len(shingles) == 0 {
		return sig
	}
	a, b := m.a, m.b[:len(m.a)]
	for _, x := range shingles {
		for i := range a {
			if v := uint32((a[i]*x + b[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	for i, v := range sig {
		if v == EmptySlot {
			sig[i] = EmptySlot - 1
		}
	}
	return sig
}

// Similarity estimates Jaccard similarity as the fraction of equal slots.
// Slots where both hold [EmptySlot] do not count as equal, so an empty set
// has similarity 0 with everything (as [Jaccard] has). Signatures of
// different lengths give 0.
func (s Signature) Similarity(t Signature) float64 {
	if len(s) != len(t) || len(s) == 0 {
		return 0
	}
	t = t[:len(s)]
	eq := 0
	for i, v := range s {
		// Without branches: on candidates a slot agrees as by a coin flip.
		eq += b2i(v == t[i]) & b2i(v != EmptySlot)
	}
	return float64(eq) / float64(len(s))
}

// b2i is 1 for true, 0 for false (compiled to a flag set, not a branch).
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
