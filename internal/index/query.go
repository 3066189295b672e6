package index

import (
	"cmp"
	"encoding/binary"
	"errors"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/cockroachdb/pebble/v2"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// Relation is how an indexed article relates to a new one.
type Relation int

const (
	NearDuplicate Relation = iota // estimated Jaccard at or above the threshold
	Contains                      // the new article holds the indexed one (an excerpt of it)
	ContainedIn                   // the new article is an excerpt of the indexed one
)

// String returns "near-duplicate", "contains" or "contained-in".
func (r Relation) String() string {
	switch r {
	case Contains:
		return "contains"
	case ContainedIn:
		return "contained-in"
	}
	return "near-duplicate"
}

// Match is an indexed article related to a new one.
type Match struct {
	N        uint32 // its number in the index
	Record   *Record
	Estimate shingle.Estimate // a: the new article, b: the indexed one
	Relation Relation
}

// MaxPostings bounds the articles read for one band key of a query. Keys
// shared by more articles are keys of common text only; the query reads
// them for an article that is itself almost all common text, and the first
// MaxPostings (the earliest added) are its candidates.
const MaxPostings = 1000

// A Querier looks up new articles in the state of the index when it was
// made: batches committed later are not seen. Close it when done. One
// Querier is for one goroutine; make one per worker.
type Querier struct {
	d       *DB
	snap    *pebble.Snapshot
	it      *pebble.Iterator
	commons *shingle.Commons
	key     []byte
	cands   []uint32
}

// NewQuerier returns a Querier on the index as it is now.
func (d *DB) NewQuerier() (*Querier, error) {
	snap := d.db.NewSnapshot()
	it, err := snap.NewIter(&pebble.IterOptions{LowerBound: []byte{prefixPosting}, UpperBound: []byte{prefixPosting + 1}})
	if err != nil {
		snap.Close()
		return nil, err
	}
	return &Querier{d: d, snap: snap, it: it, commons: d.Commons()}, nil
}

// Close releases the snapshot.
func (q *Querier) Close() error {
	return errors.Join(q.it.Close(), q.snap.Close())
}

// Query returns the indexed articles related to the article with
// signature sig: near-duplicates (estimated Jaccard at or above the
// index's threshold) and, in an index with a containment threshold,
// excerpts either way. Similarity leaves out the slots where both hold a
// common value (see shingle.Compare). Matches are sorted by similarity,
// then containment, then number.
func (q *Querier) Query(sig shingle.Signature) ([]Match, error) {
	p := q.d.params
	if len(sig) != p.Shingle.Perms {
		return nil, errors.New("index: signature of the wrong length")
	}
	mask := q.commons.Mask(sig, nil)
	mostly := mask != nil && shingle.MostlyCommon(mask, p.Shingle.Perms)
	q.cands = q.cands[:0]
	for band := range p.Bands {
		if !mostly && shingle.BandCommon(mask, band, p.Rows) {
			continue // a key of common text only
		}
		q.key = binary.BigEndian.AppendUint32(append(q.key[:0], prefixPosting), uint32(bucket(sig, band, p.Rows)))
		k := 0
		for q.it.SeekGE(q.key); q.it.Valid() && k < MaxPostings; q.it.Next() {
			key := q.it.Key()
			if len(key) != 9 || string(key[:5]) != string(q.key) {
				break
			}
			q.cands = append(q.cands, binary.BigEndian.Uint32(key[5:]))
			k++
		}
		if err := q.it.Error(); err != nil {
			return nil, err
		}
	}
	slices.Sort(q.cands)
	q.cands = slices.Compact(q.cands)
	var out []Match
	for _, n := range q.cands {
		v, closer, err := q.snap.Get(docKey(n))
		if err != nil {
			return nil, err
		}
		r, err := decodeRecord(v, p.Shingle.Perms)
		closer.Close()
		if err != nil {
			return nil, err
		}
		e := shingle.Compare(sig, r.Sig, mask, q.commons.Mask(r.Sig, nil))
		m := Match{N: n, Record: r, Estimate: e}
		switch {
		case e.Jaccard >= p.Threshold:
		case p.Containment > 0 && e.Containment >= p.Containment && e.BSmaller:
			m.Relation = Contains
		case p.Containment > 0 && e.Containment >= p.Containment:
			m.Relation = ContainedIn
		default:
			continue
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b Match) int {
		return cmp.Or(cmp.Compare(b.Estimate.Jaccard, a.Estimate.Jaccard),
			cmp.Compare(b.Estimate.Containment, a.Estimate.Containment), cmp.Compare(a.N, b.N))
	})
	return out, nil
}

// QueryOptions configures [DB.QueryAll].
type QueryOptions struct {
	// Read configures the reading and signing of the new articles; its
	// shingle options are the index's.
	Read dedup.Options
}

// Result is a new article and the indexed articles related to it.
type Result struct {
	ID      string
	File    string // input path
	Line    int    // JSON Lines record, 0 for a whole file
	Meta    *dedup.Meta
	Length  uint32
	Matches []Match
}

// QueryAll reads and signs the articles under paths and looks each up in
// the index (on all cores, each worker with its own [Querier] on the
// index as it is when QueryAll starts), calling each with the results in
// input order, from one goroutine.
func (d *DB) QueryAll(paths []string, opt QueryOptions, each func(*Result) error) (dedup.Stats, error) {
	ropt := opt.Read
	ropt.Shingle, ropt.Threshold, ropt.Bands, ropt.Rows = d.params.Shingle, d.params.Threshold, d.params.Bands, d.params.Rows
	ropt.Meta = true
	workers := ropt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		res  Result
		sig  shingle.Signature
		err  error
		done chan struct{}
	}
	work := make(chan *job, 4*workers)
	order := make(chan *job, 16*workers)
	var qerr error
	var wg sync.WaitGroup
	for range workers {
		q, err := d.NewQuerier()
		if err != nil {
			close(work)
			wg.Wait()
			return dedup.Stats{}, err
		}
		wg.Go(func() {
			defer q.Close()
			for j := range work {
				j.res.Matches, j.err = q.Query(j.sig)
				close(j.done)
			}
		})
	}
	var failed atomic.Bool
	delivered := make(chan struct{})
	go func() {
		defer close(delivered)
		for j := range order {
			<-j.done
			if qerr != nil {
				continue
			}
			if j.err != nil {
				qerr = j.err
			} else {
				qerr = each(&j.res)
			}
			if qerr != nil {
				failed.Store(true)
			}
		}
	}()
	st, err := dedup.Stream(paths, ropt, func(a *dedup.Signed) error {
		if failed.Load() {
			return errStop
		}
		j := &job{res: Result{ID: a.ID, File: a.File, Line: a.Line, Meta: a.Meta, Length: a.Length}, sig: slices.Clone(a.Sig), done: make(chan struct{})}
		order <- j
		work <- j
		return nil
	})
	close(work)
	close(order)
	wg.Wait()
	<-delivered
	if errors.Is(err, errStop) {
		err = nil
	}
	return st, errors.Join(err, qerr)
}

// errStop stops reading when a query or the consumer failed.
var errStop = errors.New("stop")
