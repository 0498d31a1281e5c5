// Package processor turns queued articles into stories and dossiers: it
// claims articles from the store's queue, extracts, cleans and annotates
// them, assigns them to stories (one clusterer, in arrival order), and
// rebuilds the dossiers of the stories that changed. The server and "add"
// run it; it holds no HTTP.
package processor

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/pipeline"
	"github.com/triangulate/triangulate/internal/store"
)

// Options tune a Processor. The zero value works.
// DefaultMaxArticleText is the default bound of an article's cleaned text.
const DefaultMaxArticleText = 100_000

type Options struct {
	// Workers is how many articles are cleaned and annotated at once
	// (default GOMAXPROCS).
	Workers int
	// Lease is how long a claimed article is held before another worker
	// may take it over (default 2 min): far longer than one article takes,
	// so only a dead process loses its items.
	Lease time.Duration
	// Debounce is the quiet time after the last change of a story before
	// its dossier is rebuilt (default 500 ms), and MaxDelay how long a
	// rebuild may be put off while changes keep coming (default 5 s): a
	// burst of a hundred articles rebuilds a story once, not a hundred
	// times.
	Debounce, MaxDelay time.Duration
	// Poll is how often the queue is checked when nothing woke the workers
	// (another process may add to the same store; default 2 s).
	Poll time.Duration
	// MaxDossierArticles bounds the articles a dossier is built from, the
	// first ones (default 200): cross-checking grows faster than linearly
	// with the sources, and a reader cannot follow a matrix of more.
	MaxDossierArticles int
	// MaxArticleText bounds an article's cleaned text in bytes (default
	// 100 KB; a news article is rarely over a tenth of that): a longer
	// text is marked failed with the reason, so that no page or dossier
	// grows with one oversized input.
	MaxArticleText int
	// Cluster tunes the story grouping.
	Cluster cluster.Options
	// Owner names this process in the queue's leases (default host, pid
	// and a random suffix).
	Owner  string
	Logger *slog.Logger
}

