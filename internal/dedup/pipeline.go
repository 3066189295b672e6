package dedup

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	bufPool  sync.Pool // *[]byte: batch buffers
	err      error     // Options.Open refused an input: reading stopped
}

// Run deduplicates the articles under paths (JSON Lines files are streamed
// and decoded in parallel; other files, directories and "-" are read with
// [input.Walk]). Bad records are reported through opt.Warn and skipped.
// Articles sharing an ID are renamed as [input.IDs] says, ordered by saved
// batch first, then path and line. Run fails only on invalid options,
// parameters that do not match opt.Against, or an error from opt.Open; it
// returns a Result with no articles when nothing was readable.
func Run(paths []string, opt Options) (*Result, error) {
	if err := opt.defaults(); err != nil {
		return nil, err
	}
	params := opt.Shingle
	res := &Result{Params: params, Threshold: opt.Threshold, Bands: opt.Bands, Rows: opt.Rows, Keep: opt.Keep}
	c := &collector{opt: &opt, res: res, perms: params.Perms, store: NewSignatures(params)}
	if opt.Against != nil {
		if opt.Against.Params != params {
			return nil, &ParamsError{Saved: opt.Against.Params, Run: params}
		}
		if err := opt.Against.checkScheme(); err != nil {
			return nil, err
		}
		c.adopt(opt.Against)
	}
	p := &pipeline{
		opt:      &opt,
		perms:    params.Perms,
		work:     make(chan *batch, opt.Workers),
		done:     make(chan *doneBatch, opt.Workers),
		inflight: make(chan struct{}, opt.Workers*inflightPerWorker),
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
			c.take(d)
			<-p.inflight
		}
	}
	if p.err != nil {
		return nil, p.err
	}
	c.progress(true)
	c.uniqueIDs()
	res.Articles = c.store.Len() - res.Saved
	res.store = c.store
	res.Batch = c.store.view(res.Saved)
	link(res, c.store, &opt)
	return res, nil
}

