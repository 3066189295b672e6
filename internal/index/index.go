// Package index keeps the signatures of articles in a persistent
// near-duplicate index on disk, so that a newsroom can add each hour's
// articles and ask of new ones whether the index holds a near-duplicate
// or an excerpt of them, at a cost that grows with the new batch, not with
// the index.
//
// An index is a directory holding a marker file and a pebble database
// (github.com/cockroachdb/pebble/v2, an LSM key-value store in pure Go).
// Its keys:
//
//	\x00meta           the parameters, JSON (see Params)
//	\x00counts         the slot value counts (shingle.SlotCounts) and the
//	                   number of articles they count
//	d <n:4>            article n (from 0, in order of addition): signature,
//	                   text length, id, source, title, date, URL
//	i <id>             n of the article with that id
//	p <bucket:4> <n:4> a posting: article n is in the bucket of one of its
//	                   bands: the high 32 bits of its shingle.BandKey (as
//	                   shingle.SortBand buckets; a key shared by chance is
//	                   a candidate that verification drops, 42 in 4·10⁹
//	                   an indexed article)
//
// Articles are added in batches, each one pebble batch committed with
// fsync: a crash or kill leaves every committed batch and nothing of the
// others, and adding the same inputs again skips the ids already there.
// The counts are written when an add ends; articles added after the last
// written counts (a killed add) are counted again when the index opens.
//
// Pebble lets one process open a database at a time: [Open] waits for
// another storydiff process to close it, up to Options.Wait. Within a
// process a [DB] is safe for concurrent use: queries run in parallel with
// each other and with an add, each seeing the batches committed when it
// started.
package index

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/sstable"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// Params are what an index was made with; every article in it was signed
// and banded with them, so they cannot change.
type Params struct {
	Shingle     shingle.Options
	Threshold   float64 // estimated Jaccard of a near-duplicate
	Containment float64 // containment of an excerpt; 0 when the index does not look for excerpts
	Bands, Rows int     // LSH banding, chosen from Threshold and Containment
	Sketch      int     // shingle.SketchVersion
	Probe       []uint32
}

// DefaultParams are the parameters of a new index when none is given:
// those of dedup (word 5-shingles, 128 permutations, seed 1, threshold
// 0.5), no containment.
func DefaultParams() Params {
	return Params{Shingle: shingle.DefaultOptions(), Threshold: shingle.DefaultNearDuplicate}
}

// complete fills the derived fields of p.
func (p *Params) complete() error {
	p.Shingle = p.Shingle.WithDefaults()
	if err := p.Shingle.Check(); err != nil {
		return err
	}
	switch {
	case !(p.Threshold > 0 && p.Threshold <= 1):
		return errors.New("index: threshold must be in (0, 1]")
	case !(p.Containment >= 0 && p.Containment <= 1):
		return errors.New("index: containment must be in [0, 1]")
	}
	p.Bands, p.Rows = dedup.Banding(p.Threshold, p.Containment, p.Shingle.Perms)
	p.Sketch = shingle.SketchVersion
	p.Probe = probe(p.Shingle)
	return nil
}

// probeText is signed with the index's parameters when it is made and
// opened: equal probe signatures show that both sides hash alike.
const probeText = "Signatures probe: the quick brown fox jumps over the lazy dog, " +
	"and 42 newsrooms reprint the same wire story on Monday, 3 March."

func probe(o shingle.Options) []uint32 {
	return o.MinHasher().SignText(o, probeText, nil)
}

// A ParamsError reports an index opened with other parameters than it was
// made with. It wraps [ErrParams].
type ParamsError struct {
	Index, Asked Params
	Fields       []string // the fields that differ: "Shingle.K", "Threshold", "Sketch", ...
}

func (e *ParamsError) Error() string {
	return fmt.Sprintf("%v: %v", ErrParams, e.Fields)
}

func (e *ParamsError) Unwrap() error { return ErrParams }

// ErrParams is wrapped by the error of opening an index with other
// parameters than it was made with.
var ErrParams = errors.New("index made with other parameters")

// ErrNotIndex is wrapped by the error of opening a path that is not an
// index (a file, or a directory holding other things).
var ErrNotIndex = errors.New("not a storydiff index")

// ErrNoIndex is wrapped by the error of opening an index that does not
// exist without Options.Create.
var ErrNoIndex = errors.New("no index")

// ErrBusy is wrapped by the error of opening an index another process
// holds for longer than Options.Wait.
var ErrBusy = errors.New("index in use by another process")

// markerName names the file that marks a directory as an index; its
// content is markerText.
const (
	markerName = "STORYDIFF-INDEX"
	markerText = "storydiff near-duplicate index, format 1; the other files are a pebble database\n"
)

