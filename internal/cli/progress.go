package cli

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/storydiff/storydiff/internal/dedup"
)

// runBar is one progress bar for a whole run, on standard error: reading
// (bytes of the inputs), then the phases after it (counting, linking,
// writing, ...). Its ETA covers the whole run: while reading it adds to
// the time left to read an estimate of what follows (from the articles
// the inputs will hold and the measured cost per article of each phase on
// the development machine), and once a phase with steps (the bands of
// linking) has begun, the time its finished steps took. A nil *runBar
// draws nothing; its methods may be called from one goroutine at a time.
type runBar struct {
	bar     *progressbar.ProgressBar
	start   time.Time
	total   int64 // input bytes; -1 when unknown
	workers int

	mu       sync.Mutex
	articles int
	bytes    int64
	phaseAt  time.Time // when the current phase started
}

// Costs per article of the phases after reading, per core, measured on the
// 2-core development machine on a million generated articles (dedup:
// counting 0.6 s, linking 5.4 s and grouping and writing 1 s of CPU): a
// model for the ETA, corrected by the measured time of each band.
const (
	linkCost  = 5400 * time.Nanosecond
	countCost = 600 * time.Nanosecond
	writeCost = 1000 * time.Nanosecond
)

// newRunBar returns a bar with a byte total when every input is a regular
// file, sized to the terminal (80 columns when the size is unknown or
// reported as 0); workers is the number of cores the phases use.
func newRunBar(paths []string, env *Env, workers int) *runBar {
	total := int64(0)
	for _, p := range paths {
		fi, err := os.Stat(p)
		if p == "-" || err != nil || !fi.Mode().IsRegular() {
			total = -1
			break
		}
		total += fi.Size()
	}
	cols := 0
	if f, ok := env.Stderr.(*os.File); ok {
		cols, _, _ = term.GetSize(int(f.Fd()))
	}
	if cols <= 0 {
		cols = 80
	}
	r := &runBar{start: time.Now(), total: total, workers: max(workers, 1)}
	r.phaseAt = r.start
	r.bar = progressbar.NewOptions64(1000,
		progressbar.OptionSetWriter(env.Stderr),
		progressbar.OptionSetWidth(max(10, cols-60)), // the rest of the line: ~55 columns of counts and times
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(false), // the ETA is in the description
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSetDescription("reading"),
		progressbar.OptionSetRenderBlankState(true),
	)
	return r
}

// perArticle is the estimated time of the phases after reading for n
// articles.
func (r *runBar) perArticle(n int, cost time.Duration) time.Duration {
	return time.Duration(n) * cost / time.Duration(r.workers)
}

// show sets the bar to elapsed / (elapsed + left) and describes the phase.
func (r *runBar) show(what string, left time.Duration, known bool) {
	el := time.Since(r.start)
	eta := "ETA --:--"
	frac := 0.0
	if known {
		eta = "ETA " + clock(left)
		frac = el.Seconds() / max(el.Seconds()+left.Seconds(), 1e-9)
	}
	r.bar.Describe(fmt.Sprintf("%s · %s", what, eta))
	r.bar.Set64(int64(frac * 1000))
}

// clock formats d as m:ss.
func clock(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// reading reports the reading phase: articles and bytes so far, and the
// cost per article of what comes after it.
func (r *runBar) reading(articles int, bytes int64, after time.Duration) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.articles, r.bytes = articles, bytes
	el := time.Since(r.start)
	what := fmt.Sprintf("reading %d articles (%.0f/s)", articles, float64(articles)/max(el.Seconds(), 1e-3))
	if r.total <= 0 || bytes == 0 {
		r.show(what, 0, false)
		return
	}
	frac := min(float64(bytes)/float64(r.total), 1)
	n := int(float64(articles) / frac)
	left := time.Duration(float64(el)*(1-frac)/frac) + r.perArticle(n, after)
	r.show(what, left, true)
}

// phase reports step of steps of a phase after reading, whose cost for
// the remaining phases is estimated at after per article before its first
// step is done.
func (r *runBar) phase(name string, step, steps int) {
	r.phaseWith(name, step, steps, writeCost)
}

func (r *runBar) phaseWith(name string, step, steps int, after time.Duration) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if step == 0 {
		r.phaseAt = time.Now()
	}
	left := r.perArticle(r.articles, after)
	if step > 0 && steps > 0 {
		took := time.Since(r.phaseAt)
		left = took*time.Duration(steps-step)/time.Duration(step) + r.perArticle(r.articles, writeCost)
	}
	what := name
	if steps > 1 {
		what = fmt.Sprintf("%s %d/%d", name, step, steps)
	}
	r.show(fmt.Sprintf("%s · %d articles", what, r.articles), left, true)
}

// dedup is the dedup.Progress callback of dedup.
func (r *runBar) dedup(p dedup.Progress) {
	switch p.Phase {
	case dedup.Reading:
		r.reading(p.Articles, p.Bytes, countCost+linkCost+writeCost)
	case dedup.Counting:
		r.phaseWith("counting", p.Step, p.Steps, linkCost+writeCost)
	case dedup.Linking:
		r.phaseWith("linking", p.Step, p.Steps, linkCost+writeCost)
	default:
		r.phaseWith(p.Phase.String(), p.Step, p.Steps, writeCost)
	}
}

// clear removes the bar from the terminal (before a warning is printed).
func (r *runBar) clear() {
	if r != nil {
		r.bar.Clear()
	}
}

// finish ends the bar.
func (r *runBar) finish() {
	if r != nil {
		r.bar.Finish()
	}
}
