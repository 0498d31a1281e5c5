package feeds

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/store"
)

// maxSeen bounds the seen keys kept per feed: enough for the items a feed
// lists at once (a few dozen, rarely hundreds) and those it dropped
// recently and might list again. The keys of the items listed now are
// always kept, whatever their number.
const maxSeen = 1000

// seenKey is the store's state key of a feed's seen items.
func seenKey(feedID int64) string {
	return "feed-seen/" + strconv.FormatInt(feedID, 10)
}

// seenSet is the GUIDs and links of the items of one feed already added,
// oldest first. The store's content hash already refuses an item served
// again with the same text; the set also skips an item whose text was
// edited since (so a feed that rewrites its summaries does not add each
// version) and, with FetchArticles, avoids fetching its page again.
type seenSet struct {
	order []string
	set   map[string]bool
}

// loadSeen reads a feed's seen set; a feed never polled has an empty one.
func loadSeen(ctx context.Context, st store.Store, feedID int64) (*seenSet, error) {
	s := &seenSet{set: map[string]bool{}}
	b, err := st.GetState(ctx, seenKey(feedID))
	if errors.Is(err, store.ErrNotFound) {
		return s, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feeds: seen items of feed %d: %w", feedID, err)
	}
	if err := json.Unmarshal(b, &s.order); err != nil {
		// A damaged blob costs re-checking the items, which the content
		// hash mostly deduplicates anyway; it does not stop the feed.
		s.order = nil
	}
	for _, k := range s.order {
		s.set[k] = true
	}
	return s, nil
}

// save writes the set back.
func (s *seenSet) save(ctx context.Context, st store.Store, feedID int64) error {
	b, err := json.Marshal(s.order)
	if err != nil {
		return fmt.Errorf("feeds: seen items of feed %d: %w", feedID, err)
	}
	if err := st.PutState(ctx, seenKey(feedID), b); err != nil {
		return fmt.Errorf("feeds: save seen items of feed %d: %w", feedID, err)
	}
	return nil
}

// itemKeys are the keys an item is remembered by: its GUID and its link.
func itemKeys(item ingest.FeedItem) []string {
	var keys []string
	if item.GUID != "" {
		keys = append(keys, item.GUID)
	}
	if link := item.Document.URL; link != "" && link != item.GUID {
		keys = append(keys, link)
	}
	return keys
}

// has reports whether an item was seen: by its GUID, or by its link when it
// has no GUID. byLink also counts an item as seen when its link was, even
// under another GUID, for a poller that fetches links: the page would be
// the one fetched already.
func (s *seenSet) has(item ingest.FeedItem, byLink bool) bool {
	guid, link := item.GUID, item.Document.URL
	if guid != "" && s.set[guid] {
		return true
	}
	return link != "" && (guid == "" || byLink) && s.set[link]
}

// keep moves the keys of the items listed now (oldest first) to the end,
// adding those not yet there, and drops the oldest keys beyond maxSeen.
// It reports whether the set changed.
func (s *seenSet) keep(touched []string) bool {
	fresh := make(map[string]bool, len(touched))
	var tail []string
	for _, k := range touched {
		if !fresh[k] {
			fresh[k] = true
			tail = append(tail, k)
		}
	}
	order := make([]string, 0, len(s.order)+len(tail))
	for _, k := range s.order {
		if !fresh[k] {
			order = append(order, k)
		}
	}
	order = append(order, tail...)
	if n := len(order) - max(maxSeen, len(tail)); n > 0 {
		order = order[n:]
	}
	if slices.Equal(order, s.order) {
		return false
	}
	s.order = order
	s.set = make(map[string]bool, len(order))
	for _, k := range order {
		s.set[k] = true
	}
	return true
}