func (o Options) withDefaults() Options {
	if o.MaxArticleText <= 0 {
		o.MaxArticleText = DefaultMaxArticleText
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Lease <= 0 {
		o.Lease = 2 * time.Minute
	}
	if o.Debounce <= 0 {
		o.Debounce = 500 * time.Millisecond
	}
	if o.MaxDelay <= 0 {
		o.MaxDelay = 5 * time.Second
	}
	if o.Poll <= 0 {
		o.Poll = 2 * time.Second
	}
	if o.MaxDossierArticles <= 0 {
		o.MaxDossierArticles = 200
	}
	if o.Owner == "" {
		host, _ := os.Hostname()
		var b [4]byte
		_, _ = rand.Read(b[:])
		o.Owner = fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Processor takes articles off the store's queue and brings the stories up
// to date: each article is cleaned, annotated and assigned to a story in one
// transaction with its completion (so it is processed exactly once, or stays
// queued), and the dossiers of the stories that changed are rebuilt,
// debounced.
//
// Story assignment is online and kept in memory (package cluster); on start
// the Processor replays the stored articles' features into it, in the order
// they were stored, so a restart continues the same stories.
type Processor struct {
	st   store.Store
	b    *pipeline.Briefer
	opts Options
	log  *slog.Logger

	mu    sync.Mutex // guards cl and alias, and orders commits
	cl    *cluster.Clusterer
	alias map[string]string // clusterer story id → stored story id, where they differ

	wake  chan struct{}
	dirty chan struct{}
	cache *annotationCache

	processed, failed, dossiers atomic.Int64
	busy                        atomic.Int64 // articles claimed and not yet committed
}

// storedAnnotations is what the store keeps of an article's annotations:
// the features story assignment needs, so that a restart replays stories
// without annotating everything again. The dossier's annotations are made
// afresh from the cleaned text (cached), so they always follow the current
// annotators.
type storedAnnotations struct {
	Version int          `json:"v"`
	Doc     *cluster.Doc `json:"doc"`
}

const annotationsVersion = 1

// New makes a processor over st and replays the stored stories.
func New(ctx context.Context, st store.Store, b *pipeline.Briefer, opts Options) (*Processor, error) {
	opts = opts.withDefaults()
	p := &Processor{
		st:    st,
		b:     b,
		opts:  opts,
		log:   opts.Logger,
		cl:    cluster.New(opts.Cluster),
		alias: map[string]string{},
		wake:  make(chan struct{}, 1),
		dirty: make(chan struct{}, 1),
		cache: newAnnotationCache(annotationCacheBytes),
	}
	if err := p.reclaimDead(ctx); err != nil {
		return nil, err
	}
	if err := p.replay(ctx); err != nil {
		return nil, err
	}
	return p, nil
}

// reclaimDead returns to the queue the articles held by processes of this
// host that are no longer running (a crash, a kill -9), instead of leaving
// them until their leases expire. An owner is "host-pid-random": a pid
// that is not alive, or that is ours under another owner name (a
// container restarted with the same pid), is dead.
func (p *Processor) reclaimDead(ctx context.Context) error {
	host, _ := os.Hostname()
	prefix := host + "-"
	checked := map[string]bool{}
	var after int64
	for {
		recs, err := p.st.ListArticles(ctx, store.ArticleFilter{Status: store.StatusProcessing, AfterID: after, Limit: 500})
		if err != nil {
			return fmt.Errorf("server: reclaim articles of dead processes: %w", err)
		}
		if len(recs) == 0 {
			return nil
		}
		for _, r := range recs {
			after = r.ID
			owner := r.Owner
			if checked[owner] || owner == p.opts.Owner || !strings.HasPrefix(owner, prefix) {
				continue
			}
			checked[owner] = true
			rest := strings.TrimPrefix(owner, prefix)
			pidText, _, ok := strings.Cut(rest, "-")
			pid, err := strconv.Atoi(pidText)
			if !ok || err != nil || (pid != os.Getpid() && processAlive(pid)) {
				continue
			}
			n, err := p.st.Release(ctx, owner)
			if err != nil {
				return fmt.Errorf("server: reclaim articles of %s: %w", owner, err)
			}
			p.log.Info("requeued the articles of a process that died", "owner", owner, "articles", n)
		}
	}
}

// processAlive reports whether a process with that pid runs on this host.
// A zombie — killed, not yet reaped by its parent — is not running: it
// still answers signal 0, so its state is read from /proc where there is
// one.
func processAlive(pid int) bool {
	if stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat"); err == nil {
		// "pid (comm) S ...": the state follows the last ')'.
		if i := bytes.LastIndexByte(stat, ')'); i >= 0 && i+2 < len(stat) {
			switch stat[i+2] {
			case 'Z', 'X', 'x':
				return false
			}
		}
	}
	proc, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	err = proc.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}

// replay feeds the stored, processed articles to the clusterer in id order.
// Where the replayed grouping holds a story under another id than the
// stored one (the order of a concurrent past differs), the alias keeps new
// arrivals going to the stored story. The ids are compared once all is
// replayed: an article that started a story may since have moved to a
// story split off it.
func (p *Processor) replay(ctx context.Context) error {
	start := time.Now()
	var after int64
	n := 0
	stored := map[string]string{} // input → stored story id
	for {
		recs, err := p.st.ListArticles(ctx, store.ArticleFilter{Status: store.StatusDone, AfterID: after, Limit: 500})
		if err != nil {
			return fmt.Errorf("server: replay stories: %w", err)
		}
		if len(recs) == 0 {
			break
		}
		for _, r := range recs {
			after = r.ID
			doc := decodeDoc(r.Annotations)
			if doc == nil || r.StoryID == "" {
				continue
			}
			p.cl.Add(doc)
			n++
			stored[doc.Input] = r.StoryID
		}
	}
	for _, s := range p.cl.Stories() {
		if id := stored[s.Articles[0]]; id != "" && id != s.ID {
			p.alias[s.ID] = id
		}
	}
	if n > 0 {
		p.log.Info("stories replayed", "articles", n, "stories", p.cl.Len(), "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

func decodeDoc(b []byte) *cluster.Doc {
	if len(b) == 0 {
		return nil
	}
	var sa storedAnnotations
	if err := json.Unmarshal(b, &sa); err != nil || sa.Version != annotationsVersion || sa.Doc == nil {
		return nil
	}
	return sa.Doc
}

// Wake tells the workers there is new work; it never blocks.
func (p *Processor) Wake() {
	select {
	case p.wake <- struct{}{}:
	default:
	}
}

func (p *Processor) markDirty() {
	select {
	case p.dirty <- struct{}{}:
	default:
	}
}

// Stats are the processor's counters since it started.
type Stats struct {
	Processed int64 `json:"processed"`
	Failed    int64 `json:"failed"`
	Dossiers  int64 `json:"dossiers"`
	Stories   int   `json:"active_stories"`
}

// Stats returns the processor's counters.
func (p *Processor) Stats() Stats {
	p.mu.Lock()
	n := p.cl.Len()
	p.mu.Unlock()
	return Stats{Processed: p.processed.Load(), Failed: p.failed.Load(), Dossiers: p.dossiers.Load(), Stories: n}
}

// Run processes the queue and rebuilds dossiers until ctx is done. On
// return, articles claimed but not finished are back in the queue: an
// accepted article is either processed or still queued.
func (p *Processor) Run(ctx context.Context) error {
	work := make(chan job)
	turn := newTurn()
	stopTurn := context.AfterFunc(ctx, turn.halt)
	defer stopTurn()
	var wg sync.WaitGroup
	for range p.opts.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				p.process(ctx, j, turn)
			}
		}()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		p.buildLoop(ctx)
	}()
	go func() {
		defer wg.Done()
		p.heartbeat(ctx)
	}()

	p.dispatch(ctx, work)
	close(work)
	wg.Wait()

	// Give back what was claimed and not committed; the context is done, so
	// use a short one of our own.
	rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if n, err := p.st.Release(rctx, p.opts.Owner); err != nil {
		p.log.Error("release claimed articles", "err", err)
	} else if n > 0 {
		p.log.Info("returned unfinished articles to the queue", "articles", n)
	}
	return nil
}

// HeartbeatKey is the state key under which a running processor writes the
// time every HeartbeatEvery, so that `triangulate add` knows a server is
// processing the store and only queues (two processors would keep two
// different story groupings).
const (
	HeartbeatKey   = "processor/heartbeat"
	HeartbeatEvery = 10 * time.Second
)

func (p *Processor) heartbeat(ctx context.Context) {
	beat := func() {
		_ = p.st.PutState(ctx, HeartbeatKey, []byte(time.Now().UTC().Format(time.RFC3339Nano)))
	}
	beat()
	t := time.NewTicker(HeartbeatEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			dctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = p.st.DeleteState(dctx, HeartbeatKey)
			cancel()
			return
		case <-t.C:
			beat()
		}
	}
}

// Running reports whether a processor has beaten its heartbeat in
// the store recently (within three beats).
func Running(ctx context.Context, st store.Store) (bool, error) {
	b, err := st.GetState(ctx, HeartbeatKey)
	if errors.Is(err, store.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	t, err := time.Parse(time.RFC3339Nano, string(b))
	if err != nil {
		return false, nil
	}
	return time.Since(t) < 3*HeartbeatEvery, nil
}

// job is a claimed article and its place in the order of commits.
type job struct {
	r      store.ArticleRecord
	ticket uint64
}

// turn lets the claimed articles commit in the order they were claimed —
// the order of their ids, the order they arrived — whatever order the
// workers finish cleaning and annotating them in: the clusterer then sees
// the same arrivals in the same order, run after run and with any number
// of workers, and gives the same stories.
type turn struct {
	mu   sync.Mutex
	cond *sync.Cond
	next uint64
	stop bool
}

func newTurn() *turn {
	t := &turn{}
	t.cond = sync.NewCond(&t.mu)
	return t
}

// await blocks until it is ticket n's turn; false when the processor stops.
func (t *turn) await(n uint64) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for t.next != n && !t.stop {
		t.cond.Wait()
	}
	return !t.stop
}

// pass ends ticket n's turn.
func (t *turn) pass(n uint64) {
	t.mu.Lock()
	if t.next == n {
		t.next++
	}
	t.mu.Unlock()
	t.cond.Broadcast()
}

// halt wakes every waiter for good: the processor stops.
func (t *turn) halt() {
	t.mu.Lock()
	t.stop = true
	t.mu.Unlock()
	t.cond.Broadcast()
}

// dispatch claims articles as workers free up and hands them out, each
// with the next ticket of the commit order.
func (p *Processor) dispatch(ctx context.Context, work chan<- job) {
	poll := time.NewTicker(p.opts.Poll)
	defer poll.Stop()
	var ticket uint64
	for ctx.Err() == nil {
		recs, err := p.st.Claim(ctx, p.opts.Owner, p.opts.Workers, p.opts.Lease)
		if err != nil {
			if ctx.Err() == nil {
				p.log.Error("claim articles", "err", err)
			}
		}
		for _, r := range recs {
			select {
			case work <- job{r: r, ticket: ticket}:
				ticket++
				p.busy.Add(1)
			case <-ctx.Done():
				return // the rest stays claimed by us and is released by Run
			}
		}
		if len(recs) > 0 {
			continue
		}
		select {
		case <-ctx.Done():
		case <-p.wake:
		case <-poll.C:
		}
	}
}

// process cleans, annotates and assigns one claimed article, committing
// it in its turn.
func (p *Processor) process(ctx context.Context, j job, turn *turn) {
	defer p.busy.Add(-1)
	r := j.r
	// A fault on this article is this article's: it is marked failed with
	// the fault, and the worker goes on with the next.
	defer func() {
		if v := recover(); v != nil {
			p.fail(r, fmt.Errorf("internal error: %v", v))
		}
	}()
	// Whatever happens to the article, its turn passes, and only after
	// the turns before it: a failed article holds up no other for good.
	held := false
	defer func() {
		if !held && turn.await(j.ticket) {
			turn.pass(j.ticket)
		}
	}()
	if ctx.Err() != nil {
		return // released by Run
	}
	art, err := pipeline.Prepare(r.Document)
	if err != nil {
		p.fail(r, err)
		return
	}
	if n := len(art.Text); n > p.opts.MaxArticleText {
		p.fail(r, fmt.Errorf("article text of %d bytes is over the limit of %d (serve --max-article-bytes)", n, p.opts.MaxArticleText))
		return
	}
	an := p.b.AnnotateOne(art)
	for _, f := range an.Faults {
		p.log.Warn("an annotation stage failed; the article goes on without it", "article", r.ID, "input", art.Input, "fault", f)
	}
	doc := cluster.NewDoc(an)
	blob, err := json.Marshal(storedAnnotations{Version: annotationsVersion, Doc: doc})
	if err != nil {
		p.fail(r, err)
		return
	}

	// Assignment and commit happen in the article's turn and under one
	// lock, so the clusterer sees articles in the order the store commits
	// them — their arrival order, the order replay will use.
	if !turn.await(j.ticket) {
		held = true
		return // the processor stops; the article is released by Run
	}
	held = true
	defer turn.pass(j.ticket)
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.assign(ctx, r, art, doc, blob); err != nil {
		// The clusterer keeps the article: when it comes back (lease lost
		// means someone else has it) it is recognised as a copy of itself
		// and joins the same story.
		p.log.Error("commit article", "id", r.ID, "input", r.Input, "err", err)
		return
	}
	p.cache.put(r.ID, an)
	p.processed.Add(1)
	p.markDirty()
}

// assign gives an article its story and commits it with its story, in one
// transaction; the caller holds p.mu.
func (p *Processor) assign(ctx context.Context, r store.ArticleRecord, art *news.Article, doc *cluster.Doc, blob []byte) error {
	a := p.cl.Add(doc)
	storyID := p.storeID(a.Story)
	// The commit must not be cut short by a shutdown: it is one short
	// transaction, and a cut would leave the clusterer ahead of the store.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	return store.WithRetry(cctx, p.st, func(tx store.Tx) error {
		if err := tx.SaveArticle(cctx, r.ID, art, blob); err != nil {
			return err
		}
		if err := ensureStory(cctx, tx, storyID, art.Title); err != nil {
			return err
		}
		// The clusterer merges before it splits: the stories this arrival
		// tied together went into the story that was then split, which
		// keeps its id (Split.From), even when the arrival itself moved to
		// the new part.
		mergeInto := storyID
		if a.Split != nil {
			mergeInto = p.storeID(a.Split.From)
			if err := ensureStory(cctx, tx, mergeInto, art.Title); err != nil {
				return err
			}
		}
		for _, m := range a.Merged {
			from := p.storeID(m)
			if err := tx.MergeStories(cctx, from, mergeInto); err != nil && !errors.Is(err, store.ErrConflict) && !errors.Is(err, store.ErrNotFound) {
				return err
			}
		}
		if a.Split != nil {
			if err := p.applySplit(cctx, tx, a.Split); err != nil {
				return err
			}
		}
		if err := tx.AssignArticle(cctx, r.ID, storyID); err != nil {
			return err
		}
		return tx.Complete(cctx, r.ID, p.opts.Owner)
	})
}

