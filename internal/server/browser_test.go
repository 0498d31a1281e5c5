package server

// End-to-end tests of the web UI in a real headless Chromium, driven through
// the DevTools protocol with chromedp. They catch what the handler tests in
// internal/web cannot: htmx swaps, the Content-Security-Policy as a browser
// enforces it, focus order, and the layout on a phone.
//
// They need Debian's chromium at /usr/bin/chromium (or `chromium` on PATH)
// and skip without it, unless TRIANGULATE_REQUIRE_SERVICES=1 (CI), where a
// missing browser fails. Screenshots are test artefacts: run with
// `go test -artifacts -outputdir DIR` (DIR must exist) to keep them in
// DIR/_artifacts, or set TRIANGULATE_ARTEFACTS to a directory that receives
// a copy.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/postgres"
	"github.com/triangulate/triangulate/internal/store/postgres/pgtest"
)

// browserTimeout bounds a whole browser test: when it ends the browser is
// stopped, so a hung page fails the test instead of hanging CI.
const browserTimeout = 90 * time.Second

// chromiumPath returns the browser to run, or skips the test (fails it when
// the environment requires services).
func chromiumPath(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests start Chromium: skipped with -short")
	}
	const debian = "/usr/bin/chromium"
	if _, err := os.Stat(debian); err == nil {
		return debian
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	msg := "no Chromium at " + debian + " or on PATH (install it with `apt-get install chromium`)"
	if os.Getenv("TRIANGULATE_REQUIRE_SERVICES") == "1" {
		t.Fatal(msg + "; TRIANGULATE_REQUIRE_SERVICES=1 requires it")
	}
	t.Skip(msg + "; skipping the browser test")
	return ""
}

// browser is one headless Chromium with one tab, for one test.
type browser struct {
	ctx     context.Context // the tab's; done after browserTimeout
	console *consoleRecorder
}

// newBrowser starts Chromium with a fresh profile; the test's cleanup stops
// it and waits for it to exit.
func newBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath(t)
	profile := t.TempDir() // removed after the browser has exited: cleanups run last-in first-out

	ctx, cancelTimeout := context.WithTimeout(context.Background(), browserTimeout)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox, // containers and CI runners as root have no usable sandbox
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		// No traffic but the test's: no QUIC probing, updates, sync or
		// background fetches.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		// /dev/shm is tiny in many containers; Chromium crashes when it fills.
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelTimeout()
	})

	// The first action starts the browser and opens the tab.
	b := &browser{ctx: tabCtx, console: &consoleRecorder{}}
	if err := chromedp.Do(tabCtx); err != nil {
		t.Fatalf("start Chromium (%s): %v", path, err)
	}
	if err := chromedp.Listen(tabCtx, b.console.record); err != nil {
		t.Fatal(err)
	}
	return b
}

