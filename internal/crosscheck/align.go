package crosscheck

import (
	"encoding/binary"

	"math"
	"slices"
	"sort"
)

// Happenings. Beside the facts (claims stated alike, facts.go), the
// dossier groups the sentences that report one happening, in whatever
// words and with whatever else they say: what every outlet reports of the
// event. Sentences align on their claims (claims.go): for each predicate
// of the story, the sentences that have it or a word that can mean the
// same are grouped by average linkage of their claim similarity (the
// predicates and the participants both alike), so that a sentence that
// reports several things joins several happenings. Values (amounts,
// dates) are not part of the similarity: two reports of one happening that
// give different numbers are one happening, and the conflict shows the
// numbers. Only sentences that give their event different days are kept
// apart.

// happeningLink is the mean claim similarity from which groups of
// sentences report one happening; happeningMember the mean similarity
// each member must keep with the others of its group. Measured on ECB+
// with `triangulate eval crosscheck` (see the closing note of issue 12): a
// low link with a stricter member test groups more at the same precision
// than one threshold for both.
const (
	happeningLink   = 0.085
	happeningMember = 0.115
)

// groupHappenings groups the sentences that report one happening (see
// above); facts are aligned before (facts.go).
func (s *story) groupHappenings() {
	s.buildClaims()
	w := s.claimWeights()
	score := s.pairScores(w)
	for _, g := range s.predicateGroups(score, happeningLink, happeningMember) {
		h := &happening{members: g}
		h.rep = s.central(g, score)
		s.happenings = append(s.happenings, h)
	}
	s.orderHappenings()
}

// central picks the sentence of a happening that speaks for it: one that
// stands alone, is no headline and is from a source not machine-
// translated, then the most linked to the others (through the story's
// positive pairs, so the cost follows the links, not the group's square).
func (s *story) central(g []*sentence, score func(a, b *sentence) float64) *sentence {
	s.markGen++
	gen := s.markGen
	for _, m := range g {
		s.mark[m.gi] = gen
	}
	var best *sentence
	bestScore := -1.0
	for _, m := range g {
		v := 0.0
		for _, o := range s.adj[m.gi] {
			if s.mark[o] == gen {
				v += score(m, s.sents[o])
			}
		}
		if !m.src.mt {
			v += 10
		}
		if m.alone {
			v += 5
		}
		if !m.headline {
			v += 20
		}
		if v > bestScore {
			best, bestScore = m, v
		}
	}
	return best
}

// predicateGroups groups the sentences of each predicate (with the words
// that can mean the same) by average linkage at link, keeps the groups of
// two sources or more, and drops a group whose sentences are mostly in a
// larger one. Members whose mean score with the rest of their group is
// below member leave it.
func (s *story) predicateGroups(score func(a, b *sentence) float64, link, member float64) [][]*sentence {
	byPred := map[int32][]int{}
	var preds []int32
	for i, st := range s.sents {
		if st.words < minFactWords {
			continue
		}
		for _, p := range st.claims.pred {
			if byPred[p] == nil {
				preds = append(preds, p)
			}
			byPred[p] = append(byPred[p], i)
		}
	}
	slices.Sort(preds)
	var groups [][]*sentence
	seen := map[string]bool{}
	for _, p := range preds {
		members := slices.Clone(byPred[p])
		for _, q := range s.claimIDs.similar[p] {
			members = append(members, byPred[q]...)
		}
		slices.Sort(members)
		members = slices.Compact(members)
		if len(members) < 2 || !severalSources(s.sents, members) {
			continue
		}
		key := groupKey(members)
		if seen[key] {
			continue // the same sentences as another predicate's group
		}
		seen[key] = true
		for _, g := range s.clusterComponents(members, score, link) {
			g = pruneGroup(g, score, member)
			if distinctSourcesOf(g) >= 2 {
				groups = append(groups, g)
			}
		}
	}
	// Groups of the same sentences are one; a group inside a larger one
	// adds nothing.
	sort.SliceStable(groups, func(i, j int) bool { return len(groups[i]) > len(groups[j]) })
	var kept [][]*sentence
	var keptSets [][]uint64 // the kept groups' sentences, a bit each
	words := (len(s.sents) + 63) / 64
	for _, g := range groups {
		dup := false
		for _, set := range keptSets {
			n := 0
			for _, m := range g {
				if set[m.gi/64]&(1<<(m.gi%64)) != 0 {
					n++
				}
			}
			if float64(n) >= 0.8*float64(len(g)) { // kept groups are no smaller
				dup = true
				break
			}
		}
		if dup {
			continue
		}
		set := make([]uint64, words)
		for _, m := range g {
			set[m.gi/64] |= 1 << (m.gi % 64)
		}
		kept, keptSets = append(kept, sortedMembers(g)), append(keptSets, set)
	}
	return kept
}