// applySplit moves to the story split off the articles the clusterer moved
// there (this arrival is assigned by the caller).
func (p *Processor) applySplit(ctx context.Context, tx store.Tx, sp *cluster.Split) error {
	into := p.storeID(sp.Into)
	title := ""
	if s, ok := p.cl.Story(sp.Into); ok {
		title = s.Title
	}
	if err := ensureStory(ctx, tx, into, title); err != nil {
		return err
	}
	moved := map[string]bool{}
	for _, in := range sp.Moved {
		moved[in] = true
	}
	arts, err := tx.StoryArticles(ctx, p.storeID(sp.From))
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	for _, r := range arts {
		if moved[r.Input] {
			if err := tx.AssignArticle(ctx, r.ID, into); err != nil {
				return err
			}
		}
	}
	return nil
}

// storeID maps a clusterer story id to the stored story's id.
func (p *Processor) storeID(id string) string {
	if s, ok := p.alias[id]; ok {
		return s
	}
	return id
}

func ensureStory(ctx context.Context, tx store.Tx, id, title string) error {
	_, err := tx.GetStory(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		_, err = tx.CreateStory(ctx, store.StoryRecord{ID: id, Title: title})
	}
	return err
}

func (p *Processor) fail(r store.ArticleRecord, cause error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := p.st.Fail(ctx, r.ID, p.opts.Owner, cause.Error()); err != nil {
		p.log.Error("mark article failed", "id", r.ID, "err", err)
		return
	}
	p.failed.Add(1)
	p.log.Warn("article not usable", "id", r.ID, "input", r.Input, "reason", cause.Error())
}

