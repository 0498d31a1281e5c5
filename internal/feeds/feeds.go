// Package feeds keeps the server's feed subscriptions: a Poller fetches the
// feeds that are due, adds their new items to the store as articles, and
// schedules each feed's next fetch, backing off from feeds that fail; OPML
// import and export move subscriptions in and out of other readers.
//
// The poller is polite in the ways feed publishers ask of readers: it sends
// conditional requests (If-None-Match, If-Modified-Since) so an unchanged
// feed costs a 304, spaces its requests to one host by Options.HostDelay,
// honours Retry-After, and backs off exponentially from a failing feed.
// Fetching and parsing are ingest's (ingest.FetchFeed, ingest.ParseFeed,
// ingest.Read), storage is the store's: this package only decides what to
// fetch when and what is new.
package feeds

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// Defaults for the zero Options.
const (
	DefaultInterval    = 15 * time.Minute
	DefaultMinInterval = time.Minute
	DefaultMaxBackoff  = 6 * time.Hour
	DefaultHostDelay   = 2 * time.Second
	DefaultConcurrency = 4
	DefaultBatch       = 100
	DefaultTimeout     = ingest.DefaultTimeout
)

// Run's bounds on its sleep between polls: it wakes at least every
// maxRunWait to see feeds added or rescheduled behind its back, and waits
// at least minRunWait so a feed the store cannot reschedule does not spin.
const (
	maxRunWait = time.Minute
	minRunWait = time.Second
)