// do runs steps, failing the test with what was being done.
func (b *browser) do(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// navigate loads a page and waits for its load event.
func (b *browser) navigate(t *testing.T, url string) {
	t.Helper()
	b.do(t, "load "+url, chromedp.Navigate(url))
}

// follow runs steps that make the page navigate (a click on a link or a
// submit button) and waits for the new page to load.
func (b *browser) follow(t *testing.T, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, steps...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if resp != nil && resp.Status >= 400 {
		t.Fatalf("%s: the page loaded is %s with status %d", what, resp.URL, resp.Status)
	}
}

// eval evaluates a JavaScript expression in the page. It runs through the
// DevTools protocol, so the page's CSP (no eval) does not apply; chromedp's
// Poll does not, since it evaluates the predicate inside the page.
func eval[T any](t *testing.T, b *browser, expr string) T {
	t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor polls a boolean JavaScript expression until it holds; it fails the
// test when within does not suffice.
func (b *browser) waitFor(t *testing.T, within time.Duration, what, expr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, within)
	defer cancel()
	var last error
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+expr+")"))
		if err == nil && ok {
			return
		}
		if err != nil {
			last = err
		}
		select {
		case <-ctx.Done():
			t.Fatalf("waited %v for %s; last error: %v", within, what, last)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// screenshot takes a screenshot of the whole page, checks it is a real
// image, and keeps it as a test artefact and, when TRIANGULATE_ARTEFACTS
// names a directory, there too.
func (b *browser) screenshot(t *testing.T, name string) {
	t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100)) // 100: PNG
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot %s is not a PNG: %v", name, err)
	}
	if r := img.Bounds(); r.Dx() <= 300 || r.Dy() <= 600 {
		t.Errorf("screenshot %s is %dx%d, want wider than 300 and taller than 600", name, r.Dx(), r.Dy())
	}
	dirs := []string{t.ArtifactDir()}
	if d := os.Getenv("TRIANGULATE_ARTEFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, buf, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}

// consoleRecorder keeps the errors a page reports: console.error and
// console.assert calls, uncaught exceptions, and browser log entries of
// level error, which include failed loads and CSP violations.
type consoleRecorder struct {
	mu     sync.Mutex
	errors []string
}

// record is a chromedp listener: it runs in the tab's event loop, in the
// order of the events, so every event that arrived before the reply to a
// command has been recorded when the command returns.
func (c *consoleRecorder) record(ev any) {
	var msg string
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		msg = "console." + string(ev.Type) + ": " + strings.Join(parts, " ")
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg = "uncaught exception: " + d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		msg += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	case *log.EventEntryAdded:
		e := ev.Entry
		if e.Level != log.EntryLevelError {
			return
		}
		// Browsers ask for /favicon.ico on their own; the UI has none.
		if strings.HasSuffix(e.URL, "/favicon.ico") {
			return
		}
		msg = fmt.Sprintf("log %s error: %s (%s)", e.Source, e.Text, e.URL)
	default:
		return
	}
	c.mu.Lock()
	c.errors = append(c.errors, msg)
	c.mu.Unlock()
}

// take returns the errors recorded so far and forgets them.
func (c *consoleRecorder) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	errs := c.errors
	c.errors = nil
	return errs
}

// checkConsole fails the test for every error the pages reported. A
// round trip first makes sure the events sent so far were recorded.
func (b *browser) checkConsole(t *testing.T, where string) {
	t.Helper()
	_ = eval[bool](t, b, "true")
	for _, e := range b.console.take() {
		t.Errorf("%s: the browser reported %s", where, e)
	}
}

// startProcessor runs the server's processor until the test ends.
func startProcessor(t *testing.T, ts *testServer) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- ts.Processor().Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
			t.Errorf("processor: %v", err)
		}
	})
}

// demoStoryPath processes the example and returns the address of its story.
func demoStoryPath(t *testing.T, ts *testServer) string {
	t.Helper()
	return "/stories/" + demoStory(t, ts).ID
}

// JavaScript that finds the parts of the dossier on the story page. The
// render package names its sections' headings <story>-section-<name>.
const (
	jsSection    = `(name) => document.querySelector('[id$="-section-' + name + '"]')?.closest('section')`
	jsFactsTable = `(` + jsSection + `)('facts')?.querySelector('table')`
)

func TestBrowserDemoStory(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { browserDemoStory(t, newTestServer(t, nil)) })
	// The same path on PostgreSQL: the store is all that differs.
	t.Run("postgres", func(t *testing.T) {
		st, err := postgres.Open(context.Background(), pgtest.FreshDSN(t), postgres.Options{})
		if err != nil {
			t.Fatal(err)
		}
		browserDemoStory(t, newTestServerOn(t, st, nil))
	})
}