// buildLoop rebuilds stale dossiers, debounced: it waits for Debounce of
// quiet after a change, but never more than MaxDelay after the first.
// Stale stories are read from the store, so rebuilds put off by a shutdown
// happen after the restart.
func (p *Processor) buildLoop(ctx context.Context) {
	p.BuildStale(ctx)
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.dirty:
		}
		deadline := time.NewTimer(p.opts.MaxDelay)
		quiet := time.NewTimer(p.opts.Debounce)
	wait:
		for {
			select {
			case <-ctx.Done():
				deadline.Stop()
				quiet.Stop()
				return
			case <-p.dirty:
				quiet.Reset(p.opts.Debounce)
			case <-quiet.C:
				break wait
			case <-deadline.C:
				break wait
			}
		}
		deadline.Stop()
		quiet.Stop()
		p.BuildStale(ctx)
	}
}

// BuildStale rebuilds the dossier of every story whose membership changed
// since its last dossier, and reports how many it built. A story whose
// build fails is logged and left stale for the next pass.
func (p *Processor) BuildStale(ctx context.Context) int {
	failed := map[string]bool{}
	built := 0
	for ctx.Err() == nil {
		stale, err := p.st.StaleStories(ctx, 16+len(failed))
		if err != nil {
			if ctx.Err() == nil {
				p.log.Error("list stale stories", "err", err)
			}
			return built
		}
		progress := false
		for _, s := range stale {
			if failed[s.ID] {
				continue
			}
			progress = true
			if err := p.buildDossier(ctx, s); err != nil {
				if ctx.Err() == nil {
					p.log.Error("build dossier", "story", s.ID, "err", err)
				}
				failed[s.ID] = true
				continue
			}
			built++
		}
		if !progress {
			return built
		}
	}
	return built
}

