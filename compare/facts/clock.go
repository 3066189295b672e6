package facts

import (
	"fmt"
	"strconv"
	"strings"
)

// Times of day ("3:10 p.m.", "about 10am", "shortly after 8:30 p. m.",
// "07:37 GMT", "1353 (1023 GMT)", "midnight") are dates of class dTime:
// minutes after midnight with the window the wording allows ("about" ±10
// minutes, "shortly after" up to 20 minutes later) and the time zone when
// one is written. Two times of one happening conflict when their windows
// do not meet, after converting zones when both are known; one written in
// a zone and one in local time that read the same clock time are a
// discrepancy too ("7:37 AM local time", "07:37 GMT").

const dTime = "time"

// zoneOffsets are UTC offsets, in minutes, of zone abbreviations.
var zoneOffsets = map[string]int{"gmt": 0, "utc": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
	"mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "bst": 60, "cet": 60, "cest": 120, "eet": 120,
	"eest": 180, "msk": 180, "ist": 330, "jst": 540, "aest": 600, "aedt": 660, "nzst": 720, "nzdt": 780,
	"et": -300, "ct": -360, "mt": -420, "pt": -480}

// seasonalZones are written without saying whether summer time is on
// ("4:30 p.m. ET"): their offset is known to within an hour.
var seasonalZones = set("et", "ct", "mt", "pt")

// clockQualifiers widen a time: [minutes before, minutes after].
var clockQualifiers = []struct {
	words  []string
	window [2]int
}{
	{[]string{"shortly", "after"}, [2]int{0, 20}}, {[]string{"just", "after"}, [2]int{0, 10}},
	{[]string{"soon", "after"}, [2]int{0, 20}}, {[]string{"shortly", "before"}, [2]int{20, 0}},
	{[]string{"just", "before"}, [2]int{10, 0}}, {[]string{"about"}, [2]int{10, 10}},
	{[]string{"around"}, [2]int{10, 10}}, {[]string{"approximately"}, [2]int{10, 10}},
	{[]string{"roughly"}, [2]int{10, 10}}, {[]string{"some", "time", "after"}, [2]int{0, 60}},
	{[]string{"after"}, [2]int{0, 45}}, {[]string{"before"}, [2]int{45, 0}}, {[]string{"by"}, [2]int{60, 0}},
	{[]string{"until"}, [2]int{0, 0}},
}

// clock is a time of day.
type clock struct {
	min      int  // minutes after midnight, as written
	lo, hi   int  // the window the wording allows
	zone     int  // UTC offset in minutes, when known
	hasZone  bool // a zone is written
	seasonal bool // the zone is one of seasonalZones
	// half12: a 12-hour reading with no a.m. or p.m. ("6:41"): it may be
	// either half of the day.
	half12   bool
	local    bool // "local time" is written
	explicit bool // minutes or a.m./p.m. are written: a clock reading, not a bare number
}

