package index

import (
	"errors"

	"github.com/cockroachdb/pebble/v2"

	"github.com/storydiff/storydiff/internal/dedup"
	"github.com/storydiff/storydiff/shingle"
)

// DefaultBatch is the number of articles per committed batch: large enough
// that a commit's fsync and a batch's overhead are small beside signing it
// (10,000 articles are about 10 MB of postings and records), small enough
// that a killed add loses at most seconds of work.
const DefaultBatch = 10000

// AddOptions configures [DB.Add].
type AddOptions struct {
	// Batch is the number of articles per committed batch (default
	// DefaultBatch).
	Batch int
	// Read configures the reading and signing (workers, size limit,
	// warnings, progress, standard input); its shingle options, threshold
	// and bands are the index's, whatever it holds.
	Read dedup.Options
	// Committed, when set, is called after each batch is committed with the
	// number of articles in the index.
	Committed func(articles int)
}

// AddStats counts what [DB.Add] did.
type AddStats struct {
	dedup.Stats     // read: articles signed, inputs skipped, bytes
	Added       int // articles added
	Already     int // articles skipped for an id the index (or this batch) already holds
	Batches     int // batches committed
}

// Add reads, signs and adds the articles under paths, in committed
// batches. An article whose id the index already holds is skipped (and
// counted in Already): adding the same feed twice, or again after a
// crash, adds each article once. On an error the batches committed so far
// stay.
func (d *DB) Add(paths []string, opt AddOptions) (AddStats, error) {
	if d.readOnly {
		return AddStats{}, errors.New("index: opened read-only")
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultBatch
	}
	ropt := opt.Read
	ropt.Shingle, ropt.Threshold, ropt.Bands, ropt.Rows = d.params.Shingle, d.params.Threshold, d.params.Bands, d.params.Rows
	ropt.Meta = true
	var st AddStats

	// A committer commits the batches in order while the next one fills.
	type pending struct {
		b    *pebble.Batch
		sigs []uint32 // the batch's signatures, for the counts
		n    int      // articles
	}
	commits := make(chan pending, 1)
	commitErr := make(chan error, 1)
	go func() {
		var err error
		for p := range commits {
			if err == nil {
				err = p.b.Commit(pebble.Sync)
			}
			p.b.Close()
			if err != nil {
				continue
			}
			perms := d.params.Shingle.Perms
			d.mu.Lock()
			for i := range p.n {
				d.counts.Add(p.sigs[i*perms : (i+1)*perms])
			}
			d.next += uint32(p.n)
			d.commons, d.dirty = nil, true
			total := int(d.next)
			d.mu.Unlock()
			st.Batches++
			if opt.Committed != nil {
				opt.Committed(total)
			}
		}
		commitErr <- err
	}()

	d.mu.Lock()
	next := d.next
	d.mu.Unlock()
	seen := map[string]bool{}
	var (
		cur  pending
		rec  []byte
		key  []byte
		bits = d.params.Bands
	)
	flush := func() {
		if cur.n > 0 {
			commits <- cur
		}
		cur = pending{}
	}
	_, streamErr := func() (dedup.Stats, error) {
		s, err := dedup.Stream(paths, ropt, func(a *dedup.Signed) error {
			if seen[a.ID] {
				st.Already++
				return nil
			}
			if _, closer, err := d.db.Get(idKey(a.ID)); err == nil {
				closer.Close()
				st.Already++
				return nil
			} else if !errors.Is(err, pebble.ErrNotFound) {
				return err
			}
			seen[a.ID] = true
			if cur.b == nil {
				cur.b = d.db.NewBatch()
			}
			r := Record{ID: a.ID, Length: a.Length, Sig: a.Sig}
			if a.Meta != nil {
				r.Source, r.Title, r.Date, r.URL = a.Meta.Source, a.Meta.Title, a.Meta.Date, a.Meta.URL
			}
			n := next
			next++
			rec = r.encode(rec[:0])
			if err := cur.b.Set(docKey(n), rec, nil); err != nil {
				return err
			}
			if err := cur.b.Set(idKey(a.ID), docKey(n)[1:], nil); err != nil {
				return err
			}
			for band := range bits {
				key = postingKey(key, shingle.BandKey(a.Sig, band, d.params.Rows), n)
				if err := cur.b.Set(key, nil, nil); err != nil {
					return err
				}
			}
			cur.sigs = append(cur.sigs, a.Sig...)
			cur.n++
			st.Added++
			if cur.n >= opt.Batch {
				flush()
			}
			return nil
		})
		st.Stats = s
		return s, err
	}()
	if streamErr == nil {
		flush()
	} else if cur.b != nil {
		cur.b.Close()
	}
	close(commits)
	err := <-commitErr
	if err == nil {
		err = d.flushCounts()
	}
	return st, errors.Join(streamErr, err)
}