// Options configures [Open].
type Options struct {
	// Params asks for parameters: a field that is set (Set names it) must
	// equal the index's, and a new index takes them (DefaultParams for the
	// others).
	Params Params
	Set    []string // fields of Params given: "Kind", "K", "Perms", "Seed", "Threshold", "Containment"

	Create   bool          // make the index when the directory does not exist or is empty
	ReadOnly bool          // open for queries, stats and export only
	Wait     time.Duration // how long to wait for another process to close the index
}

// DB is an open index. It is safe for concurrent use.
type DB struct {
	dir      string
	db       *pebble.DB
	params   Params
	readOnly bool

	writerOptions sstable.WriterOptions // of the tables an add ingests

	mu      sync.Mutex
	counts  *shingle.SlotCounts // of articles 0..next-1
	commons *shingle.Commons    // nil: recompute from counts
	next    uint32              // number of articles
	dirty   bool                // counts changed since written
}

// cacheBytes is the size of the block cache.
const cacheBytes = 256 << 20

// Key prefixes.
var (
	keyMeta   = []byte("\x00meta")
	keyCounts = []byte("\x00counts")
)

const (
	prefixDoc     = 'd'
	prefixID      = 'i'
	prefixPosting = 'p'
)

func docKey(n uint32) []byte {
	return binary.BigEndian.AppendUint32([]byte{prefixDoc}, n)
}

func idKey(id string) []byte { return append([]byte{prefixID}, id...) }

// bucket returns the posting bucket of band band of sig.
func bucket(sig shingle.Signature, band, rows int) uint64 {
	return shingle.BandKey(sig, band, rows) >> 32
}

// Open opens the index in dir, making it when opt.Create is set and dir
// does not exist or is an empty directory. A path that is a file, or a
// directory holding other things than an index, is never written to
// (ErrNotIndex). Parameters named in opt.Set that differ from the index's
// give a *ParamsError.
func Open(dir string, opt Options) (*DB, error) {
	fi, err := os.Stat(dir)
	create := false
	switch {
	case errors.Is(err, fs.ErrNotExist):
		if !opt.Create {
			return nil, fmt.Errorf("%s: %w (make one with storydiff index add)", dir, ErrNoIndex)
		}
		create = true
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s: %w: a file, not an index directory", dir, ErrNotIndex)
	default:
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, err
		}
		marker, rerr := os.ReadFile(filepath.Join(dir, markerName))
		switch {
		case len(ents) == 0 && opt.Create:
			create = true
		case len(ents) == 0:
			return nil, fmt.Errorf("%s: %w (an empty directory)", dir, ErrNoIndex)
		case rerr != nil || string(marker) != markerText:
			return nil, fmt.Errorf("%s: %w: a directory holding other files", dir, ErrNotIndex)
		}
	}
	if create && opt.ReadOnly {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoIndex)
	}
	if create {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(dir, markerName), []byte(markerText), 0o644); err != nil {
			return nil, err
		}
	}
	// A block cache of 256 MB (pebble's default is 8): a query of 10,000
	// articles reads a few hundred thousand blocks.
	cache := pebble.NewCache(cacheBytes)
	defer cache.Unref() // the store holds its own reference
	popt := &pebble.Options{ReadOnly: opt.ReadOnly, Logger: quietLogger{}, Cache: cache}
	popt.EnsureDefaults()
	for i := range popt.Levels {
		// Bloom filters: most lookups (an id before adding it) find
		// nothing. No compression: signatures and band keys are random
		// bits, which Snappy spent a tenth of an add's time not shrinking.
		popt.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
		popt.Levels[i].Compression = func() *sstable.CompressionProfile { return sstable.NoCompression }
	}
	var db *pebble.DB
	deadline := time.Now().Add(opt.Wait)
	for {
		db, err = pebble.Open(dir, popt)
		if err == nil || !isLocked(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		if isLocked(err) {
			return nil, fmt.Errorf("%s: %w (waited %v; an add or a query is running)", dir, ErrBusy, opt.Wait)
		}
		return nil, fmt.Errorf("%s: %w", dir, err)
	}
	d := &DB{dir: dir, db: db, readOnly: opt.ReadOnly}
	d.writerOptions = popt.MakeWriterOptions(0, db.TableFormat())
	if !opt.ReadOnly {
		// Tables of an add killed before ingesting them.
		stale, _ := filepath.Glob(filepath.Join(dir, ingestPrefix+"*.sst"))
		for _, f := range stale {
			os.Remove(f)
		}
	}
	if err := d.load(opt, create); err != nil {
		db.Close()
		return nil, err
	}
	return d, nil
}