// Options configure a Poller. Every field but Store may be left zero and
// takes the default named in its comment.
type Options struct {
	// Store holds the feeds, their fetch state and the articles. Required.
	Store store.Store
	// Client makes every request, feeds and article pages. The server
	// passes one that refuses private addresses, since feed URLs and item
	// links come from users and publishers. Default: the standard
	// transport with a Timeout-long timeout.
	Client *http.Client
	// UserAgent is sent with every request. Default ingest.DefaultUserAgent.
	UserAgent string
	// Interval is how long after a successful fetch a feed is fetched
	// again. Default 15 minutes; never below MinInterval.
	Interval time.Duration
	// MinInterval is the least time between two fetches of one feed,
	// whatever Interval or a server's Retry-After say. Default 1 minute.
	MinInterval time.Duration
	// MaxBackoff caps the wait after failures. Default 6 hours; never
	// below Interval.
	MaxBackoff time.Duration
	// HostDelay is the least time between two requests to one host (host
	// and port of the URL), feeds and article pages alike, so that many
	// feeds of one publisher do not hit it in a burst. Default 2 seconds;
	// negative for none.
	HostDelay time.Duration
	// Concurrency is how many hosts are fetched from at once; the feeds
	// of one host are fetched one after the other. Default 4.
	Concurrency int
	// Batch is how many due feeds one PollDue takes. Default 100.
	Batch int
	// FetchArticles makes the poller fetch each new item's link as the
	// full article page (through ingest.Read), since feed items often
	// carry only a summary. The item's own content is kept when the fetch
	// fails, or the item has no link.
	FetchArticles bool
	// MaxBytes is the most one feed or page may hold. Default
	// ingest.DefaultMaxBytes.
	MaxBytes int64
	// Timeout bounds one request, body included. Default 30 seconds.
	Timeout time.Duration
	// Now is the clock. Default time.Now; tests set it.
	Now func() time.Time
	// Logger receives one line per feed fetched or failed. Default: none.
	Logger *slog.Logger
	// Added is called with the ids of the articles each feed added, so
	// the server can wake its workers rather than wait for their next
	// look at the queue. Calls come one at a time and should return
	// quickly. Default: none.
	Added func(ids []int64)
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Client == nil {
		o.Client = &http.Client{Timeout: o.Timeout}
	}
	if o.UserAgent == "" {
		o.UserAgent = ingest.DefaultUserAgent
	}
	if o.MinInterval <= 0 {
		o.MinInterval = DefaultMinInterval
	}
	if o.Interval <= 0 {
		o.Interval = DefaultInterval
	}
	o.Interval = max(o.Interval, o.MinInterval)
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	o.MaxBackoff = max(o.MaxBackoff, o.Interval)
	if o.HostDelay == 0 {
		o.HostDelay = DefaultHostDelay
	}
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.Batch <= 0 {
		o.Batch = DefaultBatch
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = ingest.DefaultMaxBytes
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// ErrNoStore is NewPoller's error for Options without a Store.
var ErrNoStore = errors.New("feeds: no store")

// Poller fetches due feeds and adds their new items as articles. Its
// methods are safe for concurrent use; PollDue calls run one at a time, so
// Run and a PollDue of the API never fetch a feed twice.
type Poller struct {
	opts  Options
	gate  *hostGate
	wake  chan struct{}
	poll  sync.Mutex // one PollDue at a time
	added sync.Mutex // one Added call at a time

	// sleep waits d or until ctx is done; tests replace it to advance a
	// fake clock instead.
	sleep func(ctx context.Context, d time.Duration) error
}

// NewPoller returns a Poller with opts, defaults filled in.
func NewPoller(opts Options) (*Poller, error) {
	if opts.Store == nil {
		return nil, ErrNoStore
	}
	opts = opts.withDefaults()
	return &Poller{
		opts:  opts,
		gate:  newHostGate(opts.HostDelay),
		wake:  make(chan struct{}, 1),
		sleep: sleepCtx,
	}, nil
}

// Result counts what one PollDue did.
type Result struct {
	Due         int // feeds taken from the store
	Fetched     int // answered with a feed that parsed
	NotModified int // answered 304
	Failed      int // failed, and rescheduled with backoff
	Added       int // new articles
}

// outcome is how the fetch of one feed ended.
type outcome int

const (
	outcomeCancelled outcome = iota // ctx ended first; the feed is left as it was
	outcomeFetched
	outcomeNotModified
	outcomeFailed
)

// PollDue fetches the feeds due now (at most Options.Batch, most overdue
// first), adds their new items as articles and reschedules each feed: at
// Interval after a success or a 304, after a backoff on failure. A broken
// feed only fails itself; the error is the store's failure to list the due
// feeds, or ctx's.
//
// Feeds of different hosts are fetched concurrently (Options.Concurrency),
// those of one host in turn, HostDelay apart.
func (p *Poller) PollDue(ctx context.Context) (Result, error) {
	p.poll.Lock()
	defer p.poll.Unlock()

	now := p.opts.Now()
	p.gate.prune(now)
	due, err := p.opts.Store.DueFeeds(ctx, now, p.opts.Batch)
	if err != nil {
		return Result{}, fmt.Errorf("feeds: due feeds: %w", err)
	}
	res := Result{Due: len(due)}

	// Group by host, keeping the most overdue host first.
	var hosts []string
	byHost := map[string][]store.Feed{}
	for _, f := range due {
		h := hostOf(f.URL)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], f)
	}

	var (
		mu sync.Mutex
		g  errgroup.Group
	)
	g.SetLimit(p.opts.Concurrency)
	for _, h := range hosts {
		g.Go(func() error {
			for _, f := range byHost[h] {
				if ctx.Err() != nil {
					return nil
				}
				o, added := p.pollFeed(ctx, f)
				mu.Lock()
				res.Added += added
				switch o {
				case outcomeFetched:
					res.Fetched++
				case outcomeNotModified:
					res.NotModified++
				case outcomeFailed:
					res.Failed++
				}
				mu.Unlock()
			}
			return nil
		})
	}
	// Every goroutine records its feeds' failures in the store and
	// returns nil, so one feed does not cancel the others.
	_ = g.Wait()
	if err := ctx.Err(); err != nil {
		return res, fmt.Errorf("feeds: poll: %w", err)
	}
	return res, nil
}