// severalSources reports whether sentences come from two sources or more.
func severalSources(sents []*sentence, idx []int) bool {
	for _, i := range idx[1:] {
		if sents[i].src != sents[idx[0]].src {
			return true
		}
	}
	return false
}

// groupKey is a key of a sorted list of sentence indexes.
func groupKey(idx []int) string {
	b := make([]byte, 0, 4*len(idx))
	for _, i := range idx {
		b = binary.AppendUvarint(b, uint64(i))
	}
	return string(b)
}

// pairScores returns the claim similarity of two sentences of different
// sources that are linked, else 0, each pair computed once (a dense table
// for stories of up to maxDense sentences, a map beyond).
func (s *story) pairScores(w []float64) func(a, b *sentence) float64 {
	const maxDense = 4096
	compute := func(a, b *sentence) float64 {
		if !s.linked(a, b, w) {
			return 0
		}
		return s.claimSimilarity(a, b, w)
	}
	n := len(s.sents)
	if n <= maxDense {
		table := make([]float32, n*n)
		for i := range table {
			table[i] = -1
		}
		return func(a, b *sentence) float64 {
			if a.src == b.src {
				return 0
			}
			k := min(a.gi, b.gi)*n + max(a.gi, b.gi)
			if table[k] < 0 {
				table[k] = float32(compute(a, b))
			}
			return float64(table[k])
		}
	}
	scores := map[[2]int]float64{}
	return func(a, b *sentence) float64 {
		if a.src == b.src {
			return 0
		}
		k := [2]int{min(a.gi, b.gi), max(a.gi, b.gi)}
		v, ok := scores[k]
		if !ok {
			v = compute(a, b)
			scores[k] = v
		}
		return v
	}
}

// clusterComponents clusters each connected part of the sentences (linked
// by a positive score) apart: groups of different parts could never merge,
// and a sentence linked to none stays alone. This keeps the clustering's
// cost to the size of the parts, not of the predicate's sentences.
func (s *story) clusterComponents(members []int, score func(a, b *sentence) float64, link float64) [][]*sentence {
	adj := s.positivePairs(score)
	// in and seen mark sentences by a number of this call's own, so the
	// marks need no clearing between calls.
	if s.mark == nil {
		s.mark = make([]int32, len(s.sents))
		s.seenMark = make([]int32, len(s.sents))
	}
	s.markGen++
	gen := s.markGen
	for _, m := range members {
		s.mark[m] = gen
	}
	in := func(i int) bool { return s.mark[i] == gen }
	seenOf := func(i int) bool { return s.seenMark[i] == gen }
	var out [][]*sentence
	for _, m := range members {
		if seenOf(m) {
			continue
		}
		// the part of m: breadth first over positive pairs inside members
		part := []int{m}
		s.seenMark[m] = gen
		for k := 0; k < len(part); k++ {
			for _, o := range adj[part[k]] {
				if j := int(o); in(j) && !seenOf(j) {
					s.seenMark[j] = gen
					part = append(part, j)
				}
			}
		}
		if len(part) > 1 {
			slices.Sort(part)
			out = append(out, s.clusterClass(part, score, link)...)
		}
	}
	return out
}