// browserDemoStory loads the example from the welcome box of an empty
// server and checks its story page.
func browserDemoStory(t *testing.T, ts *testServer) {
	b := newBrowser(t)
	startProcessor(t, ts)

	// An empty store: the welcome box offers the example.
	b.navigate(t, ts.url+"/")
	b.do(t, "wait for the welcome box", chromedp.WaitVisible(chromedp.CSS("section.welcome")))
	button := `section.welcome form[action="/demo"] button[type="submit"]`
	if got := eval[string](t, b, `document.querySelector('`+button+`')?.textContent.trim() ?? ""`); got != "Load the example" {
		t.Fatalf("welcome box button = %q, want %q", got, "Load the example")
	}
	b.follow(t, "click Load the example", chromedp.Click(chromedp.CSS(button)))
	if got := eval[string](t, b, "location.pathname"); got != "/" {
		t.Errorf("after loading the example the browser is at %s, want /", got)
	}

	// The processor works in the background; reload the list until the
	// story has its five articles and an up-to-date dossier.
	rowReady := `(() => {
		const li = document.querySelector('#stories ol.stories li');
		return !!li && li.textContent.includes('5 articles') && !li.querySelector('.warn');
	})()`
	deadline := time.Now().Add(60 * time.Second)
	for !eval[bool](t, b, rowReady) {
		if time.Now().After(deadline) {
			t.Fatalf("after 60s the list shows no story with 5 articles and a fresh dossier: %s",
				eval[string](t, b, `document.querySelector('#stories')?.innerText ?? "no #stories"`))
		}
		time.Sleep(250 * time.Millisecond)
		b.navigate(t, ts.url+"/")
	}
	b.follow(t, "open the story", chromedp.Click(chromedp.CSS("#stories a.story-title")))
	if got := eval[string](t, b, "location.pathname"); !strings.HasPrefix(got, "/stories/") {
		t.Fatalf("the story link led to %s, want /stories/...", got)
	}

	// The facts × sources matrix has a column per source.
	if got := eval[int](t, b, jsFactsTable+`?.querySelectorAll('thead th a.src').length ?? -1`); got != 5 {
		t.Errorf("the facts matrix has %d source columns, want 5", got)
	}
	badRows := eval[[]string](t, b, `[...(`+jsFactsTable+`)?.querySelectorAll('tbody tr') ?? []]
		.filter(tr => tr.querySelectorAll('td.mark').length !== 5).map(tr => tr.id)`)
	if len(badRows) > 0 {
		t.Errorf("matrix rows without a cell per source: %v", badRows)
	}
	if n := eval[int](t, b, jsFactsTable+`?.querySelectorAll('tbody tr').length ?? 0`); n == 0 {
		t.Error("the facts matrix has no rows")
	}

	// Sources are cited by outlet, in the matrix's header as elsewhere.
	heads := eval[[]string](t, b, `[...(`+jsFactsTable+`)?.querySelectorAll('thead th a.src') ?? []].map(a => a.innerText.trim())`)
	if !slices.Contains(heads, "Reuters") || slices.ContainsFunc(heads, func(h string) bool { return regexp.MustCompile(`^s\d+$`).MatchString(h) }) {
		t.Errorf("the matrix's source columns are headed %q, want the outlets (Reuters among them)", heads)
	}
	// A tap on a ✓ shows the source's sentence in place.
	b.do(t, "tap a ✓", chromedp.Click(chromedp.CSS(`td.mark.ok details.cell summary`)))
	said := eval[string](t, b, `(() => { const q = document.querySelector('td.mark.ok details.cell[open] .says q');
		return q && q.getBoundingClientRect().height > 0 ? q.innerText : ''; })()`)
	if said == "" {
		t.Error("tapping a ✓ of the matrix shows no sentence")
	}

	// The page at a laptop's width: its height, with the summary and the
	// conflicts' count on the first screen.
	b.do(t, "a laptop's width", chromedp.EmulateViewport(1400, 900))
	type layout struct{ Height, Summary, Counts float64 }
	l := eval[layout](t, b, `(() => { const top = el => el ? el.getBoundingClientRect().top + scrollY : -1;
		return {Height: document.documentElement.scrollHeight,
			Summary: top((`+jsSection+`)('summary')), Counts: top(document.querySelector('p.counts'))}; })()`)
	t.Logf("story page at 1400 px: %v px tall; summary at %v px, counts at %v px", l.Height, l.Summary, l.Counts)
	t.Logf("sections: %v", eval[map[string]float64](t, b, `Object.fromEntries([...document.querySelectorAll('article > section')].map(s => [s.querySelector('h2')?.innerText, s.getBoundingClientRect().height]))`))
	if l.Height > 6000 {
		t.Errorf("the story page is %v px tall at 1400 px, want at most 6,000 (the rest opens on demand)", l.Height)
	}
	if l.Summary < 0 || l.Summary > 900 {
		t.Errorf("the summary starts at %v px, not on the first screen", l.Summary)
	}

	// The conflict over the number of Russian instructors, with both sides.
	type conflict struct {
		About  string   `json:"about"`
		Values []string `json:"values"`
	}
	conflicts := eval[[]conflict](t, b, `[...((`+jsSection+`)('conflicts')?.querySelectorAll('[id*="-conflict-"]') ?? [])]
		.map(c => ({about: c.querySelector('h3')?.innerText ?? '',
			values: [...c.querySelectorAll('.variant .value')].map(v => v.innerText.trim())}))`)
	found, personnel := false, regexp.MustCompile(`(?i)instructor|trainer`)
	for _, c := range conflicts {
		if personnel.MatchString(c.About) {
			found = true
			if !slices.Contains(c.Values, "100") || !slices.Contains(c.Values, "unspecified") {
				t.Errorf("conflict %q shows the sides %q, want 100 and unspecified", c.About, c.Values)
			}
		}
	}
	if !found {
		t.Errorf("no conflict about the number of instructors or trainers on the page; conflicts: %+v", conflicts)
	}

	// The SVG timeline, drawn with events.
	svg := `(` + jsSection + `)('timeline')?.querySelector('figure.timeline-chart svg')`
	if !eval[bool](t, b, `!!`+svg+` && `+svg+`.getBoundingClientRect().width > 0`) {
		t.Error("the timeline section has no visible SVG chart")
	}
	if n := eval[int](t, b, svg+`?.querySelectorAll('g.tl-event').length ?? 0`); n == 0 {
		t.Error("the timeline chart has no events")
	}

	b.screenshot(t, "story.png")
	b.checkConsole(t, "story page")
}

