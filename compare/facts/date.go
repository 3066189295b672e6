package facts

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/storydiff/storydiff/result"
)

// Date classes: what a date mention pins down.
const (
	dDay     = "day"      // a calendar day: key 2006-01-02
	dMonDay  = "monthday" // month and day, year unknown: key 01-02
	dMonth   = "month"    // key 2006-01
	dMon     = "mon"      // month, year unknown: key 01
	dYear    = "year"     // key 2006
	dWeekday = "weekday"  // unresolved weekday: key "sunday"
	dRange   = "range"    // a resolved span: key "2006-01-02/2006-01-08"
	dRel     = "rel"      // unresolved relative wording: key as written, lower-cased
)

// dateMention is a date found in a sentence.
type dateMention struct {
	start, end int // byte span
	t0, t1     int // token range
	class, key string
	resolved   string // Mention.Date
	weekday    string // the weekday as written, for a resolved weekday
	month      string // "01".."12" for a resolved month
	relative   bool   // resolved from relative wording ("on Sunday", "today")
	happening  string // the event word it dates ("arrest", "sank"), lemmatised, or ""
	near       bool   // the event word is next to the date ("arrested Tuesday")
	clock      *clock // a time of day (class dTime)
	// offset is a span written relative to the date of the article or of
	// another happening ("two weeks ago", "three weeks before"), in days
	// (negative before); offUnit the unit it was written in (7 for weeks).
	offset, offUnit int
	offApprox       bool // "about two weeks ago"
	// day: for a time of day, the day its sentence names (a weekday, or a
	// date), "" when none: times of different days are different times.
	day string
}

// spanQualifiers make a span approximate ("about two weeks ago").
var spanQualifiers = [][]string{{"more", "than"}, {"less", "than"}, {"just", "over"}, {"just", "under"},
	{"about"}, {"around"}, {"some"}, {"nearly"}, {"almost"}, {"over"}, {"under"}, {"roughly"}, {"approximately"}}

var yearPreps = set("in", "since", "by", "until", "till", "from", "of", "before", "after", "during", "early",
	"late", "mid", "the", "through", "between", "and", "to", "summer", "winter", "spring", "autumn", "fall")

var futureCues = set("will", "ahead", "scheduled", "due", "upcoming", "next", "expected", "planned", "set",
	"shall", "coming", "tomorrow")

var relUnits = map[string]int{"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14,
	"month": 30, "months": 30, "year": 365, "years": 365}