// pollFeed fetches one feed, adds its new items and reschedules it. It
// reports how the fetch ended and how many articles it added.
func (p *Poller) pollFeed(ctx context.Context, f store.Feed) (outcome, int) {
	log := p.opts.Logger.With("feed", f.ID, "url", f.URL)
	if err := p.waitHost(ctx, f.URL); err != nil {
		return outcomeCancelled, 0
	}
	resp, err := ingest.FetchFeed(ctx, f.URL, ingest.Validators{ETag: f.ETag, LastModified: f.LastModified}, p.ingestOptions())
	if ctx.Err() != nil {
		return outcomeCancelled, 0
	}
	if err != nil {
		p.fail(ctx, log, f, err, resp.RetryAfter)
		return outcomeFailed, 0
	}
	if resp.NotModified {
		p.succeed(ctx, log, f)
		log.Debug("feeds: not modified")
		return outcomeNotModified, 0
	}

	info, _, errs := ingest.ParseFeed(f.URL, resp.Content, resp.URL)
	for _, err := range errs {
		// Items without a body, or a feed without items, are not the
		// feed failing.
		if errors.Is(err, ingest.ErrMalformed) {
			p.fail(ctx, log, f, err, 0)
			return outcomeFailed, 0
		}
	}
	ids, err := p.addItems(ctx, f, info)
	if len(ids) > 0 {
		p.notify(ids)
	}
	if ctx.Err() != nil {
		return outcomeCancelled, len(ids)
	}
	if err != nil {
		// The validators are not kept: the next fetch must get the whole
		// feed again, not a 304, so the items that failed are retried.
		p.fail(ctx, log, f, err, 0)
		return outcomeFailed, len(ids)
	}
	if f.Title == "" {
		f.Title = info.Title
	}
	f.ETag, f.LastModified = resp.Validators.ETag, resp.Validators.LastModified
	p.succeed(ctx, log, f)
	log.Info("feeds: fetched", "items", len(info.Items), "added", len(ids))
	return outcomeFetched, len(ids)
}

// addItems adds the items of the feed not seen before as articles,
// oldest first (feeds list the newest first, so ids follow publication),
// and records them as seen. It returns the ids of the articles created and
// the first failure to add one; the others are still added.
func (p *Poller) addItems(ctx context.Context, f store.Feed, info ingest.FeedInfo) ([]int64, error) {
	seen, err := loadSeen(ctx, p.opts.Store, f.ID)
	if err != nil {
		return nil, err
	}
	var (
		ids      []int64
		touched  []string // keys of the items listed now and seen, oldest first
		firstErr error
	)
	for i := len(info.Items) - 1; i >= 0; i-- {
		item := info.Items[i]
		keys := itemKeys(item)
		if seen.has(item, p.opts.FetchArticles) {
			touched = append(touched, keys...)
			continue
		}
		doc := item.Document
		if p.opts.FetchArticles && doc.URL != "" {
			page, err := p.fetchPage(ctx, doc)
			if ctx.Err() != nil {
				break
			}
			if err != nil {
				p.opts.Logger.Debug("feeds: article page not fetched, keeping the item's content", "feed", f.ID, "url", doc.URL, "err", err)
			} else {
				doc = page
			}
		}
		if strings.TrimSpace(doc.Content) == "" {
			// Nothing to add; the item is tried again while the feed
			// lists it.
			continue
		}
		id, created, err := p.opts.Store.AddArticle(ctx, store.NewArticle{Document: doc, FeedID: f.ID})
		if err != nil {
			firstErr = cmp.Or(firstErr, fmt.Errorf("feeds: add item %s: %w", doc.Input, err))
			continue
		}
		if created {
			ids = append(ids, id)
		}
		touched = append(touched, keys...)
	}
	if seen.keep(touched) {
		if err := seen.save(ctx, p.opts.Store, f.ID); err != nil {
			firstErr = cmp.Or(firstErr, err)
		}
	}
	return ids, firstErr
}

// fetchPage fetches the page an item links to and returns it as the item's
// document: the page's body with the item's title, outlet and date, which
// a page read by ingest does not state.
func (p *Poller) fetchPage(ctx context.Context, item news.Document) (news.Document, error) {
	// Only a web address: a link is the publisher's to choose, and ingest
	// would read anything else as a local path.
	link, err := ValidateFeedURL(item.URL)
	if err != nil {
		return item, err
	}
	if err := p.waitHost(ctx, link); err != nil {
		return item, err
	}
	opts := p.ingestOptions()
	opts.Concurrency = 1
	docs, errs := ingest.Read(ctx, []string{link}, opts)
	if len(errs) > 0 {
		return item, errs[0]
	}
	if len(docs) != 1 || docs[0].Kind != news.KindHTML && docs[0].Kind != news.KindText {
		return item, fmt.Errorf("feeds: %s: not an article page", link)
	}
	page := docs[0]
	page.Title = cmp.Or(page.Title, item.Title)
	page.Outlet = cmp.Or(page.Outlet, item.Outlet)
	page.Published = cmp.Or(page.Published, item.Published)
	page.Language = cmp.Or(page.Language, item.Language)
	return page, nil
}

// succeed reschedules a feed fetched (or not modified) at Interval.
func (p *Poller) succeed(ctx context.Context, log *slog.Logger, f store.Feed) {
	now := p.opts.Now()
	f.LastFetched = now
	f.NextFetch = now.Add(p.opts.Interval)
	f.ErrorCount = 0
	f.LastError = ""
	p.update(ctx, log, f)
}