func TestBrowserSearch(t *testing.T) {
	b := newBrowser(t)
	ts := newTestServer(t, nil)
	demoStoryPath(t, ts)
	const title = "Russian military trainers and air defence system arrive in Niger"

	b.navigate(t, ts.url+"/")
	// A full page load would lose this mark; an htmx swap keeps it.
	b.do(t, "mark the page", chromedp.Evaluate[chromedp.Void](`window.sameDocument = true`))

	b.do(t, "type in the search box", chromedp.SendKeys(chromedp.ID("q"), "Tiani"))
	b.waitFor(t, 10*time.Second, "htmx to push /?q=Tiani", `new URLSearchParams(location.search).get('q') === 'Tiani'`)
	b.do(t, "wait for the story", chromedp.WaitVisible(chromedp.CSS("#stories a.story-title")))
	if got := eval[[]string](t, b, `[...document.querySelectorAll('#stories a.story-title')].map(a => a.innerText)`); len(got) != 1 || got[0] != title {
		t.Errorf("the list for Tiani shows %q, want [%q]", got, title)
	}
	if !eval[bool](t, b, `window.sameDocument === true`) {
		t.Error("the search reloaded the whole page; htmx should only swap the list")
	}

	// Erase the word as a user does, then a word no report contains.
	const nonsense = "Zqxwvjk"
	b.do(t, "erase the search", chromedp.SendKeys(chromedp.ID("q"), strings.Repeat(kb.Backspace, len("Tiani"))))
	if got := eval[string](t, b, `document.getElementById('q').value`); got != "" {
		t.Fatalf("the search box holds %q after erasing, want it empty", got)
	}
	b.do(t, "type a nonsense word", chromedp.SendKeys(chromedp.ID("q"), nonsense))
	b.waitFor(t, 10*time.Second, "the empty-state message",
		`document.querySelector('#stories p.empty')?.innerText.includes('`+nonsense+`')`)
	if n := eval[int](t, b, `document.querySelectorAll('#stories a.story-title').length`); n != 0 {
		t.Errorf("the list for %q shows %d stories, want none", nonsense, n)
	}
	if !eval[bool](t, b, `window.sameDocument === true`) {
		t.Error("the second search reloaded the whole page")
	}
	b.checkConsole(t, "live search")

	// Without htmx: the address alone gives the filtered list.
	b.navigate(t, ts.url+"/?q=Tiani")
	if got := eval[[]string](t, b, `[...document.querySelectorAll('#stories a.story-title')].map(a => a.innerText)`); len(got) != 1 || got[0] != title {
		t.Errorf("/?q=Tiani lists %q, want [%q]", got, title)
	}
	if got := eval[string](t, b, `document.getElementById('q').value`); got != "Tiani" {
		t.Errorf("/?q=Tiani shows %q in the search box, want Tiani", got)
	}
	b.checkConsole(t, "/?q=Tiani")
}