// buildDossier writes the dossier of one story from its processed
// articles.
func (p *Processor) buildDossier(ctx context.Context, s store.StoryRecord) error {
	recs, err := p.st.StoryArticles(ctx, s.ID)
	if err != nil {
		return err
	}
	var (
		as      []*news.Annotated
		missing []*news.Article
		slots   []int
	)
	for _, r := range recs {
		if r.Article == nil {
			continue
		}
		if len(as) == p.opts.MaxDossierArticles {
			break
		}
		if an := p.cache.get(r.ID); an != nil {
			as = append(as, an)
			continue
		}
		slots = append(slots, len(as))
		as = append(as, nil)
		missing = append(missing, r.Article)
	}
	if len(as) == 0 {
		return nil
	}
	if len(missing) > 0 {
		made, err := p.b.Annotate(ctx, missing)
		if err != nil {
			return err
		}
		for i, an := range made {
			as[slots[i]] = an
		}
	}
	d, err := p.b.DossierAnnotated(as)
	if err != nil {
		return err
	}
	d.Story.ID = s.ID
	if _, err := p.st.PutDossier(ctx, s.ID, s.Revision, &d); err != nil {
		return err
	}
	p.dossiers.Add(1)
	return nil
}

// Drain processes until the queue holds nothing this processor can take
// and every dossier is up to date, or ctx is done. It is Run for a
// command that exits when its work is done (`triangulate add`) and for
// tests.
func (p *Processor) Drain(ctx context.Context) error {
	rctx, cancel := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- p.Run(rctx) }()
	defer func() {
		cancel()
		<-done
	}()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
		}
		counts, err := p.st.CountArticles(ctx)
		if err != nil {
			return err
		}
		if counts[store.StatusQueued] > 0 || p.busy.Load() > 0 {
			p.Wake()
			continue
		}
		if counts[store.StatusProcessing] > 0 {
			// Claimed by another process, or by us between claim and
			// hand-out: wait for it.
			continue
		}
		stale, err := p.st.StaleStories(ctx, 1)
		if err != nil {
			return err
		}
		if len(stale) == 0 {
			return nil
		}
		p.BuildStale(ctx)
	}
}