// isLocked reports whether err is pebble's failure to lock a directory
// another process holds.
func isLocked(err error) bool {
	return errors.Is(err, syscall.EAGAIN) || errors.Is(err, syscall.EACCES) || errors.Is(err, syscall.EWOULDBLOCK)
}

// load reads (or, for a new index, writes) the parameters and the counts.
func (d *DB) load(opt Options, create bool) error {
	v, closer, err := d.db.Get(keyMeta)
	if errors.Is(err, pebble.ErrNotFound) {
		if !create && d.readOnly {
			return fmt.Errorf("%s: %w: no parameters recorded", d.dir, ErrNotIndex)
		}
		p := DefaultParams()
		ask := opt.Params
		for _, f := range opt.Set {
			switch f {
			case "Kind":
				p.Shingle.Kind = ask.Shingle.Kind
			case "K":
				p.Shingle.K = ask.Shingle.K
			case "Perms":
				p.Shingle.Perms = ask.Shingle.Perms
			case "Seed":
				p.Shingle.Seed = ask.Shingle.Seed
			case "Threshold":
				p.Threshold = ask.Threshold
			case "Containment":
				p.Containment = ask.Containment
			}
		}
		if err := p.complete(); err != nil {
			return err
		}
		b, _ := json.Marshal(p)
		if err := d.db.Set(keyMeta, b, pebble.Sync); err != nil {
			return err
		}
		d.params = p
		d.counts = newCounts(p)
		return nil
	}
	if err != nil {
		return err
	}
	err = json.Unmarshal(v, &d.params)
	closer.Close()
	if err != nil {
		return fmt.Errorf("%s: %w: unreadable parameters: %v", d.dir, ErrNotIndex, err)
	}
	if err := d.checkParams(opt); err != nil {
		return err
	}
	d.counts = newCounts(d.params)
	counted := uint32(0)
	if v, closer, err := d.db.Get(keyCounts); err == nil {
		if len(v) >= 4 && d.counts.UnmarshalBinary(v[4:]) == nil {
			counted = binary.BigEndian.Uint32(v)
		} else {
			d.counts = newCounts(d.params)
		}
		closer.Close()
	}
	// The number of articles: one past the last article key.
	it, err := d.db.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixDoc}, UpperBound: []byte{prefixDoc + 1}})
	if err != nil {
		return err
	}
	if it.Last() {
		d.next = binary.BigEndian.Uint32(it.Key()[1:]) + 1
	}
	if err := it.Close(); err != nil {
		return err
	}
	// Articles committed after the counts were written (an add that was
	// killed) are counted now.
	if counted < d.next {
		err := d.scan(counted, func(_ uint32, r *Record) error {
			d.counts.Add(r.Sig)
			return nil
		})
		if err != nil {
			return err
		}
		d.dirty = true
	}
	return nil
}

func newCounts(p Params) *shingle.SlotCounts {
	return shingle.NewSlotCounts(1<<30, p.Shingle.Perms) // the largest table: the index grows
}

// checkParams compares the fields opt.Set names with the index's.
func (d *DB) checkParams(opt Options) error {
	p, ask := d.params, opt.Params
	var diff []string
	for _, f := range opt.Set {
		same := true
		switch f {
		case "Kind":
			same = p.Shingle.Kind == ask.Shingle.Kind
		case "K":
			same = p.Shingle.K == ask.Shingle.K
		case "Perms":
			same = p.Shingle.Perms == ask.Shingle.Perms
		case "Seed":
			same = p.Shingle.Seed == ask.Shingle.Seed
		case "Threshold":
			same = p.Threshold == ask.Threshold
		case "Containment":
			same = p.Containment == ask.Containment
		}
		if !same {
			diff = append(diff, f)
		}
	}
	if p.Sketch != shingle.SketchVersion || !slices.Equal(p.Probe, probe(p.Shingle)) {
		diff = append(diff, "Sketch")
	}
	if len(diff) > 0 {
		return &ParamsError{Index: p, Asked: ask, Fields: diff}
	}
	return nil
}

// Params returns the parameters of the index.
func (d *DB) Params() Params { return d.params }

// Len returns the number of articles in the index.
func (d *DB) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return int(d.next)
}

// Close writes the counts if they changed and closes the index.
func (d *DB) Close() error {
	err := d.flushCounts()
	return errors.Join(err, d.db.Close())
}

// flushCounts writes the counts with the number of articles they count.
func (d *DB) flushCounts() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.dirty || d.readOnly {
		return nil
	}
	b, _ := d.counts.MarshalBinary()
	v := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(b)), d.next)
	if err := d.db.Set(keyCounts, append(v, b...), pebble.Sync); err != nil {
		return err
	}
	d.dirty = false
	return nil
}

