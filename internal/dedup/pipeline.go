package dedup

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/storydiff/storydiff/corpus"
	"github.com/storydiff/storydiff/internal/input"
	"github.com/storydiff/storydiff/shingle"
)

// Batching: the reader hands workers batches of about this many records or
// bytes, and at most inflightPerWorker batches per worker are in flight, which
// bounds the memory held by texts.
const (
	batchRecords      = 256
	batchBytes        = 1 << 20
	inflightPerWorker = 4
	progressEvery     = 1000
)

// item is one input record: a raw JSONL line (off, n into the batch
// buffer), an article loaded by input.Walk, or a warning.
type item struct {
	file   string
	line   int
	off, n int
	art    *corpus.Article
	err    error
	size   int64
}

type batch struct {
	seq   int
	items []item
	buf   []byte
}

// signed is a worker's result for one item.
type signed struct {
	id     string
	length uint32
	err    error
	file   string
	line   int
	size   int64
	meta   *Meta // with Options.Meta
}

// Meta is what an index keeps of an article besides its signature.
type Meta struct {
	Source, Title, Date, URL string
}

// Signed is one article read and signed by [Stream].
type Signed struct {
	ID     string            // as read (not made unique)
	File   string            // input path
	Line   int               // JSON Lines record, 0 for a whole file
	Length uint32            // bytes of title and text
	Sig    shingle.Signature // valid during the call only
	Meta   *Meta             // nil unless Options.Meta
}

type doneBatch struct {
	seq  int
	outs []signed
	sigs []uint32
}

type pipeline struct {
	opt      *Options
	perms    int
	work     chan *batch
	done     chan *doneBatch
	inflight chan struct{}
	cur      *batch
	seq      int
	bufPool  sync.Pool     // *[]byte: batch buffers
	err      error         // Options.Open refused an input: reading stopped
	stop     chan struct{} // closed when the consumer failed: stop reading
	stopped  bool
}

