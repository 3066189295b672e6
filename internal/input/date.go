package input

import (
	"strings"
	"time"

	"github.com/storydiff/storydiff/corpus"
)

// dateLayouts are tried in order by [ParseDate].
var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04:05-0700",
	"2006-01-02T15:04:05.999999999-0700",
	"2006/01/02",
	"2006/01/02 15:04:05",
	"20060102",
	time.RFC1123,
	time.RFC1123Z,
	time.RFC850,
	time.RFC822,
	time.RFC822Z,
	time.ANSIC,
	time.UnixDate,
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"January 2 2006",
	"January 2 2006 15:04",
	"January 2 2006 15:04:05",
	"January 2 2006 3:04 PM",
	"January 2 2006 3:04PM",
	"January 2 2006 3:04 pm",
	"January 2 2006 3:04pm",
	"2 January 2006",
	"2 January 2006 15:04",
	"2 January 2006 15:04:05",
	"2 January 2006 3:04 PM",
	"Jan 2 2006",
	"Jan 2 2006 15:04",
	"Jan 2 2006 15:04:05",
	"Jan 2 2006 3:04 PM",
	"Jan 2 2006 3:04PM",
	"2 Jan 2006",
	"2 Jan 2006 15:04",
}

// ParseDate parses a publication date written in one of the common forms
// found in news metadata: ISO 8601 / RFC 3339 ("2020-12-21",
// "2020-12-21T10:00:00Z"), RFC 1123 / RFC 822 ("Mon, 21 Dec 2020 10:00:00
// GMT"), and written-out forms with full or abbreviated month names, an
// optional leading weekday, ordinal suffixes and an optional time ("December
// 21, 2020", "21 December 2020", "Dec. 21st, 2020 3:04 PM", "Wednesday, 15
// September, 2021 - 23:51"). Dates without a zone are taken as UTC. ok is
// false when s matches none of them.
func ParseDate(s string) (t time.Time, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 100 {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	n := normaliseDate(s)
	if n == s {
		return time.Time{}, false
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, n); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// normaliseDate rewrites a written-out date into a form the layouts accept:
// no leading weekday, no commas, no dots after month abbreviations, no
// ordinal suffixes, no "-" or "at" between date and time, single spaces.
func normaliseDate(s string) string {
	s = strings.NewReplacer(",", " ", " - ", " ", " – ", " ", " at ", " ", " | ", " ", "\u00a0", " ").Replace(s)
	f := strings.Fields(s)
	if len(f) > 1 && isWeekday(f[0]) {
		f = f[1:]
	}
	for i, w := range f {
		w = strings.TrimSuffix(w, ".")
		if len(w) > 2 && w[0] >= '0' && w[0] <= '9' {
			low := strings.ToLower(w)
			for _, suf := range []string{"st", "nd", "rd", "th"} {
				if strings.HasSuffix(low, suf) && isDigits(w[:len(w)-2]) {
					w = w[:len(w)-2]
					break
				}
			}
		}
		if strings.EqualFold(w, "sept") {
			w = "Sep"
		}
		f[i] = w
	}
	return strings.Join(f, " ")
}

func isWeekday(w string) bool {
	w = strings.ToLower(strings.TrimRight(w, ".,"))
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		if w == d || (len(w) >= 3 && strings.HasPrefix(d, w)) {
			return true
		}
	}
	return false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// setDate fills a.Date and a.Time from a raw metadata value: Date is
// "2006-01-02" (in the date's own zone) when raw parses, else raw as written.
func setDate(a *corpus.Article, raw string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return
	}
	if t, ok := ParseDate(raw); ok {
		a.Time = t
		a.Date = t.Format("2006-01-02")
		return
	}
	a.Date = raw
	a.Time = time.Time{}
}
