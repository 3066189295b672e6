package pipeline

import (
	"reflect"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/transforms/stats"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// sketchRec is what verifying needs of an article (see [dedup.Sketch]),
// and its length for --keep longest.
type sketchRec struct {
	Sig    []uint32
	Mask   []uint64 // empty for none
	Mostly bool
	Length uint32
}

// sketch returns the dedup.Sketch of r (a nil Mask for none, as
// shingle.Compare wants it).
func (r *sketchRec) sketch() dedup.Sketch {
	s := dedup.Sketch{Sig: r.Sig, Mostly: r.Mostly}
	if len(r.Mask) > 0 {
		s.Mask = r.Mask
	}
	return s
}

// member is an article in an LSH bucket: its ordinal and, for
// dedup.CommonBucket, its common slots.
type member struct {
	Ord    uint64
	Mask   []uint64
	Mostly bool
}

func init() {
	beam.RegisterType(reflect.TypeOf(sketchRec{}))
	beam.RegisterType(reflect.TypeOf(member{}))
	// Registered for reflection: register.DoFn cannot wrap a FinishBundle
	// that emits.
	beam.RegisterType(reflect.TypeOf((*countFn)(nil)).Elem())
	register.Function2x1(mergeCounts)
	register.DoFn4x0[article, []byte, func(uint64, sketchRec), func(uint64, member)](&sketchFn{})
	register.Emitter1[[]byte]()
	register.Emitter2[uint64, sketchRec]()
	register.Emitter2[uint64, member]()
}

// common counts the slot values of all signatures as dedup does
// (shingle.SlotCounts, sized for the number of articles) and keys every
// article by the bucket of each band. It returns the sketches by ordinal
// and the bucket entries by band and bucket.
func common(s beam.Scope, cfg *Config, arts beam.PCollection) (sketches, buckets beam.PCollection) {
	n := stats.CountElms(s, arts)
	parts := beam.ParDo(s, &countFn{Perms: cfg.Shingle.Perms}, arts, beam.SideInput{Input: n})
	counts := beam.Combine(s, mergeCounts, parts)
	return beam.ParDo2(s, &sketchFn{Bands: cfg.Bands, Rows: cfg.Rows}, arts, beam.SideInput{Input: counts})
}

// countFn counts the slot values of a bundle's signatures, in a table
// sized for all n articles, so that the tables of all bundles merge
// into the one dedup counts.
type countFn struct {
	Perms int

	counts *shingle.SlotCounts
}

func (f *countFn) ProcessElement(a article, n int, _ func([]byte)) {
	if f.counts == nil {
		f.counts = shingle.NewSlotCounts(n, f.Perms)
	}
	f.counts.Add(a.Sig)
}

func (f *countFn) FinishBundle(_ int, emit func([]byte)) error {
	if f.counts == nil {
		return nil
	}
	b, err := f.counts.MarshalBinary()
	if err != nil {
		return err
	}
	emit(b)
	f.counts = nil
	return nil
}

// mergeCounts merges two encoded SlotCounts.
func mergeCounts(a, b []byte) []byte {
	var x, y shingle.SlotCounts
	if err := x.UnmarshalBinary(a); err != nil {
		panic(err) // encoded by countFn: a bug
	}
	if err := y.UnmarshalBinary(b); err != nil {
		panic(err)
	}
	x.Merge(&y)
	out, _ := x.MarshalBinary()
	return out
}

// sketchFn masks the common slots of each article and keys it by band.
type sketchFn struct {
	Bands, Rows int

	commons *shingle.Commons
}

func (f *sketchFn) ProcessElement(a article, counts []byte, emitSketch func(uint64, sketchRec), emitMember func(uint64, member)) {
	if f.commons == nil {
		var c shingle.SlotCounts
		if err := c.UnmarshalBinary(counts); err != nil {
			panic(err) // encoded by countFn: a bug
		}
		f.commons = c.Commons()
	}
	sig := shingle.Signature(a.Sig)
	mask := f.commons.Mask(sig, nil)
	mostly := mask != nil && shingle.MostlyCommon(mask, len(sig))
	emitSketch(a.Ord, sketchRec{Sig: a.Sig, Mask: mask, Mostly: mostly, Length: a.Length})
	for band := range f.Bands {
		emitMember(bucketKey(sig, band, f.Rows), member{Ord: a.Ord, Mask: mask, Mostly: mostly})
	}
}

// bucketKey is the key of band band of sig: the band number, and the
// bucket shingle.SortBand gives it (the high 32 bits of its BandKey).
func bucketKey(sig shingle.Signature, band, rows int) uint64 {
	return uint64(band)<<32 | shingle.BandKey(sig, band, rows)>>32
}

// occurrence is a pair examined in a bucket, under its first article: the
// second, and the band.
type occurrence struct {
	B    uint64
	Band int32
}

// half is a pair under its second article: the first with its sketch, and
// the bands it was examined in.
type half struct {
	A     uint64
	Bands []int32
	Rec   sketchRec
}

// link is a verified pair, with the lengths of both articles.
type link struct {
	A, B       uint64
	Sim        float32
	LenA, LenB uint32
}

func init() {
	for _, t := range []any{occurrence{}, half{}, link{}} {
		beam.RegisterType(reflect.TypeOf(t))
	}
	register.DoFn3x0[uint64, func(*member) bool, func(uint64, occurrence)](&bucketFn{})
	register.Function4x0(joinFirst)
	register.DoFn4x0[uint64, func(*sketchRec) bool, func(*half) bool, func(link)](&verifyFn{})
	register.Iter1[member]()
	register.Iter1[sketchRec]()
	register.Iter1[occurrence]()
	register.Iter1[half]()
	register.Emitter2[uint64, occurrence]()
	register.Emitter2[uint64, half]()
	register.Emitter1[link]()
}

// verify finds the candidate pairs of every bucket and verifies each in
// the first band its articles share.
func verify(s beam.Scope, cfg *Config, sketches, buckets beam.PCollection) beam.PCollection {
	occs := beam.ParDo(s, &bucketFn{Rows: cfg.Rows}, beam.GroupByKey(s, buckets))
	halves := beam.ParDo(s, joinFirst, beam.CoGroupByKey(s, sketches, occs))
	return beam.ParDo(s, &verifyFn{Bands: cfg.Bands, Rows: cfg.Rows, Threshold: cfg.Threshold}, beam.CoGroupByKey(s, sketches, halves))
}

// bucketFn emits the pairs dedup examines in one bucket.
type bucketFn struct {
	Rows int
}

func (f *bucketFn) ProcessElement(key uint64, members func(*member) bool, emit func(uint64, occurrence)) {
	var bucket []member
	var m member
	for members(&m) {
		bucket = append(bucket, m)
		m = member{}
	}
	if len(bucket) < 2 {
		return
	}
	slices.SortFunc(bucket, func(x, y member) int { return compareOrd(x.Ord, y.Ord) })
	band := int(key >> 32)
	var buf []member
	bucket = dedup.CommonBucket(bucket, func(m member) dedup.Sketch {
		r := sketchRec{Mask: m.Mask, Mostly: m.Mostly}
		return r.sketch()
	}, band, f.Rows, &buf)
	for i, j := range dedup.BucketPairs(len(bucket)) {
		emit(bucket[i].Ord, occurrence{B: bucket[j].Ord, Band: int32(band)})
	}
}

func compareOrd(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// joinFirst gives each pair examined under its first article that
// article's sketch, once per pair with all the bands it was examined in,
// keyed by the second article.
func joinFirst(a uint64, sketches func(*sketchRec) bool, occs func(*occurrence) bool, emit func(uint64, half)) {
	var rec sketchRec
	if !sketches(&rec) {
		return // no such article: cannot happen
	}
	bands := map[uint64][]int32{}
	var o occurrence
	for occs(&o) {
		bands[o.B] = append(bands[o.B], o.Band)
	}
	for b, bs := range bands {
		emit(b, half{A: a, Bands: bs, Rec: rec})
	}
}

// verifyFn verifies the pairs under their second article, each in the
// first band the two share and only when the pair was examined there, as
// dedup examines a pair in each band it shares and verifies it in the
// first.
type verifyFn struct {
	Bands, Rows int
	Threshold   float64
}

func (f *verifyFn) ProcessElement(b uint64, sketches func(*sketchRec) bool, halves func(*half) bool, emit func(link)) {
	var rec sketchRec
	if !sketches(&rec) {
		return
	}
	sb := rec.sketch()
	var h half
	for halves(&h) {
		sa := h.Rec.sketch()
		if !slices.Contains(h.Bands, int32(dedup.FirstBand(sa, sb, f.Bands, f.Rows))) {
			h = half{}
			continue
		}
		if v, est := dedup.Verify(sa, sb, f.Threshold, 0); v == dedup.Linked {
			emit(link{A: h.A, B: b, Sim: float32(est.Jaccard), LenA: h.Rec.Length, LenB: rec.Length})
		}
		h = half{}
	}
}
