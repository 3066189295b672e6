package input

import (
	"testing"
	"time"

	"github.com/storydiff/storydiff/corpus"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" when unparseable
	}{
		{"2020-12-21", "2020-12-21T00:00:00Z"},
		{"2020-12-21T10:00:00Z", "2020-12-21T10:00:00Z"},
		{"2020-12-21T10:00:00+02:00", "2020-12-21T10:00:00+02:00"},
		{"2020-12-21T10:00:00.123Z", "2020-12-21T10:00:00.123Z"},
		{"2020-12-21 10:00:00", "2020-12-21T10:00:00Z"},
		{"2020/12/21", "2020-12-21T00:00:00Z"},
		{"Mon, 21 Dec 2020 10:00:00 GMT", "2020-12-21T10:00:00Z"},
		{"Mon, 21 Dec 2020 10:00:00 +0100", "2020-12-21T10:00:00+01:00"},
		{"December 21, 2020", "2020-12-21T00:00:00Z"},
		{"december 21 2020", "2020-12-21T00:00:00Z"},
		{"21 December 2020", "2020-12-21T00:00:00Z"},
		{"21 December, 2020", "2020-12-21T00:00:00Z"},
		{"Wednesday, 15 September, 2021 - 23:51", "2021-09-15T23:51:00Z"},
		{"Dec 21, 2020", "2020-12-21T00:00:00Z"},
		{"Dec. 21st, 2020", "2020-12-21T00:00:00Z"},
		{"Sept 3, 2021", "2021-09-03T00:00:00Z"},
		{"Monday, December 21, 2020 at 3:04 PM", "2020-12-21T15:04:00Z"},
		{"  2020-12-21  ", "2020-12-21T00:00:00Z"},
		{"", ""},
		{"last Tuesday", ""},
		{"2020-13-45", ""},
		{"Friday", ""},
		{"December 2020", ""}, // no day: kept as written rather than invented
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("ParseDate(%q) = %v, want no date", tt.in, got)
			}
			continue
		}
		if !ok {
			t.Errorf("ParseDate(%q) failed, want %s", tt.in, tt.want)
			continue
		}
		if g := got.Format(time.RFC3339Nano); g != tt.want {
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, g, tt.want)
		}
	}
}

func TestSetDate(t *testing.T) {
	tests := []struct{ raw, date string }{
		{"2020-12-21T23:30:00-05:00", "2020-12-21"}, // the date as written, not converted to UTC
		{"someday", "someday"},
		{"", ""},
	}
	for _, tt := range tests {
		var a corpus.Article
		setDate(&a, tt.raw)
		if a.Date != tt.date || (tt.date == tt.raw) != a.Time.IsZero() {
			t.Errorf("setDate(%q): Date, Time = %q, %v; want Date %q", tt.raw, a.Date, a.Time, tt.date)
		}
	}
}