// read cuts the inputs into batches, in input order. It stops at an error
// from Options.Open, kept in p.err.
func (p *pipeline) read(paths []string) {
	defer p.flush()
	for _, path := range paths {
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
	br := bufio.NewReaderSize(f, 1<<20)
	if head, _ := br.Peek(8 << 10); input.LooksBinary(head) { // as input.ReadJSONL sniffs
		p.add(item{err: &input.ParseError{File: path, Err: input.ErrBinary}})
		return nil
	}
	records := 0
	for lineNo := 1; ; lineNo++ {
		b := p.batchFor()
		off := len(b.buf)
		var size int64
		tooLarge := false
		var rerr error
		for {
			chunk, err := br.ReadSlice('\n')
			size += int64(len(chunk))
			if !tooLarge {
				if size > int64(p.opt.MaxBytes)+1 {
					tooLarge = true
					b.buf = b.buf[:off]
				} else {
					b.buf = append(b.buf, chunk...)
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
		if !tooLarge && content > int64(p.opt.MaxBytes) {
			tooLarge = true // over by the last byte of a file without a final line end
			b.buf = b.buf[:off]
		}
		switch {
		case tooLarge:
			records++
			p.add(item{file: path, line: lineNo, size: size, err: input.TooLarge(path, lineNo, content, p.opt.MaxBytes)})
		case isBlank(b.buf[off:]):
			b.buf = b.buf[:off]
			if size > 0 {
				b.sizeOnly(size)
			}
		default:
			records++
			p.add(item{file: path, line: lineNo, off: off, n: len(b.buf) - off, size: size})
		}
		if rerr == io.EOF {
			if records == 0 {
				p.add(item{err: &input.ParseError{File: path, Err: input.ErrNoRecords}})
			}
			return nil
		}
		if rerr != nil {
			p.add(item{err: &input.ParseError{File: path, Line: lineNo, Err: fmt.Errorf("reading: %w", rerr)}})
			return nil
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
	if p.cur == nil || len(p.cur.items) == 0 {
		return
	}
	p.inflight <- struct{}{}
	p.work <- p.cur
	p.cur = nil
}

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
			text := a.FullText()
			dst := d.sigs[i*p.perms : (i+1)*p.perms : (i+1)*p.perms]
			if sig := mh.SignText(opt.Shingle, text, dst); sig[0] == shingle.EmptySlot {
				// Only the signature of an empty shingle set holds EmptySlot.
				o.err = &input.ParseError{File: it.file, Line: it.line, Err: fmt.Errorf("%w: no words to compare", input.ErrEmpty)}
				continue
			}
			o.id = a.ID
			o.length = uint32(min(len(text), 1<<32-1))
		}
		b.items = nil
		if cap(b.buf) <= 4*batchBytes {
			buf := b.buf[:0]
			p.bufPool.Put(&buf)
		}
		p.done <- d
	}
}

// errSizeOnly marks an item that only carries a byte count (blank lines).
var errSizeOnly = errors.New("size only")

// collector appends signed articles in input order.
type collector struct {
	opt     *Options
	res     *Result
	perms   int
	store   *Signatures // saved articles, then this run's
	lastRep int

	// For unique IDs: every ID, and where each of this run's articles
	// came from (index into files, and line), 8 bytes an article.
	ids   input.IDs
	files []string
	from  []source
}

// source is where an article was read: files[file], line (0 for a whole file).
type source struct{ file, line uint32 }

// adopt starts the collection with a saved batch, sharing its storage
// blocks when they are laid out as Append makes them (ReadSignatures does).
func (c *collector) adopt(s *Signatures) {
	full := s.off == 0
	for i, b := range s.blocks {
		if cap(b) != blockArticles*c.perms || (i < len(s.blocks)-1 && len(b) != cap(b)) {
			full = false
		}
	}
	if full {
		c.store.IDs = slices.Clone(s.IDs)
		c.store.Lengths = slices.Clone(s.Lengths)
		c.store.blocks = slices.Clone(s.blocks)
	} else {
		for i := range s.IDs {
			c.store.Append(s.IDs[i], s.Lengths[i], s.Sig(i))
		}
	}
	for i, id := range s.IDs {
		c.ids.Add(id, i)
	}
	c.res.Saved = len(s.IDs)
}

func (c *collector) take(d *doneBatch) {
	for i, o := range d.outs {
		c.res.Bytes += o.size
		if o.err != nil {
			if o.err != errSizeOnly {
				c.res.Skipped++
				if c.opt.Warn != nil {
					c.opt.Warn(o.err)
				}
			}
			continue
		}
		if n := len(c.files); n == 0 || c.files[n-1] != o.file {
			c.files = append(c.files, o.file)
		}
		c.from = append(c.from, source{uint32(len(c.files) - 1), uint32(o.line)})
		c.ids.Add(o.id, c.store.Len())
		c.store.Append(o.id, o.length, d.sigs[i*c.perms:(i+1)*c.perms])
	}
	c.progress(false)
}

// uniqueIDs renames the articles that share an ID (input.IDs): saved
// articles keep theirs, this run's are ordered by path, then line.
func (c *collector) uniqueIDs() {
	saved := c.res.Saved
	c.res.Renamed = c.ids.Rename(func(i, j int) int {
		if i < saved || j < saved {
			return cmp.Compare(i, j) // saved first; saved IDs are unique
		}
		a, b := c.from[i-saved], c.from[j-saved]
		return cmp.Or(strings.Compare(c.files[a.file], c.files[b.file]), cmp.Compare(a.line, b.line))
	}, func(i int, id string) { c.store.IDs[i] = id })
	c.ids, c.files, c.from = input.IDs{}, nil, nil
}

func (c *collector) progress(done bool) {
	if c.opt.Progress == nil {
		return
	}
	n := c.store.Len() - c.res.Saved
	if !done && n-c.lastRep < progressEvery {
		return
	}
	c.lastRep = n
	c.opt.Progress(Progress{Articles: n, Skipped: c.res.Skipped, Bytes: c.res.Bytes, Done: done})
}
