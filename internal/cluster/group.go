package cluster

import "slices"

// Order returns the order in which a pile of articles arrives: dated
// articles by publication day, then the undated ones; input order within
// a day and among the undated. It returns indexes into docs.
func Order(docs []*Doc) []int {
	idx := make([]int, len(docs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		pa, pb := docs[a].Published, docs[b].Published
		switch {
		case pa.IsZero() && pb.IsZero():
			return 0
		case pa.IsZero():
			return 1
		case pb.IsZero():
			return -1
		}
		return pa.Compare(pb)
	})
	return idx
}

// Grouping is a pile of articles grouped into stories.
type Grouping struct {
	// Stories are the stories found, in the order they were started, each
	// with the indexes (into the pile) of its articles in arrival order.
	Stories []Group
	// Assignments are the pile's assignments, by index into the pile,
	// with Story resolved through any later merge.
	Assignments []Assignment
	// Merged maps the id of each story merged into another to that one.
	Merged map[string]string
	// Splits maps the id of each story split off another to that one.
	Splits map[string]string
}

// Resolve returns the id a story goes by now.
func (g Grouping) Resolve(id string) string {
	for range len(g.Merged) + 1 {
		to, ok := g.Merged[id]
		if !ok {
			break
		}
		id = to
	}
	return id
}

// Group is one story of a Grouping.
type Group struct {
	Story
	Members []int
}

// GroupAll groups a whole pile: it counts the pile's document frequencies
// first, then adds the articles in Order, one at a time, as a feed would
// deliver them.
func GroupAll(docs []*Doc, opts Options) Grouping {
	// A pile is clustered whole, whatever its size: no story may be
	// retired before the pile is listed.
	opts.MaxActive = max(opts.MaxActive, len(docs))
	c := New(opts)
	for _, d := range docs {
		c.Observe(d)
	}
	as := make([]Assignment, len(docs))
	for _, i := range Order(docs) {
		as[i] = c.Add(docs[i])
	}
	pos := map[string]int{}
	var g Grouping
	for _, s := range c.Stories() {
		pos[s.ID] = len(g.Stories)
		g.Stories = append(g.Stories, Group{Story: s})
	}
	// Where each article is now: merges and splits may have changed the
	// story an assignment named.
	now := map[string]string{}
	for _, s := range g.Stories {
		for _, in := range s.Articles {
			now[in] = s.ID
		}
	}
	for _, i := range Order(docs) {
		if to := now[docs[i].Input]; c.Resolve(as[i].Story) != to {
			as[i].Why.Note += "; later moved to " + to + " by a split"
		}
		as[i].Story = now[docs[i].Input]
		k := pos[as[i].Story]
		g.Stories[k].Members = append(g.Stories[k].Members, i)
	}
	g.Assignments = as
	g.Merged = c.Merged()
	g.Splits = c.Splits()
	return g
}
