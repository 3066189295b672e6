package main

import (
	"bytes"
	"context"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// The HTML review page is tested in a real browser: Debian's Chromium,
// driven over the DevTools protocol by chromedp. The tests skip when no
// browser is found, except in CI (CI set), where .ci/run installs one and
// a missing browser is a failure.

// browserPath finds Chromium: $STORYDIFF_CHROME, else a chromium or
// chrome on PATH.
func browserPath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("STORYDIFF_CHROME"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found (chromium, chromium-browser or google-chrome on PATH, or $STORYDIFF_CHROME); .ci/run installs Debian's chromium")
	}
	t.Skip("no Chromium found: install Debian's chromium (apt-get install -y chromium) or set STORYDIFF_CHROME to run the browser tests")
	return ""
}

// A browser is one headless Chromium with a tab, recording what the
// pages it loads request and log.
type browser struct {
	ctx context.Context

	mu       sync.Mutex
	requests []string // URLs requested
	errors   []string // console errors, log errors, uncaught exceptions
}

// newBrowser starts Chromium with the flags this machine needs (no
// sandbox as root, no background networking, a fresh profile) and a
// laptop-sized window.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(browserPath(t)),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("font-render-hinting", "none"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1366, 768),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })

	b := &browser{ctx: ctx}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1366, 768)); err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok {
			b.mu.Lock()
			b.requests = append(b.requests, ev.Request.URL)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	console := chromedp.Console(ctx) // console calls, exceptions and browser log entries
	go func() {
		for msg, err := range console {
			if err != nil {
				return
			}
			switch msg.Type {
			case chromedp.ConsoleError, chromedp.ConsoleWarning, chromedp.ConsoleException:
				b.mu.Lock()
				b.errors = append(b.errors, string(msg.Type)+": "+msg.Text)
				b.mu.Unlock()
			}
		}
	}()
	return b
}

// open loads the file at path and fails t if the page requested anything
// but itself or logged an error.
func (b *browser) open(t *testing.T, path string) {
	t.Helper()
	abs, err := filepath.Abs(path)
	if err != nil {
		t.Fatal(err)
	}
	u := (&url.URL{Scheme: "file", Path: abs}).String()
	b.mu.Lock()
	b.requests, b.errors = nil, nil
	b.mu.Unlock()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(u), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("loading %s: %v", u, err)
	}
	// Anything the page would load starts right away; give it a moment.
	if err := chromedp.Do(b.ctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.requests {
		if r != u && !strings.HasPrefix(r, "data:") {
			t.Errorf("page %s requested %s", path, r)
		}
	}
	for _, e := range b.errors {
		t.Errorf("page %s: %s", path, e)
	}
}

// eval evaluates a JavaScript expression.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// inView is a script that reports, for each article of the first event,
// whether the first statement of conflict k is marked active and lies
// inside both the window and its article's scroll box.
const inView = `(k) => Array.from(document.querySelectorAll("section.cluster article.doc")).map(a => {
	const m = a.querySelector('mark[data-k~="' + k + '"]');
	if (!m) return "none";
	const r = m.getBoundingClientRect(), box = a.querySelector(".text").getBoundingClientRect();
	const shown = r.top >= 0 && r.bottom <= window.innerHeight && r.top >= box.top && r.bottom <= box.bottom && r.left >= 0 && r.right <= window.innerWidth;
	return (shown ? "in view" : "out of view") + (m.classList.contains("active") ? ", active" : "");
})`