func TestBrowserArticleAndKeyboard(t *testing.T) {
	b := newBrowser(t)
	ts := newTestServer(t, nil)
	story := ts.url + demoStoryPath(t, ts)

	// Keyboard: the first Tab after a page load reaches the skip link, and
	// the link shows when focused.
	b.navigate(t, story)
	b.do(t, "press Tab", chromedp.KeyEvent(kb.Tab))
	if href := eval[string](t, b, `document.activeElement?.tagName === 'A' ? document.activeElement.getAttribute('href') : 'not a link: ' + document.activeElement?.tagName`); !strings.HasPrefix(href, "#") {
		t.Errorf("the first Tab focuses %q, want the skip link (an <a href=\"#...\">)", href)
	} else if !eval[bool](t, b, `(() => { const r = document.activeElement.getBoundingClientRect();
		return r.left >= 0 && r.top >= 0 && r.width > 0 && r.right <= innerWidth; })()`) {
		t.Error("the focused skip link is off screen")
	}

	// The stored article of source s1, from its entry under Sources.
	link := `[id$="-src-s1"] a[href^="/articles/"]`
	b.follow(t, "open the article of s1", chromedp.Click(chromedp.CSS(link)))
	path := eval[string](t, b, "location.pathname")
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/articles/"), 10, 64)
	if err != nil {
		t.Fatalf("the source link led to %s, want /articles/{id}", path)
	}
	rec, err := ts.st.GetArticle(context.Background(), id)
	if err != nil || rec.Article == nil {
		t.Fatalf("article %d: %v (cleaned: %v)", id, err, rec.Article != nil)
	}
	marks := eval[[]string](t, b, `[...document.querySelectorAll('.text mark')].map(m => m.textContent)`)
	if len(marks) == 0 {
		t.Error("the article page marks no cited sentence")
	}
	for _, m := range marks {
		if strings.TrimSpace(m) == "" || !strings.Contains(rec.Article.Text, m) {
			t.Errorf("marked passage %q is not in the article's cleaned text", m)
		}
	}
	b.checkConsole(t, "article page")

	// A phone: the page itself does not scroll sideways; the wide matrix
	// scrolls inside its own box.
	b.do(t, "emulate a phone", chromedp.EmulateViewport(390, 844))
	b.navigate(t, story)
	type widths struct {
		Page, Viewport     float64
		Matrix, MatrixBox  float64
		MatrixBoxOverflowX string
	}
	w := eval[widths](t, b, `(() => { const tbl = `+jsFactsTable+`, box = tbl?.parentElement;
		return {Page: document.documentElement.scrollWidth, Viewport: innerWidth,
			Matrix: tbl?.scrollWidth ?? 0, MatrixBox: box?.clientWidth ?? 0,
			MatrixBoxOverflowX: box ? getComputedStyle(box).overflowX : ''}; })()`)
	t.Logf("phone: page %vpx wide in a %vpx viewport; matrix %vpx in a %vpx box (overflow-x %s)",
		w.Page, w.Viewport, w.Matrix, w.MatrixBox, w.MatrixBoxOverflowX)
	if w.Viewport != 390 {
		t.Errorf("the emulated viewport is %vpx wide, want 390", w.Viewport)
	}
	if w.Page > w.Viewport+1 {
		t.Errorf("on a phone the page scrolls sideways: document %vpx wide, viewport %vpx; wide parts should scroll in their own box", w.Page, w.Viewport)
	}
	if w.Matrix > w.MatrixBox+1 {
		// One block a fact, with a chip for each source: nothing to
		// scroll sideways to.
		t.Errorf("on a phone the matrix (%vpx) is wider than its box (%vpx): its source columns are off-screen", w.Matrix, w.MatrixBox)
	}
	chips := eval[[]string](t, b, `[...(`+jsFactsTable+`).querySelectorAll('tbody tr:first-child td.mark')].filter(td => td.offsetParent !== null).map(td => td.textContent.trim())`)
	if len(chips) == 0 || !strings.ContainsAny(strings.Join(chips, ""), "✓✗") {
		t.Errorf("on a phone the first fact shows no source chips: %q", chips)
	}
	b.screenshot(t, "story-phone.png")
	b.checkConsole(t, "story page on a phone")
}