// readClock reads a time of day at token i; it returns the clock, the
// first and the end token of its wording.
func readClock(toks []token, i int) (clock, int, int, bool) {
	var c clock
	t := toks[i]
	l := t.lower()
	j := i + 1
	switch {
	case l == "midnight":
		c.min, c.explicit = 24*60, true
	case l == "noon" || l == "midday":
		c.min, c.explicit = 12*60, true
	case isDigitStart(t.text) && !(i >= 2 && toks[i-1].text == ":" && isDigitStart(toks[i-2].text)):
		h, m := -1, 0
		text, rest := t.text, ""
		k := strings.IndexFunc(text, func(r rune) bool { return r < '0' || r > '9' })
		if k >= 0 {
			text, rest = text[:k], strings.ToLower(text[k:])
		}
		n, err := strconv.Atoi(text)
		if err != nil {
			return c, 0, 0, false
		}
		switch {
		case len(text) == 4 && rest == "" && n%100 < 60 && n/100 <= 24:
			// 1353, 0440 GMT: a clock time only with a zone or "hours".
			h, m = n/100, n%100
		case len(text) <= 2 && n <= 24:
			h = n
		default:
			return c, 0, 0, false
		}
		if rest == "" && j+1 < len(toks) && toks[j].text == ":" && len(toks[j+1].text) >= 2 && isDigitStart(toks[j+1].text) && len(text) <= 2 {
			mm := toks[j+1].text
			k := strings.IndexFunc(mm, func(r rune) bool { return r < '0' || r > '9' })
			if k < 0 {
				k = len(mm)
			}
			if k != 2 {
				return c, 0, 0, false
			}
			m, _ = strconv.Atoi(mm[:2])
			rest = strings.ToLower(mm[k:])
			j += 2
			c.explicit = true
			if m >= 60 {
				return c, 0, 0, false
			}
		}
		// a.m. / p.m. in their spellings: 10am, 10 a.m., 10 a. m., 10 AM.
		ampm := ""
		switch rest {
		case "am", "a.m.", "a.m":
			ampm = "am"
		case "pm", "p.m.", "p.m":
			ampm = "pm"
		case "":
			if j < len(toks) {
				switch toks[j].lower() {
				case "am", "a.m.", "a.m":
					ampm, j = "am", j+1
				case "pm", "p.m.", "p.m":
					ampm, j = "pm", j+1
				case "a.", "p.", "a", "p":
					// "8:30 p. m." as tokenised: p . m .
					x := j + 1
					if x < len(toks) && toks[x].text == "." && toks[j].text != "a." && toks[j].text != "p." {
						x++
					}
					if x < len(toks) && (toks[x].lower() == "m" || toks[x].lower() == "m.") {
						ampm = toks[j].lower()[:1] + "m"
						j = x + 1
						if toks[x].lower() == "m" && j < len(toks) && toks[j].text == "." {
							j++
						}
					}
				}
			}
		default:
			return c, 0, 0, false
		}
		if ampm == "pm" && h > 12 && h < 24 && c.explicit {
			ampm = "" // "17:06 pm": a 24-hour reading with a needless p.m.
		}
		if ampm != "" {
			if h < 1 || h > 12 {
				return c, 0, 0, false
			}
			if ampm == "pm" && h != 12 {
				h += 12
			}
			if ampm == "am" && h == 12 {
				h = 0
			}
			c.explicit = true
		}
		c.min = h*60 + m
	default:
		return c, 0, 0, false
	}
	// Zone or "local time", "hours".
	if j < len(toks) {
		z := strings.TrimSuffix(toks[j].lower(), ".")
		switch {
		case zoneOffsets[z] != 0 || z == "gmt" || z == "utc":
			c.zone, c.hasZone, c.explicit, c.seasonal = zoneOffsets[z], true, true, seasonalZones[z]
			j++
		case z == "local" && j+1 < len(toks) && toks[j+1].lower() == "time":
			c.local, c.explicit = true, true
			j += 2
		case z == "hours" || z == "hrs":
			c.explicit = true
			j++
		}
	}
	if !c.explicit {
		return c, 0, 0, false
	}
	// Not a time of day: a game clock ("the under-16:00 timeout", "with
	// 4:43 left", "9:07 to play"), a duration ("ate up 6:05 of the clock").
	if i > 0 && toks[i-1].lower() == "under" || i > 1 && toks[i-1].text == "-" && toks[i-2].lower() == "under" ||
		j+3 <= len(toks) && precededBy(toks, j+3, []string{"of", "the", "clock"}) || gameClock(toks, i, j) {
		return c, 0, 0, false
	}
	if h := c.min / 60; c.min%60 != 0 && h >= 1 && h <= 12 && !c.hasZone && !strings.HasPrefix(t.text, "0") &&
		!hasAmPm(toks, i, j) {
		// "6:41 last night", "at 6:41 this evening": the evening half;
		// otherwise either half.
		c.half12 = true
		for k := j; k < len(toks) && k < j+3; k++ {
			switch toks[k].lower() {
			case "night", "tonight", "evening", "afternoon":
				c.min, c.half12 = c.min%720+720, false
			case "morning":
				c.half12 = false
			}
		}
	}
	// Qualifier before it.
	first := i
	if first > 0 && toks[first-1].lower() == "at" {
		first--
	}
	c.lo, c.hi = c.min, c.min
	for _, q := range clockQualifiers {
		n := len(q.words)
		if precededBy(toks, first, q.words) {
			w := q.window
			if c.min%60 != 0 && w[0] == w[1] {
				w = [2]int{w[0] / 2, w[1] / 2} // "about 3:30" is closer than "about 3"
			}
			c.lo, c.hi = c.min-w[0], c.min+w[1]
			first -= n
			break
		}
	}
	if first > 0 && toks[first-1].lower() == "at" {
		first--
	}
	return c, first, j, true
}