// extractDates finds the dates of one sentence, resolving relative ones
// against ref when it is not zero. mask receives the tokens used.
func extractDates(toks []token, ref time.Time, mask []bool) []dateMention {
	var out []dateMention
	future := false
	for _, t := range toks {
		if futureCues[t.lower()] {
			future = true
		}
	}
	add := func(a, b int, class, key, resolved string) {
		out = append(out, dateMention{start: toks[a].start, end: toks[b-1].end, t0: a, t1: b, class: class, key: key, resolved: resolved})
		for k := a; k < b; k++ {
			mask[k] = true
		}
	}
	day := func(k int) int {
		if k < 0 || k >= len(toks) {
			return 0
		}
		s := strings.TrimRight(strings.ToLower(toks[k].text), "stndrh")
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 31 || len(s) > 2 {
			return 0
		}
		return n
	}
	year := func(k int) int {
		if k < 0 || k >= len(toks) || len(toks[k].text) != 4 {
			return 0
		}
		n, err := strconv.Atoi(toks[k].text)
		if err != nil || n < 1800 || n > 2100 {
			return 0
		}
		return n
	}
	for i := 0; i < len(toks); i++ {
		if mask[i] {
			continue
		}
		t := toks[i]
		lw := t.lower()
		if c, a, b, ok := readClock(toks, i); ok && !mask[a] {
			add(a, b, dTime, c.key(), "")
			out[len(out)-1].clock = &c
			i = b - 1
			continue
		}
		if m, ok := months[lw]; ok && t.isCap() {
			a, b := i, i+1
			d := 0
			if d = day(i + 1); d > 0 {
				b = i + 2
			} else if d = day(i - 1); d > 0 && !mask[i-1] {
				a = i - 1
			}
			y := 0
			if k := b; k < len(toks) && toks[k].text == "," && year(k+1) > 0 {
				y, b = year(k+1), k+2
			} else if y = year(b); y > 0 {
				b++
			}
			if (lw == "may" || lw == "march") && d == 0 && y == 0 {
				continue // the verb or the noun
			}
			switch {
			case d > 0 && y > 0:
				k := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
				add(a, b, dDay, k, k)
			case d > 0:
				if ref.IsZero() {
					add(a, b, dMonDay, fmt.Sprintf("%02d-%02d", m, d), "")
				} else {
					r := nearestYear(ref, time.Month(m), d)
					k := r.Format("2006-01-02")
					add(a, b, dDay, k, k)
				}
			case y > 0:
				k := fmt.Sprintf("%04d-%02d", y, m)
				add(a, b, dMonth, k, k)
			default:
				if ref.IsZero() {
					add(a, b, dMon, fmt.Sprintf("%02d", m), "")
				} else {
					r := nearestYear(ref, time.Month(m), 1)
					// "last June" is the June before the article, "next
					// June" the one after it.
					if a > 0 {
						switch toks[a-1].lower() {
						case "last", "past":
							r = time.Date(ref.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
							if !r.Before(time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)) {
								r = r.AddDate(-1, 0, 0)
							}
							a--
						case "next", "coming":
							r = time.Date(ref.Year(), time.Month(m), 1, 0, 0, 0, 0, time.UTC)
							if !r.After(ref) {
								r = r.AddDate(1, 0, 0)
							}
							a--
						}
					}
					k := r.Format("2006-01")
					add(a, b, dMonth, k, k)
					out[len(out)-1].month = fmt.Sprintf("%02d", m)
				}
			}
			i = b - 1
			continue
		}
		if wd, ok := weekdays[lw]; ok && t.isCap() && !(i > 0 && namedDays[toks[i-1].lower()] && toks[i-1].isCap()) {
			a, b := i, i+1
			dir := 0
			if i > 0 {
				switch toks[i-1].lower() {
				case "last", "past":
					a, dir = i-1, -1
				case "next", "coming":
					a, dir = i-1, 1
				case "this", "late", "early":
					a = i - 1
				}
			}
			if b < len(toks) {
				switch toks[b].lower() {
				case "night", "morning", "afternoon", "evening":
					b++
				}
			}
			if dir == 0 {
				dir = -1
				if future {
					dir = 1
				}
			}
			if ref.IsZero() {
				add(a, b, dWeekday, lw, "")
			} else {
				k := resolveWeekday(ref, time.Weekday(wd), dir).Format("2006-01-02")
				add(a, b, dDay, k, k)
				out[len(out)-1].weekday = lw
				out[len(out)-1].relative = true
			}
			i = b - 1
			continue
		}
		if y := year(i); y > 0 && (i+1 == len(toks) || !isDecadeSuffix(toks[i+1].text)) &&
			(i == 0 || yearPreps[toks[i-1].lower()] || toks[i-1].text == "(" || toks[i-1].text == ",") &&
			(i+1 == len(toks) || !toks[i+1].isWord() || nounStop[toks[i+1].lower()] || isVerbForm(toks[i+1].lower())) {
			k := strconv.Itoa(y)
			add(i, i+1, dYear, k, k)
			continue
		}
		switch lw {
		case "yesterday", "today", "tomorrow", "tonight":
			off := map[string]int{"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[lw]
			if ref.IsZero() {
				add(i, i+1, dRel, lw, "")
			} else {
				k := ref.AddDate(0, 0, off).Format("2006-01-02")
				add(i, i+1, dDay, k, k)
				out[len(out)-1].relative = true
			}
			continue
		case "last", "next", "this", "past", "earlier", "later":
			a, k := i, i+1
			if (lw == "earlier" || lw == "later") && k < len(toks) && toks[k].lower() == "this" {
				k++
			}
			if k < len(toks) {
				unit := toks[k].lower()
				if unit == "week" || unit == "month" || unit == "year" || unit == "weekend" {
					rel := lw
					if lw == "earlier" || lw == "later" {
						rel = "this"
					}
					if ref.IsZero() {
						add(a, k+1, dRel, rel+" "+unit, "")
					} else {
						lo, hi := periodRange(ref, rel, unit)
						key := lo.Format("2006-01-02") + "/" + hi.Format("2006-01-02")
						add(a, k+1, dRange, key, key)
					}
					i = k
					continue
				}
			}
		}
		// "two days after", "three weeks ago"
		if n, ok := countWord(t); ok && i+2 < len(toks) {
			unit, ok := relUnits[toks[i+1].lower()]
			dir := toks[i+2].lower()
			if ok && (dir == "ago" || dir == "after" || dir == "before" || dir == "later" || dir == "earlier") {
				// "about two weeks ago", "more than a week ago": the span is
				// approximate, and its wording holds the qualifier.
				q, approx := i, false
				for _, w := range spanQualifiers {
					if precededBy(toks, i, w) && !mask[i-len(w)] {
						q, approx = i-len(w), true
						break
					}
				}
				if dir == "ago" && !ref.IsZero() {
					lo := ref.AddDate(0, 0, -n*unit)
					k := lo.Format("2006-01-02")
					if unit > 1 {
						k = lo.AddDate(0, 0, -unit/2).Format("2006-01-02") + "/" + lo.AddDate(0, 0, unit/2).Format("2006-01-02")
						add(q, i+3, dRange, k, k)
					} else {
						add(q, i+3, dDay, k, k)
					}
				} else {
					add(q, i+3, dRel, fmt.Sprintf("%d %s %s", n, toks[i+1].lower(), dir), "")
				}
				// The span as written: "two weeks ago" and "three weeks
				// before the shooting" can be compared whatever the
				// datelines.
				sign := -1
				if dir == "after" || dir == "later" {
					sign = 1
				}
				out[len(out)-1].offset, out[len(out)-1].offUnit = sign*n*unit, unit
				out[len(out)-1].relative = true
				out[len(out)-1].offApprox = approx
				i += 2
			}
		}
	}
	return out
}

func countWord(t token) (int, bool) {
	if n, err := strconv.Atoi(t.text); err == nil && n > 0 && n < 1000 {
		return n, true
	}
	switch t.lower() {
	case "a", "one":
		return 1, true
	}
	if v, ok := smallNumbers[t.lower()]; ok {
		return int(v), true
	}
	return 0, false
}

// nearestYear returns month/day in the year closest to ref.
func nearestYear(ref time.Time, m time.Month, d int) time.Time {
	best := time.Time{}
	for y := ref.Year() - 1; y <= ref.Year()+1; y++ {
		c := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
		if best.IsZero() || absDur(c.Sub(ref)) < absDur(best.Sub(ref)) {
			best = c
		}
	}
	return best
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// resolveWeekday returns the weekday nearest to ref in direction dir (-1
// past, +1 future); ref's own weekday resolves to ref.
func resolveWeekday(ref time.Time, wd time.Weekday, dir int) time.Time {
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	if ref.Weekday() == wd {
		return ref
	}
	for k := 1; k <= 7; k++ {
		c := ref.AddDate(0, 0, dir*k)
		if c.Weekday() == wd {
			return c
		}
	}
	return ref
}

// periodRange resolves "last week", "this month", "next year" against ref.
func periodRange(ref time.Time, rel, unit string) (time.Time, time.Time) {
	ref = time.Date(ref.Year(), ref.Month(), ref.Day(), 0, 0, 0, 0, time.UTC)
	shift := map[string]int{"last": -1, "past": -1, "this": 0, "next": 1}[rel]
	switch unit {
	case "week", "weekend":
		off := (int(ref.Weekday()) + 6) % 7 // days since Monday
		mon := ref.AddDate(0, 0, -off+7*shift)
		if unit == "weekend" {
			return mon.AddDate(0, 0, 5), mon.AddDate(0, 0, 6)
		}
		return mon, mon.AddDate(0, 0, 6)
	case "month":
		first := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, shift, 0)
		return first, first.AddDate(0, 1, -1)
	default:
		first := time.Date(ref.Year()+shift, 1, 1, 0, 0, 0, 0, time.UTC)
		return first, first.AddDate(1, 0, -1)
	}
}

// dateRelation compares two dates: comparable when they pin down the same
// kind of thing, equal when they agree.
func dateRelation(a, b dateMention) (comparable, equal bool) {
	if a.offset != 0 && b.offset != 0 {
		if (a.offset < 0) != (b.offset < 0) {
			return false, false
		}
		d := a.offset - b.offset
		if d < 0 {
			d = -d
		}
		tol := 0
		if a.offApprox || b.offApprox {
			tol = max(a.offUnit, b.offUnit) / 2
		}
		return true, d <= tol
	}
	if a.clock != nil || b.clock != nil {
		if a.clock == nil || b.clock == nil {
			return false, false
		}
		return clockRelation(a.clock, b.clock)
	}
	// A weekday resolved against a dateline, against a date written out:
	// "Saturday" fits March 9 when March 9 was a Saturday, whichever
	// Saturday the dateline made of it.
	if a.weekday != "" && b.weekday == "" && b.class == dDay && !b.relative {
		a, b = b, a
	}
	if b.weekday != "" && a.weekday == "" && a.class == dDay && !a.relative {
		if t, err := time.Parse("2006-01-02", a.key); err == nil {
			return true, strings.EqualFold(t.Weekday().String(), b.weekday)
		}
	}
	// A weekday or month one article resolved and the other could not.
	if a.class == dWeekday && b.weekday != "" || b.class == dWeekday && a.weekday != "" {
		return false, a.key == b.weekday || b.key == a.weekday
	}
	if a.class == dMon && b.month != "" || b.class == dMon && a.month != "" {
		return false, a.key == b.month || b.key == a.month
	}
	ca, ka := a.class, a.key
	cb, kb := b.class, b.key
	if ca == dDay && cb == dMonDay {
		ca, ka = dMonDay, ka[5:]
	}
	if cb == dDay && ca == dMonDay {
		cb, kb = dMonDay, kb[5:]
	}
	if ca != cb {
		return false, false
	}
	if ca == dRel || ca == dRange {
		return false, ka == kb
	}
	return true, ka == kb
}

// eventWords are the happenings news dates, by the words that name them:
// an editor aligns "arrested Tuesday" with "detained on Wednesday".
var eventWords = func() map[string]string {
	m := map[string]string{}
	add := func(ev string, words ...string) {
		for _, w := range words {
			m[w] = ev
		}
	}
	add("arrest", "arrest", "arrested", "arrests", "detained", "detain", "apprehended", "captured", "caught", "nabbed", "custody")
	add("death", "died", "dies", "death", "killed", "kill", "slain", "murdered", "murder", "stabbed", "fatal")
	add("shooting", "shot", "shooting", "shootings", "gunfire", "gunshots", "gunshot", "shots", "gunman", "rampage", "fired")
	add("attack", "attack", "attacked", "raid", "bombing", "bombed", "explosion", "exploded", "blast", "airstrike")
	add("quake", "quake", "earthquake", "temblor", "tremor", "jolted", "shook")
	add("conviction", "convicted", "guilty", "verdict", "conviction", "jury")
	add("sentence", "sentenced", "sentencing", "sentence")
	add("charge", "charged", "charges", "indicted", "indictment")
	add("trial", "trial", "tried")
	add("ouster", "ousted", "overthrown", "toppled", "deposed", "coup", "resigned", "resignation", "fired", "sacked", "dismissed")
	add("election", "elected", "election", "vote", "voted", "voters", "approved", "referendum", "won")
	add("start", "began", "begin", "started", "start", "opened", "launched", "erupted")
	add("end", "ended", "end", "closed", "finished", "concluded")
	add("fire", "fire", "blaze", "burned", "burnt", "flames", "torched")
	add("sinking", "sank", "sunk", "sinking", "sink")
	add("repair", "repaired", "repair", "repairs", "restored", "fixed", "restore")
	add("cut", "cut", "severed", "damaged", "broke", "broken")
	add("build", "built", "constructed", "dates", "founded", "established", "opened")
	add("marriage", "married", "wed", "wedding")
	add("release", "released", "freed", "release")
	add("replacement", "replaced", "replace", "succeeded")
	add("announcement", "announced", "unveiled", "introduced", "launch", "released")
	add("statement", "said", "says", "told", "briefing", "conference", "statement", "interview", "testified")
	add("signing", "signed", "agreed", "deal")
	add("visit", "visited", "arrived", "landed", "met")
	add("crash", "crashed", "crash", "collided", "collision")
	return m
}()

// happeningOf returns the happening a date in toks[a:b] dates: the nearest
// event word of its clause, before or after it, lemmatised through
// eventWords, or "" when the clause names none.
func happeningOf(toks []token, a, b int) (string, bool) {
	// A verb right before the date is what it dates, whatever event word
	// stands further off: "shot in a gang shooting, was revealed Thursday"
	// dates the revealing.
	k := a - 1
	if k >= 0 && toks[k].lower() == "on" {
		k--
	}
	if k >= 0 && toks[k].lower() == "by" {
		return "by", true // "by 6:40 a.m. the fire was out": a time something was over
	}
	if k >= 0 && toks[k].isWord() && !toks[k].isCap() {
		l := toks[k].lower()
		// ("a heart attack suffered nine days ago" dates the attack.)
		if strings.HasSuffix(l, "ed") && len(l) > 4 && eventWords[l] == "" && !commonWords[l] && (k == 0 || eventWords[toks[k-1].lower()] == "") {
			return l, true
		}
	}
	stopL, stopR := false, false
	for d := 1; d <= 8; d++ {
		for side, k := range []int{a - d, b + d - 1} {
			if side == 0 && stopL || side == 1 && stopR || k < 0 || k >= len(toks) {
				continue
			}
			if clauseStop[toks[k].text] || toks[k].text == "," && d > 2 {
				if side == 0 {
					stopL = true
				} else {
					stopR = true
				}
				continue
			}
			l := toks[k].lower()
			if l == "fire" && k > 0 && (toks[k-1].lower() == "opened" || toks[k-1].lower() == "open") ||
				(l == "opened" || l == "open") && k+1 < len(toks) && toks[k+1].lower() == "fire" {
				return "shooting", d <= 3 // "opened fire" is a shooting, not a blaze or an opening
			}
			if ev, ok := eventWords[l]; ok {
				return ev, d <= 3
			}
		}
	}
	return "", false
}

// dateKind aligns dates that date the same happening: dates that agree,
// or that pin down the same kind of thing (two days, two years, two
// weekdays) near the same event word and context. Two such dates conflict
// when they disagree: "arrested Tuesday" and "arrested Wednesday",
// "ousted in 2002" and "in 2003", November 18 and November 19.
type dateKind struct{}

func (dateKind) multi() bool { return true }

func (dateKind) bucket(it *item) string { return "" }

func (dateKind) finer(it *item) string { return it.date.happening }

// signature: a date is the only one of its happening in its article.
func (dateKind) signature(it *item) string {
	if it.date.happening == "" {
		return ""
	}
	return it.date.happening + "|" + it.date.class
}

// dateAlign is the score two dates need to align.
const dateAlign = 1.2

func (dateKind) score(a, b *item, sameDoc bool, c *alignCtx) (float64, bool, bool) {
	da, db := a.date, b.date
	comparable, equal := dateRelation(*da, *db)
	if !comparable && !equal {
		return 0, false, false
	}
	if sameDoc && !equal {
		return 0, false, true
	}
	if da.clock != nil && da.day != "" && db.day != "" && da.day != db.day && !equal {
		return 0, false, true // 8:30 p.m. on Monday, 10:30 p.m. on Tuesday
	}
	if da.happening != "" && db.happening != "" && da.happening != db.happening && da.near && db.near {
		return 0, false, true
	}
	if !equal && (da.relative || db.relative) && da.class == dDay && db.class == dDay && daysApart(da.key, db.key) > 3 {
		// Weekdays and "yesterday" resolved against articles of different
		// days that land a week apart date different days of a story (the
		// trial opened Wednesday, resumes Monday), not one day misreported.
		return 0, false, false
	}
	if (da.happening == "by") != (db.happening == "by") || da.happening == "by" && !equal {
		return 0, false, false // "by Friday": how things stood then, not when something happened
	}
	// When something was said is when it was reported: sources say it on
	// different days without contradicting each other.
	if !equal && (reportingTime(da) || reportingTime(db)) {
		return 0, false, false
	}
	ctx := c.ctxSimilarity(a, b)
	s := 2 * ctx
	sameNear := da.happening != "" && da.happening == db.happening && da.near && db.near
	switch {
	case sameNear:
		s += 1.2
	case da.happening != "" && da.happening == db.happening:
		s += 0.6
	}
	// Different event words, or different names around them, say two
	// happenings: the polls opened at 8 and closed at 6; she checked into
	// Betty Ford at 1:30 and showed up at Morningside at noon.
	otherHappening := da.happening != "" && db.happening != "" && da.happening != db.happening && (da.near || db.near)
	na, nb := names(a.ctx), names(b.ctx)
	otherNames := len(na) > 0 && len(nb) > 0 && !intersects(na, nb)
	if !equal && (da.class == dYear || db.class == dYear) && (otherNames || yearsApart(da, db) > 2 && c.ctxSimilarity(a, b) < 0.5) {
		// Years of life stories: Luciano died in 1962, Gotti in 2002; one
		// event is rarely misdated by years, two events often are.
		return 0, false, false
	}
	switch {
	case da.clock != nil && a.first && b.first && !otherHappening && !otherNames:
		// The first time of day a report gives (not the time something was
		// said) dates its event: two reports' first times are one time.
		s += 1.2
	case a.unique && b.unique:
		s += 0.7
	}
	if otherHappening {
		s -= 0.5
	}
	if equal {
		s += 0.5
	} else if !sameNear && ctx < 0.3 && !(da.clock != nil && a.first && b.first) {
		// Dates that disagree date one happening only when the same
		// event word stands next to both, or their clauses share words.
		return s, false, false
	}
	return s, s >= dateAlign, false
}

func (dateKind) conflict(r *row, c *alignCtx) (Conflict, bool) {
	sure, why := r.disagreement(datesAgree, func(a, b, c *item) bool { return false }, dateDisagreement, nil)
	if sure == "" {
		return Conflict{}, false
	}
	if r.strength() < weakAlignment && !r.allPairs(func(a, b *item) bool {
		return a.date.happening != "" && a.date.happening == b.date.happening && (a.date.near || b.date.near)
	}) {
		var ok bool
		if sure, why, ok = r.weakConflict(sure, why, func(a, b *item) bool { comparable, agree := datesAgree(a, b); return comparable && agree }); !ok {
			return Conflict{}, false
		}
	}
	x := Conflict{Kind: ConflictDate, Text: describeDate(r), Sureness: result.Sureness(sure), Reason: why}
	for i := range r.nodes {
		it := r.item(i)
		d := r.doc(i)
		v := it.text
		if it.date.resolved != "" && !strings.Contains(v, it.date.resolved) {
			v += " (" + it.date.resolved + ")"
		}
		x.Values = append(x.Values, ConflictValue{Doc: d.art.ID, Line: d.line(it.start), Value: v,
			Wording: d.sentenceText(it.sent)})
	}
	return x, true
}

// datesAgree compares two dates of a row for a conflict: two relative
// dates, resolved against two datelines that may be wrong, disagree only
// as two different weekday names (or two different spans written before
// or after).
func datesAgree(a, b *item) (comparable, agree bool) {
	da, db := a.date, b.date
	comparable, agree = dateRelation(*da, *db)
	if comparable && da.relative && db.relative && (da.offset == 0 || db.offset == 0) {
		comparable = da.weekday != "" && db.weekday != ""
		agree = da.weekday == db.weekday
	}
	return comparable, agree || !comparable
}

// dateDisagreement says how sure the disagreement of two dates is.
func dateDisagreement(a, b *item) (string, string) {
	da, db := a.date, b.date
	switch {
	case da.offset != 0:
		return SureMedium, "the spans written before or after differ"
	case da.relative:
		return SureMedium, "dates resolved from relative wording differ"
	case da.clock != nil && da.clock.hasZone != db.clock.hasZone:
		return SureLow, "one time is local, the other in a time zone"
	case da.clock != nil:
		return SureHigh, "the times of day differ"
	}
	return SureHigh, "the dates differ"
}

// describeDate says what an aligned date dates.
func describeDate(r *row) string {
	for i := range r.nodes {
		if h := r.item(i).date.happening; h != "" {
			return "date of " + h
		}
	}
	return "date"
}

// isDecadeSuffix reports the "'s" of a decade ("the 1930's"): the year
// before it is no date.
func isDecadeSuffix(s string) bool { return s == "'s" || s == "’s" }

// yearsApart returns how many years apart the years of two dates are (0
// when either has none).
func yearsApart(a, b *dateMention) int {
	ya, yb := dateYear(a.resolved), dateYear(b.resolved)
	if ya == 0 || yb == 0 {
		return 0
	}
	return max(ya-yb, yb-ya)
}

// dateYear returns the year a resolved date begins with, or 0.
func dateYear(s string) int {
	if len(s) < 4 {
		return 0
	}
	y, err := strconv.Atoi(s[:4])
	if err != nil {
		return 0
	}
	return y
}

// namedDays are the words that make a weekday the name of a day, not a
// date: "Patch Tuesday", "Super Tuesday", "Black Friday", "Good Friday".
var namedDays = set("patch", "super", "black", "cyber", "good", "ash", "holy", "maundy", "easter", "palm", "shrove",
	"fat", "bloody", "giving", "blue", "mad")

// daysApart returns how many days apart two "2006-01-02" keys are, or 0
// when either does not parse.
func daysApart(a, b string) int {
	ta, errA := time.Parse("2006-01-02", a)
	tb, errB := time.Parse("2006-01-02", b)
	if errA != nil || errB != nil {
		return 0
	}
	d := int(ta.Sub(tb).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}