// Run deduplicates the articles under paths (JSON Lines files are streamed
// and decoded in parallel; other files, directories and "-" are read with
// [input.Walk]). Bad records are reported through opt.Warn and skipped.
// Articles sharing an ID are renamed as [input.IDs] says, ordered by path
// and line. Run fails only on invalid options or an error from opt.Open;
// it returns a Result with no articles when nothing was readable.
func Run(paths []string, opt Options) (*Result, error) {
	if err := opt.defaults(); err != nil {
		return nil, err
	}
	params := opt.Shingle
	res := &Result{Params: params, Threshold: opt.Threshold, Containment: opt.Containment, Bands: opt.Bands, Rows: opt.Rows, Keep: opt.Keep}
	store := NewSignatures(params)
	// For unique IDs: every ID, and where each article came from (index
	// into files, and line), 8 bytes an article.
	var ids input.IDs
	var files []string
	var from []source
	st, err := Stream(paths, opt, func(a *Signed) error {
		if n := len(files); n == 0 || files[n-1] != a.File {
			files = append(files, a.File)
		}
		from = append(from, source{uint32(len(files) - 1), uint32(a.Line)})
		ids.Add(a.ID, store.Len())
		store.Append(a.ID, a.Length, a.Sig)
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Articles, res.Skipped, res.Bytes = st.Articles, st.Skipped, st.Bytes
	res.Renamed = ids.Rename(func(i, j int) int {
		a, b := from[i], from[j]
		return cmp.Or(strings.Compare(files[a.file], files[b.file]), cmp.Compare(a.line, b.line))
	}, func(i int, id string) { store.IDs[i] = id })
	ids, files, from = input.IDs{}, nil, nil
	res.store = store
	link(res, store, &opt)
	return res, nil
}

// source is where an article was read: files[file], line (0 for a whole file).
type source struct{ file, line uint32 }

// Stats counts what [Stream] read.
type Stats struct {
	Articles int   // articles signed
	Skipped  int   // records or files skipped with a warning
	Bytes    int64 // input bytes read
}

// Stream reads and signs the articles under paths as [Run] does, and calls
// each with every article in input order, from one goroutine. The text
// signed is the title and text without boilerplate lines
// ([shingle.StripBoilerplate]). It stops at the first error of each or of
// opt.Open and returns it. opt.Progress hears of the Reading phase only.
func Stream(paths []string, opt Options, each func(*Signed) error) (Stats, error) {
	if err := opt.defaults(); err != nil {
		return Stats{}, err
	}
	p := &pipeline{
		opt:      &opt,
		perms:    opt.Shingle.Perms,
		work:     make(chan *batch, opt.Workers),
		done:     make(chan *doneBatch, opt.Workers),
		inflight: make(chan struct{}, opt.Workers*inflightPerWorker),
		stop:     make(chan struct{}),
	}
	go func() {
		p.read(paths)
		close(p.work)
	}()
	var wg sync.WaitGroup
	for range opt.Workers {
		wg.Go(p.sign)
	}
	go func() {
		wg.Wait()
		close(p.done)
	}()
	c := &collector{opt: &opt, perms: opt.Shingle.Perms, each: each}
	pending := map[int]*doneBatch{}
	next := 0
	for d := range p.done {
		pending[d.seq] = d
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if c.err == nil {
				c.take(d)
				if c.err != nil {
					close(p.stop) // the reader stops; batches in flight drain
				}
			}
			<-p.inflight
		}
	}
	if c.err != nil {
		return c.st, c.err
	}
	if p.err != nil {
		return c.st, p.err
	}
	c.progress(true)
	return c.st, nil
}

// read cuts the inputs into batches, in input order. It stops at an error
// from Options.Open, kept in p.err.
func (p *pipeline) read(paths []string) {
	defer p.flush()
	for _, path := range paths {
		if p.stopped {
			return
		}
		if isJSONLFile(path) {
			if p.err = p.readJSONL(path); p.err != nil {
				return
			}
			continue
		}
		p.err = input.Walk([]string{path}, input.Options{
			Stdin:    p.opt.Stdin,
			Warn:     func(err error) { p.add(item{err: err}) },
			MaxBytes: p.opt.MaxBytes,
			Open:     p.opt.Open,
		}, func(a *corpus.Article) error {
			p.add(item{art: a, file: a.Path, line: a.Record, size: int64(len(a.Text) + len(a.Title))})
			if p.stopped {
				return errStopped
			}
			return nil
		})
		if p.err != nil {
			return
		}
	}
}

func isJSONLFile(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson":
	default:
		return false
	}
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

// readJSONL streams the lines of one JSON Lines file. Lines over MaxBytes
// are skipped (without holding them) and reported, as are a file that looks
// binary (once) and a file without records, as input.ReadJSONL does. It
// returns only an error of Options.Open.
func (p *pipeline) readJSONL(path string) error {
	f, _, err := input.OpenFile(path, p.opt.Open)
	if err != nil {
		if _, ok := errors.AsType[*input.ParseError](err); ok {
			p.add(item{err: err})
			return nil
		}
		return err
	}
	defer f.Close()
	ReadLines(f, path, p.opt.MaxBytes, func(l *Line) bool {
		switch {
		case l.Err != nil:
			p.add(item{file: path, line: l.Line, size: l.Size, err: l.Err})
		case l.Data == nil:
			p.batchFor().sizeOnly(l.Size)
		default:
			b := p.batchFor()
			off := len(b.buf)
			b.buf = append(b.buf, l.Data...)
			p.add(item{file: path, line: l.Line, off: off, n: len(l.Data), size: l.Size})
		}
		return !p.stopped
	})
	return nil
}

// A Line is what [ReadLines] read of one line of a JSON Lines file: a
// record, a blank line or a warning.
type Line struct {
	Line int    // 1-based line number; for a warning on the whole file, the last line read (0 before any)
	Data []byte // the record (without its line end), valid during the call only; nil for a blank line or with Err
	Size int64  // bytes of input the line took, line end included
	Err  error  // a record over the size limit, or a file that looks binary, has no records or fails to read
}

// ReadLines reads the lines of the JSON Lines file path from r as [Run]
// does, calling fn with each in order until it returns false: records over
// maxBytes are skipped (without holding them) and reported, as are a file
// that looks binary (once, instead of its lines) and a file without
// records, as input.ReadJSONL does. Data of a record is to be parsed with
// [input.ParseRecord].
func ReadLines(r io.Reader, path string, maxBytes int, fn func(*Line) bool) {
	br := bufio.NewReaderSize(r, 1<<20)
	if head, _ := br.Peek(8 << 10); input.LooksBinary(head) { // as input.ReadJSONL sniffs
		fn(&Line{Err: &input.ParseError{File: path, Err: input.ErrBinary}})
		return
	}
	records := 0
	var buf []byte
	for lineNo := 1; ; lineNo++ {
		buf = buf[:0]
		var size int64
		tooLarge := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			size += int64(len(chunk))
			if !tooLarge {
				if size > int64(maxBytes)+1 {
					tooLarge = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if err == bufio.ErrBufferFull {
				continue
			}
			rerr = err
			break
		}
		content := size
		if rerr == nil {
			content-- // the line end
		}
		if !tooLarge && content > int64(maxBytes) {
			tooLarge = true // over by the last byte of a file without a final line end
		}
		l := Line{Line: lineNo, Size: size}
		switch {
		case tooLarge:
			records++
			l.Err = input.TooLarge(path, lineNo, content, maxBytes)
		case isBlank(buf):
		default:
			records++
			l.Data = buf
		}
		if (l.Err != nil || l.Data != nil || size > 0) && !fn(&l) {
			return
		}
		if rerr == io.EOF {
			if records == 0 {
				fn(&Line{Line: lineNo, Err: &input.ParseError{File: path, Err: input.ErrNoRecords}})
			}
			return
		}
		if rerr != nil {
			fn(&Line{Line: lineNo, Err: &input.ParseError{File: path, Line: lineNo, Err: fmt.Errorf("reading: %w", rerr)}})
			return
		}
	}
}

func isBlank(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return false
		}
	}
	return true
}