// positivePairs lists, for each sentence, the sentences of other sources
// it shares a predicate (or a word that can mean the same) with and that
// score above 0, computed once for the story.
func (s *story) positivePairs(score func(a, b *sentence) float64) [][]int32 {
	if s.adj != nil {
		return s.adj
	}
	n := len(s.sents)
	s.adj = make([][]int32, n)
	byConcept := map[int32][]int{}
	var keys []int32
	for i, st := range s.sents {
		if st.words < minFactWords {
			continue
		}
		for _, p := range st.claims.pred {
			for _, q := range append([]int32{p}, s.claimIDs.similar[p]...) {
				if byConcept[q] == nil {
					keys = append(keys, q)
				}
				byConcept[q] = append(byConcept[q], i)
			}
		}
	}
	slices.Sort(keys)
	done := make([]uint64, (n*n+63)/64) // pairs already scored, a bit each
	for _, k := range keys {
		list := byConcept[k]
		for x, i := range list {
			for _, j := range list[x+1:] {
				a, b := s.sents[i], s.sents[j]
				bit := min(i, j)*n + max(i, j)
				if i == j || a.src == b.src || done[bit/64]&(1<<(bit%64)) != 0 {
					continue
				}
				done[bit/64] |= 1 << (bit % 64)
				if score(a, b) > 0 {
					s.adj[i] = append(s.adj[i], int32(j))
					s.adj[j] = append(s.adj[j], int32(i))
				}
			}
		}
	}
	return s.adj
}

// clusterClass groups the sentences of one predicate class by average
// linkage: two groups merge, most similar first, while the mean score of
// their pairs of sentences from different sources reaches link. A
// pair's score is its claim similarity when the two are linked, else 0:
// one strong pair does not chain two groups that otherwise differ.
func (s *story) clusterClass(members []int, score func(a, b *sentence) float64, link float64) [][]*sentence {
	n := len(members)
	// sum and pairs (cross-source pair counts) between groups, as flat
	// n×n tables: one allocation each, whatever n.
	sum := make([]float64, n*n)
	pairs := make([]int32, n*n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			a, b := s.sents[members[i]], s.sents[members[j]]
			if a.src == b.src {
				continue
			}
			pairs[i*n+j], pairs[j*n+i] = 1, 1
			v := score(a, b)
			sum[i*n+j], sum[j*n+i] = v, v
		}
	}
	groups := make([][]int, n)
	alive := make([]bool, n)
	for i := range n {
		groups[i] = []int{i}
		alive[i] = true
	}
	avg := func(i, j int) float64 {
		if pairs[i*n+j] == 0 {
			return 0
		}
		return sum[i*n+j] / float64(pairs[i*n+j])
	}
	// best[i] is the group i would merge with first, -1 for none.
	best := make([]int, n)
	bestOf := func(i int) int {
		b, bv := -1, 0.0
		for j := range n {
			if j != i && alive[j] {
				if v := avg(i, j); v >= link && v > bv {
					b, bv = j, v
				}
			}
		}
		return b
	}
	for i := range n {
		best[i] = bestOf(i)
	}
	for {
		bi, bv := -1, 0.0
		for i := range n {
			if alive[i] && best[i] >= 0 {
				if v := avg(i, best[i]); v > bv {
					bi, bv = i, v
				}
			}
		}
		if bi < 0 {
			break
		}
		bj := best[bi]
		if bj < bi {
			bi, bj = bj, bi
		}
		groups[bi] = append(groups[bi], groups[bj]...)
		alive[bj] = false
		for k := range n {
			if alive[k] && k != bi {
				sum[bi*n+k] += sum[bj*n+k]
				sum[k*n+bi] = sum[bi*n+k]
				pairs[bi*n+k] += pairs[bj*n+k]
				pairs[k*n+bi] = pairs[bi*n+k]
			}
		}
		best[bi] = bestOf(bi)
		for k := range n {
			if alive[k] && (best[k] == bi || best[k] == bj) {
				best[k] = bestOf(k)
			} else if alive[k] && k != bi && best[k] >= 0 && avg(k, bi) > avg(k, best[k]) {
				best[k] = bi
			}
		}
	}
	var out [][]*sentence
	for i := range n {
		if !alive[i] || len(groups[i]) < 2 {
			continue
		}
		g := make([]*sentence, len(groups[i]))
		for k, m := range groups[i] {
			g[k] = s.sents[members[m]]
		}
		out = append(out, g)
	}
	return out
}