// TestBrowserStoryConsole checks that the story page loads without a
// console error, an uncaught exception or a CSP violation: the page's
// htmx, styles and inline SVG must all fit the server's policy.
func TestBrowserStoryConsole(t *testing.T) {
	b := newBrowser(t)
	ts := newTestServer(t, nil)
	story := ts.url + demoStoryPath(t, ts)

	b.navigate(t, story)
	b.do(t, "wait for the dossier", chromedp.WaitVisible(chromedp.CSS(`[id$="-section-facts"]`)))
	// htmx is loaded and initialised: a script the CSP blocked would not be.
	if !eval[bool](t, b, `typeof htmx === 'object' && htmx.config.allowEval === false`) {
		t.Error("htmx did not load on the story page (or ignored its htmx-config)")
	}
	b.checkConsole(t, "story page")

	// The recorder does see errors: a probe must come through.
	b.do(t, "log a probe error", chromedp.Evaluate[chromedp.Void](`console.error('triangulate-probe')`))
	b.do(t, "load a missing page", chromedp.Navigate(ts.url+"/no-such-page"))
	got := strings.Join(b.console.take(), "\n")
	if !strings.Contains(got, "triangulate-probe") {
		t.Errorf("the console recorder missed console.error; it has %q", got)
	}
	if !strings.Contains(got, "404") {
		t.Errorf("the console recorder missed a failed load (404); it has %q", got)
	}
}

// A page of another origin that the user visits tries every write of the
// API through the browser — fetches that need no preflight, fetches that
// do, and a plain form post — and none reaches the store.
func TestBrowserCrossOriginWrites(t *testing.T) {
	b := newBrowser(t)
	ts := newTestServer(t, nil)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><title>A page elsewhere</title>
<form id="f" method="post" enctype="text/plain"><input name='{"title":"Forged","text":"A forged form article.","x":"' value='"}'></form>
<iframe name="sink"></iframe>`)
	}))
	t.Cleanup(evil.Close)
	// localhost against 127.0.0.1: another site to the browser.
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	b.navigate(t, evilURL+"/")

	var calls []string
	for _, w := range apiWrites() {
		body, _ := json.Marshal(w.body)
		for _, mode := range []string{"no-cors", "cors"} {
			ct := w.ct
			if mode == "no-cors" && ct != "" {
				ct = "text/plain" // the one type of these a no-cors request may carry
			}
			calls = append(calls, fmt.Sprintf(`fetch(%q, {method: %q, mode: %q, headers: %s, body: %s}).then(r => r.type + ' ' + r.status)`,
				ts.url+w.path, w.method, mode, headersJS(ct), bodyJS(w.method, body)))
		}
	}
	b.do(t, "send the writes", chromedp.Evaluate[chromedp.Void](`window.done = false;
Promise.allSettled([`+strings.Join(calls, ",\n")+`]).then(rs => { window.results = rs.map(r => r.status + ' ' + (r.value || r.reason)); window.done = true })`))
	b.waitFor(t, 20*time.Second, "the writes to settle", `window.done === true`)
	t.Logf("fetches: %v", eval[[]string](t, b, `window.results`))
	// A form posted to the API from the other site, into a frame.
	b.do(t, "post the form", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const f = document.getElementById('f'); f.action = %q; f.target = 'sink'; f.submit() })()`, ts.url+"/api/articles")))
	time.Sleep(500 * time.Millisecond)

	if counts, feeds := ts.stored(t); len(counts) != 0 || len(feeds) != 0 {
		t.Errorf("writes from another site reached the store: articles %v, feeds %d", counts, len(feeds))
	}
}