// batchFor returns the batch being filled, starting one if needed.
func (p *pipeline) batchFor() *batch {
	if p.cur == nil {
		var buf []byte
		if bp, ok := p.bufPool.Get().(*[]byte); ok {
			buf = (*bp)[:0]
		}
		p.cur = &batch{seq: p.seq, buf: buf, items: make([]item, 0, batchRecords)}
		p.seq++
	}
	return p.cur
}

// sizeOnly accounts for skipped bytes (blank lines) in progress.
func (b *batch) sizeOnly(size int64) {
	b.items = append(b.items, item{size: size, n: -1})
}

func (p *pipeline) add(it item) {
	b := p.batchFor()
	b.items = append(b.items, it)
	if len(b.items) >= batchRecords || len(b.buf) >= batchBytes {
		p.flush()
	}
}

func (p *pipeline) flush() {
	if p.cur == nil || len(p.cur.items) == 0 || p.stopped {
		return
	}
	select {
	case p.inflight <- struct{}{}:
	case <-p.stop:
		p.stopped = true
		p.err = errStopped
		return
	}
	p.work <- p.cur
	p.cur = nil
}

// errStopped ends reading when the consumer of Stream failed.
var errStopped = errors.New("stopped")

// sign decodes and signs batches.
func (p *pipeline) sign() {
	opt := p.opt
	mh := shingle.NewMinHasher(opt.Shingle.Perms, opt.Shingle.Seed)
	for b := range p.work {
		d := &doneBatch{seq: b.seq, outs: make([]signed, len(b.items)), sigs: make([]uint32, len(b.items)*p.perms)}
		for i, it := range b.items {
			o := &d.outs[i]
			o.file, o.line, o.size = it.file, it.line, it.size
			if it.n < 0 {
				o.err = errSizeOnly
				continue
			}
			if it.err != nil {
				o.err = it.err
				continue
			}
			a := it.art
			if a == nil {
				var err error
				a, err = input.ParseRecord(b.buf[it.off:it.off+it.n], it.file, it.line)
				if err != nil {
					o.err = err
					continue
				}
			}
			length, err := Sign(mh, opt.Shingle, a, it.file, it.line, d.sigs[i*p.perms:(i+1)*p.perms:(i+1)*p.perms])
			if err != nil {
				o.err = err
				continue
			}
			o.id = a.ID
			o.length = length
			if opt.Meta {
				o.meta = &Meta{Source: a.Source, Title: a.Title, Date: a.Date, URL: a.URL}
			}
		}
		b.items = nil
		if cap(b.buf) <= 4*batchBytes {
			buf := b.buf[:0]
			p.bufPool.Put(&buf)
		}
		p.done <- d
	}
}

// Sign computes the signature of article a (read from file, line) into
// dst, which must hold opt.Perms slots, as [Run] does: of its title and
// text without boilerplate lines ([shingle.StripBoilerplate]), with mh
// (made for opt). It returns the length of title and text in bytes (for
// [KeepLongest]), or an [input.ParseError] wrapping [input.ErrEmpty] when
// no word is left to compare.
func Sign(mh *shingle.MinHasher, opt shingle.Options, a *corpus.Article, file string, line int, dst shingle.Signature) (length uint32, err error) {
	text := a.FullText()
	if sig := mh.SignText(opt, shingle.StripBoilerplate(text), dst); sig[0] == shingle.EmptySlot {
		// Only the signature of an empty shingle set holds EmptySlot.
		return 0, &input.ParseError{File: file, Line: line, Err: fmt.Errorf("%w: no words to compare", input.ErrEmpty)}
	}
	return uint32(min(len(text), 1<<32-1)), nil
}

// errSizeOnly marks an item that only carries a byte count (blank lines).
var errSizeOnly = errors.New("size only")

// collector hands signed articles to the consumer in input order.
type collector struct {
	opt     *Options
	perms   int
	each    func(*Signed) error
	st      Stats
	err     error // of each: stop
	lastRep int
	a       Signed
}

func (c *collector) take(d *doneBatch) {
	for i, o := range d.outs {
		c.st.Bytes += o.size
		if o.err != nil {
			if o.err != errSizeOnly {
				c.st.Skipped++
				if c.opt.Warn != nil {
					c.opt.Warn(o.err)
				}
			}
			continue
		}
		c.a = Signed{ID: o.id, File: o.file, Line: o.line, Length: o.length, Sig: d.sigs[i*c.perms : (i+1)*c.perms], Meta: o.meta}
		if c.err = c.each(&c.a); c.err != nil {
			return
		}
		c.st.Articles++
	}
	c.progress(false)
}

func (c *collector) progress(done bool) {
	if c.opt.Progress == nil {
		return
	}
	n := c.st.Articles
	if !done && n-c.lastRep < progressEvery {
		return
	}
	c.lastRep = n
	c.opt.Progress(Progress{Phase: Reading, Articles: n, Skipped: c.st.Skipped, Bytes: c.st.Bytes, Done: done})
}