// key identifies a clock: its minutes in UTC when the zone is known.
func (c clock) key() string {
	m := c.min
	zone := "local"
	if c.hasZone {
		m -= c.zone
		zone = "utc"
	}
	m = ((m % 1440) + 1440) % 1440
	return fmt.Sprintf("%02d:%02d %s", m/60, m%60, zone)
}

// clockRelation compares two times of day: comparable when both are
// readings of a clock, equal when their windows meet (in UTC when both
// zones are known). A zone against local time is comparable but never
// equal unless the clocks differ, which says nothing.
func clockRelation(a, b *clock) (comparable, equal bool) {
	alo, ahi, blo, bhi := a.lo, a.hi, b.lo, b.hi
	if a.hasZone && b.hasZone {
		alo, ahi, blo, bhi = alo-a.zone, ahi-a.zone, blo-b.zone, bhi-b.zone
	} else if a.hasZone != b.hasZone {
		// 7:37 local time against 07:37 GMT: the same reading in two
		// zones is a discrepancy; different readings may or may not be one
		// moment, which says nothing either way.
		return a.min == b.min && (a.local || b.local), false
	}
	if a.seasonal || b.seasonal {
		alo, ahi = alo-60, ahi+60 // summer time or not
	}
	meet := func(lo1, hi1, lo2, hi2 int) bool { return lo1 <= hi2 && lo2 <= hi1 }
	eq := meet(alo, ahi, blo, bhi) || meet(alo+1440, ahi+1440, blo, bhi) || meet(alo, ahi, blo+1440, bhi+1440)
	if !eq && (a.half12 || b.half12) {
		// "6:41" may be the evening's 18:41.
		eq = meet(alo+720, ahi+720, blo, bhi) || meet(alo, ahi, blo+720, bhi+720) ||
			meet(alo-720, ahi-720, blo, bhi) || meet(alo, ahi, blo-720, bhi-720)
	}
	return true, eq
}

// gameClock reports a reading of a game's clock: a time with no a.m.,
// p.m. or zone, followed by "left", "remaining", "to go" or "to play".
func gameClock(toks []token, i, j int) bool {
	if hasAmPm(toks, i, j) || j >= len(toks) {
		return false
	}
	switch toks[j].lower() {
	case "left", "remaining":
		return true
	case "to":
		return j+1 < len(toks) && (toks[j+1].lower() == "go" || toks[j+1].lower() == "play")
	}
	return false
}

// hasAmPm reports an a.m. or p.m. among the tokens i..j of a clock.
func hasAmPm(toks []token, i, j int) bool {
	for k := i; k < j; k++ {
		l := strings.ToLower(toks[k].text)
		if strings.Contains(l, "am") || strings.Contains(l, "pm") || strings.Contains(l, "a.m") ||
			strings.Contains(l, "p.m") || l == "m" || l == "m." {
			return true
		}
	}
	return false
}