// annotationCache keeps the annotations of recently processed articles, so
// that rebuilding a growing story's dossier annotates only its newcomers.
// It is bounded by the size of the texts it holds (annotations take a few
// times the text's size), oldest out first.
type annotationCache struct {
	mu       sync.Mutex
	maxBytes int
	bytes    int
	items    map[int64]*news.Annotated
	order    []int64 // insertion order, for eviction
}

// annotationCacheBytes bounds the cached texts: 32 MiB of text is some
// 100–200 MiB of annotations, several thousand articles.
const annotationCacheBytes = 32 << 20

func newAnnotationCache(maxBytes int) *annotationCache {
	return &annotationCache{maxBytes: maxBytes, items: map[int64]*news.Annotated{}}
}

func (c *annotationCache) get(id int64) *news.Annotated {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[id]
}

func size(a *news.Annotated) int {
	if a == nil || a.Article == nil {
		return 0
	}
	return len(a.Article.Text)
}

func (c *annotationCache) put(id int64, a *news.Annotated) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if old, ok := c.items[id]; ok {
		c.bytes -= size(old)
	} else {
		c.order = append(c.order, id)
	}
	c.items[id] = a
	c.bytes += size(a)
	for c.bytes > c.maxBytes && len(c.order) > 1 {
		c.bytes -= size(c.items[c.order[0]])
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
}