// TestReviewPageInBrowser opens the review page of the seed pair in
// Chromium: it loads nothing and logs no error, shows the three conflicts,
// and a click on a conflict brings each article's statement into view.
// It takes the screenshot the README shows (docs/review.png, rewritten
// with -update) and prints the page to PDF.
func TestReviewPageInBrowser(t *testing.T) {
	b := newBrowser(t)
	out := filepath.Join(t.TempDir(), "review.html")
	if r := runCLI(t, "", "", "compare", "--format", "html", "-o", out, "testdata/seeds"); r.code != 0 {
		t.Fatalf("compare --format html: exit %d: %s", r.code, r.stderr)
	}
	b.open(t, out)

	conflicts := eval[[]string](t, b, `Array.from(document.querySelectorAll("ol.conflicts > li")).map(li => li.innerText)`)
	if len(conflicts) != 3 {
		t.Fatalf("page shows %d conflicts, want 3: %q", len(conflicts), conflicts)
	}
	for i, want := range [][]string{
		{"Attribution, high", "Dmitry Peskov", "Ange Maxime Kazagui"},
		{"Spelling, high", "Bogdanov", "Bodganov"},
		{"Attribution, medium", "a Russian government spokesman", "Ange Maxime Kazagui"},
	} {
		for _, w := range want {
			if !strings.Contains(conflicts[i], w) {
				t.Errorf("conflict %d lacks %q: %q", i+1, w, conflicts[i])
			}
		}
	}
	articles := eval[[]string](t, b, `Array.from(document.querySelectorAll("article.doc h4")).map(h => h.innerText)`)
	if strings.Join(articles, ",") != "000_d858415b83bcff72,001_81ccae808b42c6e3" {
		t.Errorf("articles side by side = %q, want the two Central African Republic reports", articles)
	}

	// Conflicts 1 and 3 are on lines 26 and 24 of the first article, far
	// below its first screen: a click must scroll both articles to them.
	for _, k := range []string{"3", "1"} {
		before := eval[[]string](t, b, "("+inView+")("+k+")")
		if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(`button.pick[data-conflict="`+k+`"]`)),
			chromedp.Sleep(100*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		after := eval[[]string](t, b, "("+inView+")("+k+")")
		if len(after) != 2 || after[0] != "in view, active" || after[1] != "in view, active" {
			t.Errorf("after clicking conflict %s its statements are %q (before: %q), want both in view, active", k, after, before)
		}
		if k == "3" && before[0] == "in view" {
			t.Errorf("conflict 3 was in view before the click: the test proves nothing")
		}
	}

	shot, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if sz := img.Bounds().Size(); sz.X != 1366 || sz.Y != 768 {
		t.Errorf("screenshot is %v, want 1366×768", sz)
	}
	golden := filepath.Join("docs", "review.png")
	if *update {
		os.MkdirAll("docs", 0o755)
		if err := os.WriteFile(golden, shot, 0o644); err != nil {
			t.Fatal(err)
		}
	} else if _, err := os.Stat(golden); err != nil {
		t.Errorf("%v: run go test . -run Browser -update to take the README's screenshot", err)
	}

	pdf, err := chromedp.Run(b.ctx, chromedp.PrintToPDF(chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("printing: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF")) || len(pdf) < 10000 {
		t.Errorf("printed page is %d bytes, not a PDF of the report", len(pdf))
	}
}

// TestReviewPageRunsNoArticleScript renders two articles whose text
// holds a <script> and an <img onerror> and checks, in Chromium, that
// neither ran (the script would set a global and the page title, the
// image would load and then run its handler) and that both show as text.
func TestReviewPageRunsNoArticleScript(t *testing.T) {
	b := newBrowser(t)
	dir := t.TempDir()
	evil := "Quake kills 40 <script>window.pwned = 1; document.title = 'pwned'</script>\n" +
		"At least 40 people were killed when the quake struck on Monday, officials said. <img src=x onerror=\"window.pwned = 2; document.title = 'pwned'\">\n" +
		"\"We are doing all we can,\" governor Elsa Marwick said. <svg onload=\"window.pwned = 3\"></svg> <a href=\"javascript:window.pwned=4\">link</a>\n"
	plain := "Quake kills 43\nAt least 43 people were killed when the quake struck on Monday, officials said.\n" +
		"\"We are doing all we can,\" mayor Jon Berg said.\n"
	os.WriteFile(filepath.Join(dir, "evil.txt"), []byte(evil), 0o644)
	os.WriteFile(filepath.Join(dir, "plain.txt"), []byte(plain), 0o644)
	out := filepath.Join(dir, "review.html")
	if r := runCLI(t, dir, "", "diff", "--format", "html", "-o", "review.html", "evil.txt", "plain.txt"); r.code != 0 {
		t.Fatalf("diff --format html: exit %d: %s", r.code, r.stderr)
	}
	b.open(t, out)

	type page struct {
		Pwned   bool   `json:"pwned"`
		Title   string `json:"title"`
		Images  int    `json:"images"`
		Scripts int    `json:"scripts"`
		SVGs    int    `json:"svgs"`
		Text    string `json:"text"`
	}
	got := eval[page](t, b, `({pwned: "pwned" in window, title: document.title, images: document.images.length,
		scripts: document.scripts.length, svgs: document.querySelectorAll("svg").length,
		text: document.body.innerText})`)
	if got.Pwned || got.Title != "storydiff review" {
		t.Errorf("an article's markup ran: pwned %v, title %q", got.Pwned, got.Title)
	}
	if got.Images != 0 || got.SVGs != 0 || got.Scripts != 1 {
		t.Errorf("article markup became elements: %d images, %d svg, %d scripts (want only the page's own)", got.Images, got.SVGs, got.Scripts)
	}
	for _, want := range []string{"<script>window.pwned = 1;", `<img src=x onerror="window.pwned = 2;`, `<svg onload=`} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("page text lacks %q as text", want)
		}
	}
	// Clicking through every conflict runs only the page's script.
	n := eval[int](t, b, `document.querySelectorAll("button.pick").length`)
	if n == 0 {
		t.Errorf("no conflict between 40 and 43 dead on the page")
	}
	for i := 1; i <= n; i++ {
		if err := chromedp.Do(b.ctx, chromedp.Click(chromedp.CSS(`button.pick[data-conflict="`+strconv.Itoa(i)+`"]`))); err != nil {
			t.Fatal(err)
		}
	}
	if eval[bool](t, b, `"pwned" in window`) {
		t.Errorf("an article's script ran after the clicks")
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, e := range b.errors {
		t.Errorf("after the clicks: %s", e)
	}
}
