package dedup

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"slices"

	"github.com/storydiff/storydiff/shingle"
)

// Signatures is a batch of article signatures with the parameters they were
// made with: what --save writes and --against reads. Signatures are stored in
// fixed blocks, so a growing batch never copies (or holds twice) what it has.
// The zero value is not usable: start with [NewSignatures].
type Signatures struct {
	Params  shingle.Options // what the signatures were made with
	IDs     []string
	Lengths []uint32 // text length in bytes, for --keep longest

	blocks [][]uint32 // blockArticles signatures per block
	off    int        // index of IDs[0] in blocks: a view into a larger store
	probe  []uint32   // probe signature read from a file
}

// blockArticles is the number of signatures per storage block (8 MB at 128
// permutations).
const blockArticles = 1 << 14

// NewSignatures returns an empty batch for signatures made with p.
func NewSignatures(p shingle.Options) *Signatures { return &Signatures{Params: p} }

// Len returns the number of articles.
func (s *Signatures) Len() int { return len(s.IDs) }

// Sig returns the signature of article i (not a copy).
func (s *Signatures) Sig(i int) shingle.Signature {
	j := s.off + i
	p := s.Params.Perms
	k := j % blockArticles * p
	return s.blocks[j/blockArticles][k : k+p : k+p]
}

// Append adds an article. len(sig) must be Params.Perms. Append must not be
// called on a view (the Batch of a Result).
func (s *Signatures) Append(id string, length uint32, sig []uint32) {
	j := s.off + len(s.IDs)
	if j/blockArticles == len(s.blocks) {
		s.blocks = append(s.blocks, make([]uint32, 0, blockArticles*s.Params.Perms))
	}
	b := &s.blocks[j/blockArticles]
	*b = append(*b, sig[:s.Params.Perms]...)
	s.IDs = append(s.IDs, id)
	s.Lengths = append(s.Lengths, length)
}

// view returns the articles from i on, sharing storage with s.
func (s *Signatures) view(i int) *Signatures {
	return &Signatures{Params: s.Params, IDs: s.IDs[i:], Lengths: s.Lengths[i:], blocks: s.blocks, off: s.off + i}
}

// File format (all integers little-endian):
//
//	magic    8 bytes "SDSIG\r\n\x1a" (the \r\n and ^Z catch text-mode mangling)
//	version  uint32 (1)
//	kind     uint32 (0 word, 1 char)
//	k        uint32
//	perms    uint32
//	seed     uint64
//	n        uint64 number of articles
//	probe    perms × uint32: the signature of a fixed text, which tells
//	         whether the MinHash implementation reading the file is the one
//	         that wrote it
//	ids      n × (uvarint length, bytes)
//	lengths  n × uint32
//	sigs     n × perms × uint32
//	crc      uint32 CRC-32C of everything before it
const (
	sigMagic   = "SDSIG\r\n\x1a"
	sigVersion = 1
	maxIDLen   = 1 << 16
)

// probeText is signed with the file's parameters when saving and loading:
// equal probe signatures show that both sides hash alike.
const probeText = "Signatures probe: the quick brown fox jumps over the lazy dog, " +
	"and 42 newsrooms reprint the same wire story on Monday, 3 March."

// ErrSigFile is wrapped by every error about a malformed signature file.
var ErrSigFile = errors.New("not a valid storydiff signature file")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func probe(p shingle.Options) []uint32 {
	sig := p.MinHasher().Signature(p.Shingles(probeText))
	out := make([]uint32, p.Perms)
	copy(out, sig)
	return out
}

// checkScheme fails when the probe stored with s differs from this build's.
func (s *Signatures) checkScheme() error {
	if s.probe == nil {
		return nil // built in memory, not loaded
	}
	if !slices.Equal(s.probe, probe(s.Params)) {
		return fmt.Errorf("%w: the saved signatures were made by a different MinHash implementation (another storydiff version); recompute them", ErrParams)
	}
	return nil
}

