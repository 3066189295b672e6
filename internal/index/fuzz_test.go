package index

import (
	"bytes"
	"testing"
)

// FuzzDecodeRecord: an article record read from the store decodes to a
// record or an error, never a panic, and a record that decodes encodes
// back to the same bytes.
func FuzzDecodeRecord(f *testing.F) {
	r := Record{ID: "a1", Source: "Wire", Title: "Storm", Date: "2024-01-02", URL: "https://x", Length: 40, Sig: []uint32{1, 2, 3, 4}}
	f.Add(r.encode(nil))
	f.Add([]byte{})
	f.Add(bytes.Repeat([]byte{0xff}, 40))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeRecord(b, 4)
		if err != nil {
			return
		}
		if again := got.encode(nil); !bytes.Equal(again, b) {
			t.Errorf("re-encoding differs: %x, want %x", again, b)
		}
	})
}