// pruneGroup drops, weakest first, the members whose mean score with the
// group's members of other sources is below min: average linkage keeps a
// group whose mean is high, not every member of it.
func pruneGroup(g []*sentence, score func(a, b *sentence) float64, min float64) []*sentence {
	for len(g) > 1 {
		worst, worstMean := -1, min
		for i, m := range g {
			var sum float64
			n := 0
			for _, o := range g {
				if o.src != m.src {
					sum += score(m, o)
					n++
				}
			}
			if n == 0 {
				continue
			}
			if mean := sum / float64(n); mean < worstMean {
				worst, worstMean = i, mean
			}
		}
		if worst < 0 {
			break
		}
		g = slices.Delete(slices.Clone(g), worst, worst+1)
	}
	return g
}

// linked reports whether two sentences that share a predicate may report
// one happening: they share a participant, and do not give their event
// different days. (Different people or places named do not keep two
// sentences apart: a rep's or a lawyer's name, a town and its region, are
// named beside the same happening; measured on ECB+, keeping them apart
// cost more recall than it gained precision.)
func (s *story) linked(a, b *sentence, w []float64) bool {
	return expandedWeight(a.claims.arg, b.claims.argX, w) > 0 && !s.timesClash(a, b)
}

// claimWeights weighs each claim feature by how rare it is among the
// story's sentences (inverse document frequency).
func (s *story) claimWeights() []float64 {
	df := make([]int, len(s.claimIDs.names))
	for _, st := range s.sents {
		for _, f := range st.claims.pred {
			df[f]++
		}
		for _, f := range st.claims.arg {
			df[f]++
		}
	}
	s.df = df
	n := float64(len(s.sents))
	w := make([]float64, len(df))
	for f, d := range df {
		if d > 0 {
			w[f] = math.Log((n+1)/float64(d)) + 0.5
		}
	}
	return w
}

// claimSimilarity is how alike two sentences' claims are: the geometric
// mean of the cosines of their predicates and of their participants, each
// counting the features of one sentence that the other matches. Both must
// be alike: the same action done to other people, or other things said of
// the same people, is another claim.
func (s *story) claimSimilarity(a, b *sentence, w []float64) float64 {
	cos := func(x, xx, y, yx []int32) float64 {
		tx, ty := totalWeight(x, w), totalWeight(y, w)
		if tx == 0 || ty == 0 {
			return 0
		}
		return (expandedWeight(x, yx, w) + expandedWeight(y, xx, w)) / 2 / math.Sqrt(tx*ty)
	}
	p := cos(a.claims.pred, a.claims.predX, b.claims.pred, b.claims.predX)
	if p == 0 {
		return 0
	}
	return math.Sqrt(p * cos(a.claims.arg, a.claims.argX, b.claims.arg, b.claims.argX))
}

// matchedWeight sums the weights of the features of a that some feature
// of b matches.
func (c *classes) matchedWeight(a, b []int32, w []float64) float64 {
	var t float64
	for _, x := range a {
		for _, y := range b {
			if c.match(x, y) {
				t += w[x]
				break
			}
		}
	}
	return t
}

// expandedWeight sums the weights of the features of a (sorted) found in
// bx, a sorted expanded list (claimSet.predX, argX): matchedWeight by a
// merge.
func expandedWeight(a, bx []int32, w []float64) float64 {
	var t float64
	i, j := 0, 0
	for i < len(a) && j < len(bx) {
		switch {
		case a[i] == bx[j]:
			t += w[a[i]]
			i++
		case a[i] < bx[j]:
			i++
		default:
			j++
		}
	}
	return t
}

func totalWeight(fs []int32, w []float64) float64 {
	var t float64
	for _, f := range fs {
		t += w[f]
	}
	return t
}

func distinctSourcesOf(g []*sentence) int {
	var seen []*source
	for _, m := range g {
		if !slices.Contains(seen, m.src) {
			seen = append(seen, m.src)
		}
	}
	return len(seen)
}

// sortedMembers orders a fact's sentences by source, then position.
func sortedMembers(g []*sentence) []*sentence {
	out := slices.Clone(g)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].src.idx != out[j].src.idx {
			return out[i].src.idx < out[j].src.idx
		}
		return out[i].idx < out[j].idx
	})
	return out
}