// Commons returns the slot values common in the index now.
func (d *DB) Commons() *shingle.Commons {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.commons == nil {
		d.commons = d.counts.Commons()
	}
	return d.commons
}

// Record is one article in the index.
type Record struct {
	ID, Source, Title, Date, URL string
	Length                       uint32 // bytes of title and text
	Sig                          shingle.Signature
}

// encode appends the value of r's article key to dst.
func (r *Record) encode(dst []byte) []byte {
	for _, v := range r.Sig {
		dst = binary.LittleEndian.AppendUint32(dst, v)
	}
	dst = binary.LittleEndian.AppendUint32(dst, r.Length)
	for _, s := range []string{r.ID, r.Source, r.Title, r.Date, r.URL} {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	return dst
}

// errCorrupt is wrapped by the error of an article record that cannot be
// decoded.
var errCorrupt = errors.New("corrupt article record")

// decodeRecord decodes an article value of a signature of perms slots.
func decodeRecord(v []byte, perms int) (*Record, error) {
	if len(v) < 4*perms+4 {
		return nil, errCorrupt
	}
	r := &Record{Sig: make(shingle.Signature, perms)}
	for i := range r.Sig {
		r.Sig[i] = binary.LittleEndian.Uint32(v[4*i:])
	}
	v = v[4*perms:]
	r.Length = binary.LittleEndian.Uint32(v)
	v = v[4:]
	for _, s := range []*string{&r.ID, &r.Source, &r.Title, &r.Date, &r.URL} {
		l, n := binary.Uvarint(v)
		if n <= 0 || uint64(len(v)-n) < l || n != len(binary.AppendUvarint(nil, l)) { // canonical only
			return nil, errCorrupt
		}
		*s = string(v[n : n+int(l)])
		v = v[n+int(l):]
	}
	if len(v) != 0 {
		return nil, errCorrupt
	}
	return r, nil
}

// scan calls fn with the articles from n on, in order.
func (d *DB) scan(from uint32, fn func(n uint32, r *Record) error) error {
	it, err := d.db.NewIter(&pebble.IterOptions{LowerBound: docKey(from), UpperBound: []byte{prefixDoc + 1}})
	if err != nil {
		return err
	}
	for it.First(); it.Valid(); it.Next() {
		n := binary.BigEndian.Uint32(it.Key()[1:])
		r, err := decodeRecord(it.Value(), d.params.Shingle.Perms)
		if err != nil {
			it.Close()
			return fmt.Errorf("article %d: %w", n, err)
		}
		if err := fn(n, r); err != nil {
			it.Close()
			return err
		}
	}
	return it.Close()
}

// Export calls fn with every article, in order of addition.
func (d *DB) Export(fn func(n uint32, r *Record) error) error { return d.scan(0, fn) }

// Stats are the figures of `storydiff index stats`.
type Stats struct {
	Articles     int
	Postings     int   // band keys stored: Articles × Bands
	DiskBytes    int64 // size of the directory's files
	CommonAt     int   // articles that must hold a slot value for it to be common
	CommonSlots  int   // counters at or above it (about the common slot values)
	CountedUntil int   // articles the stored counts cover (all, unless an add was killed)
}

// Stats returns the figures of the index.
func (d *DB) Stats() (Stats, error) {
	d.mu.Lock()
	n := int(d.next)
	at := shingle.CommonThreshold(d.counts.Len())
	d.mu.Unlock()
	st := Stats{Articles: n, Postings: n * d.params.Bands, CommonAt: at, CountedUntil: n}
	err := filepath.WalkDir(d.dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if fi, err := e.Info(); err == nil {
			st.DiskBytes += fi.Size()
		}
		return nil
	})
	if v, closer, err := d.db.Get(keyCounts); err == nil {
		if len(v) >= 4 {
			st.CountedUntil = int(binary.BigEndian.Uint32(v))
		}
		closer.Close()
	} else {
		st.CountedUntil = 0
	}
	st.CommonSlots = d.countCommon(at)
	return st, err
}

func (d *DB) countCommon(at int) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	b, _ := d.counts.MarshalBinary()
	k := 0
	for i := 8; i+4 <= len(b); i += 4 {
		if int(binary.LittleEndian.Uint32(b[i:])) >= at {
			k++
		}
	}
	return k
}

// quietLogger drops pebble's informational messages (it logs every WAL
// replay and compaction) and keeps nothing of them: errors reach the
// caller as errors.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any)  {}
func (quietLogger) Errorf(string, ...any) {}
func (quietLogger) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf(format, args...))
}