// WriteTo writes s in the signature file format.
func (s *Signatures) WriteTo(w io.Writer) (int64, error) {
	if len(s.Lengths) != len(s.IDs) {
		return 0, errors.New("signatures: inconsistent batch")
	}
	crc := crc32.New(crcTable)
	cw := &countWriter{w: io.MultiWriter(w, crc)}
	bw := bufio.NewWriterSize(cw, 1<<20)
	var hdr []byte
	hdr = append(hdr, sigMagic...)
	hdr = binary.LittleEndian.AppendUint32(hdr, sigVersion)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(s.Params.Kind))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(s.Params.K))
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(s.Params.Perms))
	hdr = binary.LittleEndian.AppendUint64(hdr, s.Params.Seed)
	hdr = binary.LittleEndian.AppendUint64(hdr, uint64(len(s.IDs)))
	for _, v := range probe(s.Params) {
		hdr = binary.LittleEndian.AppendUint32(hdr, v)
	}
	bw.Write(hdr)
	var tmp [binary.MaxVarintLen64]byte
	for _, id := range s.IDs {
		bw.Write(tmp[:binary.PutUvarint(tmp[:], uint64(len(id)))])
		bw.WriteString(id)
	}
	buf := make([]byte, 0, 64<<10)
	writeU32 := func(vs []uint32) {
		for len(vs) > 0 {
			n := min(len(vs), cap(buf)/4)
			buf = buf[:0]
			for _, v := range vs[:n] {
				buf = binary.LittleEndian.AppendUint32(buf, v)
			}
			bw.Write(buf)
			vs = vs[n:]
		}
	}
	writeU32(s.Lengths)
	for i := range s.IDs {
		writeU32(s.Sig(i))
	}
	if err := bw.Flush(); err != nil {
		return cw.n, err
	}
	_, err := w.Write(binary.LittleEndian.AppendUint32(nil, crc.Sum32()))
	return cw.n + 4, err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ReadSignatures reads a signature file written by [Signatures.WriteTo].
// Errors wrap [ErrSigFile] when the content is malformed or truncated.
func ReadSignatures(r io.Reader) (*Signatures, error) {
	crc := crc32.New(crcTable)
	br := bufio.NewReaderSize(r, 1<<20)
	tr := io.TeeReader(br, crc)
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: %s", ErrSigFile, fmt.Sprintf(format, a...))
	}
	hdr := make([]byte, len(sigMagic)+4*4+8+8)
	if _, err := io.ReadFull(tr, hdr); err != nil {
		return nil, bad("short header")
	}
	if string(hdr[:len(sigMagic)]) != sigMagic {
		return nil, bad("wrong magic number")
	}
	le := binary.LittleEndian
	h := hdr[len(sigMagic):]
	if v := le.Uint32(h); v != sigVersion {
		return nil, bad("format version %d, this storydiff reads version %d", v, sigVersion)
	}
	s := &Signatures{}
	s.Params.Kind = shingle.Kind(le.Uint32(h[4:]))
	s.Params.K = int(le.Uint32(h[8:]))
	s.Params.Perms = int(le.Uint32(h[12:]))
	s.Params.Seed = le.Uint64(h[16:])
	n := le.Uint64(h[24:])
	if err := s.Params.Check(); err != nil {
		return nil, bad("implausible parameters: %v", err)
	}
	if n > 1<<31 {
		return nil, bad("implausible article count %d", n)
	}
	buf := make([]byte, 64<<10)
	readU32 := func(dst []uint32) error {
		for len(dst) > 0 {
			m := min(len(dst), len(buf)/4)
			if _, err := io.ReadFull(tr, buf[:4*m]); err != nil {
				return err
			}
			for i := range m {
				dst[i] = le.Uint32(buf[4*i:])
			}
			dst = dst[m:]
		}
		return nil
	}
	s.probe = make([]uint32, s.Params.Perms)
	if err := readU32(s.probe); err != nil {
		return nil, bad("truncated")
	}
	// Grow slices as data arrives rather than trusting n for allocation.
	byteReader := &teeByteReader{tr}
	for i := uint64(0); i < n; i++ {
		l, err := binary.ReadUvarint(byteReader)
		if err != nil || l > maxIDLen {
			return nil, bad("truncated or corrupt id %d", i+1)
		}
		id := make([]byte, l)
		if _, err := io.ReadFull(tr, id); err != nil {
			return nil, bad("truncated id %d", i+1)
		}
		s.IDs = append(s.IDs, string(id))
	}
	// Lengths are read in chunks: n comes from the file and is not trusted
	// for one big allocation.
	for left := n; left > 0; {
		m := min(left, 1<<16)
		chunk := make([]uint32, m)
		if err := readU32(chunk); err != nil {
			return nil, bad("truncated lengths")
		}
		s.Lengths = append(s.Lengths, chunk...)
		left -= m
	}
	sig := make([]uint32, s.Params.Perms)
	ids, lengths := s.IDs, s.Lengths
	s.IDs, s.Lengths = make([]string, 0, len(ids)), make([]uint32, 0, len(ids))
	for i := range ids {
		if err := readU32(sig); err != nil {
			return nil, bad("truncated signatures")
		}
		s.Append(ids[i], lengths[i], sig)
	}
	want := crc.Sum32()
	var tail [4]byte
	if _, err := io.ReadFull(br, tail[:]); err != nil {
		return nil, bad("missing checksum")
	}
	if le.Uint32(tail[:]) != want {
		return nil, bad("checksum mismatch (file corrupted)")
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, bad("trailing data after the checksum")
	}
	return s, nil
}

type teeByteReader struct{ r io.Reader }

func (t *teeByteReader) ReadByte() (byte, error) {
	var b [1]byte
	_, err := io.ReadFull(t.r, b[:])
	return b[0], err
}