// fail records a failed fetch and reschedules the feed after a backoff,
// or after what the server's Retry-After asked when that is longer.
// LastFetched stays the time of the last success.
func (p *Poller) fail(ctx context.Context, log *slog.Logger, f store.Feed, err error, retryAfter time.Duration) {
	f.ErrorCount++
	f.LastError = errorLine(err)
	wait := max(p.backoff(f.ErrorCount), min(retryAfter, p.opts.MaxBackoff))
	f.NextFetch = p.opts.Now().Add(wait)
	log.Warn("feeds: fetch failed", "err", f.LastError, "errors", f.ErrorCount, "retry_in", wait.Round(time.Second))
	p.update(ctx, log, f)
}

// update writes the feed's new state; a feed deleted meanwhile is no
// error.
func (p *Poller) update(ctx context.Context, log *slog.Logger, f store.Feed) {
	err := p.opts.Store.UpdateFeed(ctx, f)
	switch {
	case errors.Is(err, store.ErrNotFound):
		log.Debug("feeds: feed deleted while fetched")
	case err != nil:
		log.Error("feeds: cannot save feed state", "err", err)
	}
}

// backoff is the wait after the nth consecutive failure:
// Interval·2^(n-1), at most MaxBackoff, with ±20% jitter so that feeds
// that failed together (a network outage) do not return together; the
// result stays within [MinInterval, MaxBackoff].
func (p *Poller) backoff(n int) time.Duration {
	d := p.opts.Interval
	for i := 1; i < n && d < p.opts.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, p.opts.MaxBackoff)
	d = time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	return min(max(d, p.opts.MinInterval), p.opts.MaxBackoff)
}

// notify calls Options.Added, one call at a time.
func (p *Poller) notify(ids []int64) {
	if p.opts.Added == nil {
		return
	}
	p.added.Lock()
	defer p.added.Unlock()
	p.opts.Added(ids)
}

// ingestOptions are the options of every ingest call.
func (p *Poller) ingestOptions() ingest.Options {
	return ingest.Options{
		Client:    p.opts.Client,
		UserAgent: p.opts.UserAgent,
		MaxBytes:  p.opts.MaxBytes,
		Timeout:   p.opts.Timeout,
	}
}

// waitHost waits for the turn of rawURL's host.
func (p *Poller) waitHost(ctx context.Context, rawURL string) error {
	if d := p.gate.reserve(hostOf(rawURL), p.opts.Now()); d > 0 {
		return p.sleep(ctx, d)
	}
	return ctx.Err()
}

// Run polls until ctx is done: PollDue, then a sleep until the earliest
// next fetch of a feed (at most a minute, so feeds added or rescheduled by
// others are seen), or until Wake.
func (p *Poller) Run(ctx context.Context) {
	for {
		res, err := p.PollDue(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			p.opts.Logger.Error("feeds: poll failed", "err", err)
		}
		wait := p.untilNext(ctx, res)
		if wait <= 0 {
			continue
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-p.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// Wake makes Run poll now rather than at the end of its sleep (a feed was
// just added). It never blocks; wakes while Run is polling make it poll
// once more.
func (p *Poller) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

// untilNext is how long Run sleeps after a poll with result res.
func (p *Poller) untilNext(ctx context.Context, res Result) time.Duration {
	if res.Due >= p.opts.Batch && res.Fetched+res.NotModified+res.Failed > 0 {
		return 0 // a full batch: more may be due
	}
	feeds, err := p.opts.Store.ListFeeds(ctx)
	if err != nil {
		return maxRunWait
	}
	wait := maxRunWait
	now := p.opts.Now()
	for _, f := range feeds {
		wait = min(wait, f.NextFetch.Sub(now))
	}
	return max(wait, minRunWait)
}

// errorLine is the feed's LastError for err: one line, without the input
// name that ingest puts first (the feed is known), at most 300 bytes.
func errorLine(err error) string {
	msg := err.Error()
	if ie, ok := errors.AsType[*ingest.InputError](err); ok {
		msg = ie.Err.Error()
	}
	msg = strings.Join(strings.Fields(msg), " ")
	if len(msg) > 300 {
		msg = strings.ToValidUTF8(msg[:300], "") + "…"
	}
	return msg
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
