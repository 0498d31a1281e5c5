package feeds

import (
	"net/url"
	"strings"
	"sync"
	"time"
)

// hostGate spaces the requests to each host: every request reserves the
// next free slot of its host, delay after the one before, and waits for
// it. Reserving under one lock, rather than sleeping under it, lets
// requests to other hosts go on meanwhile.
type hostGate struct {
	delay time.Duration
	mu    sync.Mutex
	next  map[string]time.Time // host → earliest time of its next request
}

func newHostGate(delay time.Duration) *hostGate {
	return &hostGate{delay: delay, next: map[string]time.Time{}}
}

// reserve takes the next slot of host at or after now and returns how
// long to wait for it.
func (g *hostGate) reserve(host string, now time.Time) time.Duration {
	if g.delay <= 0 {
		return 0
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	at := g.next[host]
	if at.Before(now) {
		at = now
	}
	g.next[host] = at.Add(g.delay)
	return at.Sub(now)
}

// prune forgets the hosts whose slot is free again, so the map does not
// grow with every host ever fetched.
func (g *hostGate) prune(now time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	for h, at := range g.next {
		if !at.After(now) {
			delete(g.next, h)
		}
	}
}

// hostOf is the politeness key of a URL: its host and port, lower-cased;
// the URL itself when it has none (it then fails on its own).
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return rawURL
	}
	return strings.ToLower(u.Host)
}