func headersJS(ct string) string {
	if ct == "" {
		return "{}"
	}
	return fmt.Sprintf(`{"Content-Type": %q}`, ct)
}

func bodyJS(method string, body []byte) string {
	if method == "DELETE" {
		return "undefined"
	}
	return string(body)
}

// axePath is where .ci/run installs axe-core (npm axe-core, pinned there).
const axePath = "testdata/axe/node_modules/axe-core/axe.min.js"

// axeSource reads axe-core, or skips the test (fails it when the services
// are required) when it is not installed.
func axeSource(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(axePath)
	if err != nil {
		msg := fmt.Sprintf("axe-core is not installed at internal/server/%s (npm install --prefix internal/server/testdata/axe axe-core@4.14.1): %v", axePath, err)
		if os.Getenv("TRIANGULATE_REQUIRE_SERVICES") == "1" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(src)
}

// TestBrowserPages visits each kind of page — the story list, a story,
// an article, the feeds — at a laptop's width and a phone's: no page
// scrolls sideways on the phone, no console error, no serious or critical
// accessibility violation (axe-core run in the page), and a screenshot of
// each at both widths (see the README for where they go).
func TestBrowserPages(t *testing.T) {
	axe := axeSource(t)
	ts := newTestServer(t, nil)
	story := ts.url + demoStoryPath(t, ts)
	if _, err := ts.st.AddFeed(t.Context(), store.Feed{URL: "https://feeds.example.org/world.xml"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.navigate(t, story)
	article := eval[string](t, b, `document.querySelector('[id$="-src-s1"] a[href^="/articles/"]')?.href ?? ''`)
	if article == "" {
		t.Fatal("the story page links no stored article")
	}
	pages := []struct{ name, url string }{
		{"stories", ts.url + "/"}, {"story", story}, {"article", article}, {"feeds", ts.url + "/feeds"},
	}
	type violation struct {
		ID, Impact, Help string
		Nodes            int
	}
	for _, width := range []int64{1400, 390} {
		b.do(t, fmt.Sprintf("a %dpx viewport", width), chromedp.EmulateViewport(width, 900))
		for _, p := range pages {
			b.navigate(t, p.url)
			if w := eval[float64](t, b, `document.documentElement.scrollWidth`); w > float64(width)+1 {
				t.Errorf("%s at %dpx: the page is %vpx wide and scrolls sideways", p.name, width, w)
			}
			b.screenshot(t, fmt.Sprintf("%s-%d.png", p.name, width))
			b.checkConsole(t, fmt.Sprintf("%s at %dpx", p.name, width))
			if width != 1400 {
				continue
			}
			b.do(t, "load axe-core", chromedp.Evaluate[chromedp.Void](axe))
			var vs []violation
			if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[chromedp.Void](`window.__axe = null; axe.run(document, {resultTypes: ['violations']}).then(r => { window.__axe = r.violations.map(v => ({ID: v.id, Impact: v.impact ?? '', Help: v.help, Nodes: v.nodes.length})); })`)); err != nil {
				t.Fatalf("run axe-core on %s: %v", p.name, err)
			}
			b.waitFor(t, 30*time.Second, "axe-core's result on "+p.name, `window.__axe !== null`)
			vs = eval[[]violation](t, b, `window.__axe`)
			for _, v := range vs {
				if v.Impact == "serious" || v.Impact == "critical" {
					t.Errorf("%s: accessibility violation %s (%s, %d elements): %s", p.name, v.ID, v.Impact, v.Nodes, v.Help)
				} else {
					t.Logf("%s: minor accessibility finding %s (%s, %d elements): %s", p.name, v.ID, v.Impact, v.Nodes, v.Help)
				}
			}
		}
	}
}

// TestBrowserLargestECBStory reads the story of the ECB+ event with the
// most articles, at a laptop's width and a phone's: cited by outlet (here
// "unknown outlet N": the corpus names none), no sideways scrolling on the
// phone, a tap on a ✓ shows the sentence, the summary on the first screen.
func TestBrowserLargestECBStory(t *testing.T) {
	if testing.Short() {
		t.Skip("processes an ECB+ event of some thirty articles")
	}
	events := corpus.ECBEvents(t)
	byEvent := map[string][]string{}
	for name, ev := range events {
		byEvent[ev] = append(byEvent[ev], name)
	}
	largest := ""
	for _, ev := range slices.Sorted(maps.Keys(byEvent)) {
		if len(byEvent[ev]) > len(byEvent[largest]) {
			largest = ev
		}
	}
	dir := filepath.Join(corpus.Shared(t, "ecbplus"), "docs")
	var paths []string
	for _, name := range slices.Sorted(slices.Values(byEvent[largest])) {
		paths = append(paths, filepath.Join(dir, name))
	}
	ts := newTestServer(t, nil)
	docs, errs := ingest.Read(t.Context(), paths, ingest.Options{})
	if len(errs) > 0 {
		t.Fatal(errors.Join(errs...))
	}
	for _, d := range docs {
		if _, _, err := ts.st.AddArticle(t.Context(), store.NewArticle{Document: d}); err != nil {
			t.Fatal(err)
		}
	}
	ts.drain(t)
	res, err := ts.st.ListStories(t.Context(), store.StoryQuery{Order: store.OrderArticles})
	if err != nil || len(res.Stories) == 0 {
		t.Fatalf("no story from event %s: %v", largest, err)
	}
	st := res.Stories[0]
	t.Logf("event %s: %d articles; its largest story %s holds %d", largest, len(paths), st.ID, st.ArticleCount)
	b := newBrowser(t)
	for _, width := range []int64{1400, 390} {
		b.do(t, fmt.Sprintf("a %dpx viewport", width), chromedp.EmulateViewport(width, 900))
		b.navigate(t, ts.url+"/stories/"+st.ID)
		type shape struct{ Width, Height, Summary float64 }
		s := eval[shape](t, b, `(() => { const sum = (`+jsSection+`)('summary');
			return {Width: document.documentElement.scrollWidth, Height: document.documentElement.scrollHeight,
				Summary: sum ? sum.getBoundingClientRect().top + scrollY : -1}; })()`)
		t.Logf("%dpx: page %v×%v px, summary at %v px", width, s.Width, s.Height, s.Summary)
		if s.Width > float64(width)+1 {
			t.Errorf("%dpx: the page is %vpx wide and scrolls sideways", width, s.Width)
		}
		if s.Summary < 0 || s.Summary > 900 {
			t.Errorf("%dpx: the summary starts at %v px, not on the first screen", width, s.Summary)
		}
		if width == 1400 {
			heads := eval[[]string](t, b, `[...(`+jsFactsTable+`)?.querySelectorAll('thead th a.src') ?? []].map(a => a.innerText.trim())`)
			if len(heads) == 0 || slices.ContainsFunc(heads, func(h string) bool { return regexp.MustCompile(`^s\d+$`).MatchString(h) }) {
				t.Errorf("the matrix's columns are headed %q, want outlets", heads)
			}
		}
		if eval[bool](t, b, `!!document.querySelector('td.mark.ok details.cell summary')`) {
			b.do(t, "tap a ✓", chromedp.Click(chromedp.CSS(`td.mark.ok details.cell summary`)))
			if said := eval[string](t, b, `document.querySelector('td.mark.ok details.cell[open] .says q')?.innerText ?? ''`); said == "" {
				t.Errorf("%dpx: tapping a ✓ shows no sentence", width)
			}
		}
		b.screenshot(t, fmt.Sprintf("ecb-story-%d.png", width))
		b.checkConsole(t, fmt.Sprintf("the ECB+ story at %dpx", width))
	}
}
