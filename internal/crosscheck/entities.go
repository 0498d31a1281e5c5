package crosscheck

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/adrg/strutil"
	"github.com/adrg/strutil/metrics"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Entity resolution across sources. Within one article the recogniser
// already gives the mentions of one entity a shared Key (a surname and
// "Mr. X" take the full name's key, an acronym its expansion's, a demonym
// its country's). Across articles, the mentions of each article's keys
// (nodes) are merged, in this order:
//
//  1. the same name: an identical comparable form (case, accents,
//     punctuation, titles such as "Dr." and company suffixes such as "Inc."
//     set aside) of two words or more, whatever the two recognisers typed it
//     ("Internet Explorer" a place in one, a product in another); a
//     one-word name likewise, unless a person is named by it: a bare
//     surname is never enough to link two people;
//  2. the same words in another order ("Russian Defense Ministry",
//     "Russian Ministry of Defense");
//  3. an acronym and the one expansion of the story its letters spell
//     ("AMD", "Advanced Micro Devices"; "HP", "Hewlett-Packard"), a
//     two-letter acronym only when one article writes both;
//  4. a one-word name of an organisation, team or place and the one longer
//     name of the story it starts or ends ("Colts", "Indianapolis Colts";
//     "ATI", "ATI Technologies"; "Burkina", "Burkina Faso");
//  5. the same person written with a shortened or initialled first name
//     ("Fred LaRue", "Frederick C. LaRue"; "Mark Felt", "W. Mark Felt"),
//     and a bare surname to the one full name of the story that ends with
//     it only when both carry the same title or description;
//  6. spelling and transliteration variants ("Abdourahamane Tiani" and
//     "Abdurahamane Diani", "Ilyushin 76" and "Ilyochin-76") only with
//     supporting evidence: the same type, every word alike, and a shared
//     title or a shared neighbour (an entity named in the same sentences),
//     never two gazetteer places.
//
// Two different names of one article are never merged except on identical
// words (the recogniser keyed them apart there), two people whose first
// names differ are never merged, and things that merely look alike stay
// apart: "Niger" and "Nigeria" are two gazetteer countries, a country and
// its capital have different keys.

// node is the mentions of one entity in one source.
type node struct {
	src      *source
	key      string
	typ      news.EntityType
	forms    map[string]int // surface form → count
	mentions []int          // indexes into the source's mentions
	labels   []string
	gazette  bool // typed by a gazetteer: never merged on spelling
	demonyms []string
	parent   *node // union-find
	merges   []string
	// best is the node's most used form, bestKey its normKey and words
	// the key's words, computed once the node is complete.
	best, bestKey string
	words         []string
	// formKeys are the comparable keys of its forms (see nameWords), as
	// words, sorted; longest is the one with most words.
	formKeys [][]string
	longest  []string
}

// complete computes the node's derived fields.
func (n *node) complete() {
	n.best = bestForm(n)
	n.bestKey = normKey(n.best)
	n.words = strings.Fields(n.bestKey)
	for _, f := range sortedKeys(n.forms) {
		ws := nameWords(f)
		if len(ws) == 0 || slices.ContainsFunc(n.formKeys, func(k []string) bool { return slices.Equal(k, ws) }) {
			continue
		}
		n.formKeys = append(n.formKeys, ws)
		if len(ws) > len(n.longest) {
			n.longest = ws
		}
	}
}

// bare reports whether the node is a person its source names by one word
// only: a surname, which alone never links two people across articles.
func (n *node) bare() bool {
	return n.typ == news.EntityPerson && len(n.longest) <= 1
}

func (n *node) root() *node {
	for n.parent != nil {
		if n.parent.parent != nil {
			n.parent = n.parent.parent
		}
		n = n.parent
	}
	return n
}

// entityTable is the story's resolved entities.
type entityTable struct {
	list []*entity
	// of maps (source index, mention index) to its entity.
	of map[[2]int]*entity
}

// entity is one resolved entity.
type entity struct {
	id      string
	name    string
	typ     news.EntityType
	nodes   []*node
	sources []string
}

// entityOf returns the resolved entity of a mention, or nil.
func (t *entityTable) entityOf(src, mention int) *entity { return t.of[[2]int{src, mention}] }

// normKey folds a name for comparison: case, diacritics, hyphens, a
// leading "the".
func normKey(s string) string {
	s = terms.Fold(s)
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '.' || r == '\'' {
			return ' '
		}
		return r
	}, s)
	ws := strings.Fields(s)
	if len(ws) > 1 && !slices.ContainsFunc(ws, func(w string) bool { return len(w) > 1 }) {
		return strings.Join(ws, "") // "H-P", "H.P.": the letters "hp"
	}
	return strings.TrimPrefix(strings.Join(ws, " "), "the ")
}

// nameTitles are words written before a name that are not part of it;
// companySuffixes words written after a company's name.
var (
	nameTitles      = wordSet("mr mrs ms miss mme dr prof sir dame lord lady rev fr sen rep gov gen lt col maj capt sgt cmdr adm president senator governor general judge justice pope saint st")
	companySuffixes = wordSet("inc incorporated corp corporation co company ltd limited llc plc sa ag gmbh nv bv")
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// nameWords is the comparable form of a name: folded words (hyphenated
// parts apart), without a leading "the", titles before it, a possessive,
// or a company suffix after it: "Dr. Regina Benjamin" → [regina benjamin],
// "Microsoft Corp." → [microsoft], "Hewlett-Packard's" → [hewlett packard].
func nameWords(form string) []string {
	form = strings.TrimSuffix(strings.TrimSuffix(form, "'s"), "’s")
	ws := strings.Fields(normKey(form))
	for len(ws) > 1 && nameTitles[ws[0]] {
		ws = ws[1:]
	}
	for len(ws) > 1 && companySuffixes[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	return ws
}

// resolveEntities builds the nodes of every source and merges them.
func resolveEntities(srcs []*source) *entityTable {
	var nodes []*node
	for _, src := range srcs {
		byKey := map[string]*node{}
		for i, m := range src.a.Mentions {
			key := m.Key
			if key == "" {
				key = normKey(m.Text)
			}
			n := byKey[key]
			if n == nil {
				n = &node{src: src, key: key, typ: m.Type, forms: map[string]int{}}
				byKey[key] = n
				nodes = append(nodes, n)
			}
			n.mentions = append(n.mentions, i)
			if m.Demonym {
				n.demonyms = appendNew(n.demonyms, m.Text)
				if r := m.ReadAs; r != nil {
					n.merges = appendNew(n.merges, fmt.Sprintf("%q in %s read as %s: machine translation of a look-alike demonym (%s never named in this source)", m.Text, src.id, r.Key, r.From))
				}
				continue
			}
			if n.typ == news.EntityLocation && m.Type != news.EntityLocation && len(n.forms) == 0 {
				n.typ = m.Type // the node was made by a demonym
			}
			if m.Type == news.EntityPerson {
				n.typ = news.EntityPerson // one mention typed a person types its key
			}
			n.forms[m.Text]++
			for _, l := range m.Labels {
				n.labels = appendNew(n.labels, l)
			}
			if m.Place != "" {
				n.gazette = true
			}
		}
	}
	for _, n := range nodes {
		n.complete()
	}
	neighbours := neighbourKeys(srcs)

	// union merges two groups; unless sure (same words), never two
	// different names of one source, nor two people of different first
	// names.
	union := func(a, b *node, why string, sure bool) {
		ra, rb := a.root(), b.root()
		if ra == rb || !sure && sameSourceClash(ra, rb, nodes) || firstNamesClash(ra, rb, nodes) {
			return
		}
		rb.parent = ra
		ra.merges = append(ra.merges, rb.merges...)
		if why != "" {
			ra.merges = append(ra.merges, why)
		}
	}
	// 1. The same name.
	byName := map[string][]*node{}
	for _, n := range nodes {
		if len(n.forms) == 0 {
			continue // demonyms only: merged through their country's key below
		}
		for _, ws := range n.formKeys {
			if len(ws) == 1 && n.bare() {
				continue
			}
			byName[strings.Join(ws, " ")] = appendNode(byName[strings.Join(ws, " ")], n)
		}
		if !n.bare() {
			byName[normKey(n.key)] = appendNode(byName[normKey(n.key)], n)
		}
	}
	for _, k := range sortedKeys(byName) {
		group := byName[k]
		single := !strings.Contains(k, " ")
		for _, n := range group[1:] {
			if group[0].src == n.src {
				continue
			}
			if single && !sameNameTypes(group[0].typ, n.typ) {
				continue
			}
			union(group[0], n, "", false)
		}
	}
	// 1b. The same name but for a company's legal form or a country after
	// it ("ATI Technologies Inc." / "ATI Technologies", "T-Mobile USA" /
	// "T-Mobile", "Internet Explorer Web" / "Internet Explorer"): not
	// people, and never a bare word left.
	type stemmed struct {
		n   *node
		cut bool // reached the key by cutting a tail
	}
	byStem := map[string][]stemmed{}
	for _, n := range nodes {
		if n.typ == news.EntityPerson || len(n.forms) == 0 || n.gazette {
			continue
		}
		for _, ws := range n.formKeys {
			if stem := nameStem(ws); stem != "" {
				byStem[stem] = append(byStem[stem], stemmed{n, true})
			} else {
				byStem[strings.Join(ws, " ")] = append(byStem[strings.Join(ws, " ")], stemmed{n, false})
			}
		}
	}
	for _, k := range sortedKeys(byStem) {
		group := byStem[k]
		for i, a := range group {
			for _, b := range group[i+1:] {
				if (a.cut || b.cut) && a.n.src != b.n.src && compatibleTypes(a.n.typ, b.n.typ) {
					union(a.n, b.n, fmt.Sprintf("%s ~ %s: the name without its legal form or country", bestForm(b.n), bestForm(a.n)), true)
				}
			}
		}
	}
	// 1c. The same name written closed up or apart ("SeaMicro" / "Sea
	// Micro", "SmackDown" / "Smack Down"): not people, not gazetteer
	// places, and long enough not to be two short words that happen to
	// spell a third.
	type closed struct {
		n      *node
		spaced bool
	}
	byClosed := map[string][]closed{}
	for _, n := range nodes {
		if n.typ == news.EntityPerson || len(n.forms) == 0 || n.gazette {
			continue
		}
		for _, ws := range n.formKeys {
			if k := strings.Join(ws, ""); len(k) >= 6 {
				byClosed[k] = append(byClosed[k], closed{n, len(ws) > 1})
			}
		}
	}
	for _, k := range sortedKeys(byClosed) {
		group := byClosed[k]
		for i, a := range group {
			for _, b := range group[i+1:] {
				if a.spaced != b.spaced && a.n.src != b.n.src && compatibleTypes(a.n.typ, b.n.typ) {
					union(a.n, b.n, fmt.Sprintf("%s ~ %s: the name closed up", bestForm(b.n), bestForm(a.n)), true)
				}
			}
		}
	}
	// 2. The same words in another order.
	byBag := map[string][]*node{}
	for _, n := range nodes {
		if n.typ == news.EntityPerson {
			continue
		}
		for _, f := range sortedKeys(n.forms) {
			if bag := wordBag(f); bag != "" {
				byBag[bag] = appendNode(byBag[bag], n)
			}
		}
	}
	for _, k := range sortedKeys(byBag) {
		group := byBag[k]
		for _, n := range group[1:] {
			if compatibleTypes(group[0].typ, n.typ) && normKey(group[0].key) != normKey(n.key) {
				union(group[0], n, fmt.Sprintf("%s ~ %s: same words", bestForm(n), bestForm(group[0])), true)
			}
		}
	}
	// 3. Acronyms and their expansions.
	for _, n := range nodes {
		acr := acronymForm(n)
		if acr == "" {
			continue
		}
		var cands []*node
		for _, m := range nodes {
			if m.root() != n.root() && m.typ != news.EntityPerson && slices.ContainsFunc(m.formKeys, func(ws []string) bool { return initials(ws) == acr }) {
				cands = append(cands, m.root())
			}
		}
		cands = uniqueNodes(cands)
		if len(cands) != 1 || len(acr) == 2 && !writtenTogether(acr, cands[0], nodes) {
			continue
		}
		union(cands[0], n, fmt.Sprintf("%s ~ %s: acronym", bestForm(n), bestForm(cands[0])), false)
	}
	// 4. A one-word name to the one longer name of the story it starts or
	// ends: organisations, teams, places (not people, see 5).
	// A group most of whose mentions are a person's full name is a
	// person's (one recogniser typing "BlackBerry Q10" a person does not
	// make it one).
	personGroup := map[*node]bool{}
	for _, n := range nodes {
		if r := n.root(); n.typ == news.EntityPerson && len(n.longest) >= 2 && !personGroup[r] {
			personGroup[r] = groupType(r, nodes) == news.EntityPerson
		}
	}
	for _, n := range nodes {
		short := singleWordForm(n)
		if short == "" || n.gazette || n.typ == news.EntityPerson {
			continue
		}
		shortKey := normKey(short)
		var cands []*node
		for _, m := range nodes {
			if m.root() == n.root() || m.typ == news.EntityPerson || personGroup[m.root()] {
				continue
			}
			if hasEdgeWord(m, shortKey, n.typ) {
				cands = append(cands, m.root())
			}
		}
		cands = uniqueNodes(cands)
		if len(cands) > 1 {
			// The article's own longer name that ends with it first:
			// "Q10" after "BlackBerry Q10", whatever "BB Q10" another
			// report wrote (not "Apple" after "Apple TV": a first word
			// is often the owner, not the name).
			cands = inSource(cands, n.src, nodes, func(m *node) bool { return hasEdgeWord(m, shortKey, news.EntityPerson) })
		}
		if len(cands) == 1 {
			union(cands[0], n, fmt.Sprintf("%s ~ %s: part of the name", short, bestForm(cands[0])), false)
		}
	}
	// A name that ends with a person's full name is that person with a
	// team, rank or position written before the name ("Saints RB Pierre
	// Thomas", "Chiefs QB Brady Quinn").
	for _, n := range nodes {
		if len(n.longest) < 3 || len(n.formKeys) != 1 {
			continue
		}
		var cands []*node
		for _, m := range nodes {
			if m.typ == news.EntityPerson && len(m.longest) >= 2 && len(m.longest) < len(n.longest) &&
				slices.Equal(n.longest[len(n.longest)-len(m.longest):], m.longest) && m.root() != n.root() && groupType(m.root(), nodes) == news.EntityPerson {
				cands = append(cands, m.root())
			}
		}
		if cands = uniqueNodes(cands); len(cands) == 1 {
			union(cands[0], n, fmt.Sprintf("%s ~ %s: the name with a description before it", bestForm(n), bestForm(cands[0])), true)
		}
	}
	// 5. People: shortened or initialled first names, and bare surnames
	// with the same title.
	for _, n := range nodes {
		if n.typ != news.EntityPerson || len(n.longest) == 0 {
			continue
		}
		var cands []*node
		var why string
		for _, m := range nodes {
			if m.root() == n.root() || m.typ != news.EntityPerson || m.src == n.src || len(m.longest) < 2 {
				continue
			}
			if n.bare() {
				if m.longest[len(m.longest)-1] == n.longest[0] {
					if l := sharedLabel(n, m); l != "" {
						cands = append(cands, m.root())
						why = fmt.Sprintf("%s ~ %s: surname, same title %s", bestForm(n), bestForm(m), l)
					}
				}
				continue
			}
			if sameGivenNames(n.longest, m.longest) && !slices.Equal(n.longest, m.longest) {
				cands = append(cands, m.root())
				why = fmt.Sprintf("%s ~ %s: same person, first name shortened", bestForm(n), bestForm(m))
			}
		}
		cands = uniqueNodes(cands)
		if len(cands) > 1 && !n.bare() && oneFullName(cands, nodes) {
			// "Frederick Cheney LaRue" to "Fred LaRue" and "Frederick
			// LaRue", themselves one person's names.
			for _, c := range cands[1:] {
				union(cands[0], c, why, false)
			}
			cands = uniqueNodes([]*node{cands[0].root()})
		}
		if len(cands) == 1 {
			union(cands[0], n, why, false)
		}
	}
	// 5b. A bare surname to the one person of the story whose full name
	// ends with it, when no other name of the story holds its words: an
	// article that only ever writes "Bush" of the running back another
	// names "Reggie Bush", or "Lo Presti" of "Gaetano Lo Presti". The
	// surname is a person's, one untyped word ("Webb" where nothing says
	// who he is), or words that open with a surname particle ("Lo", "van",
	// "al"); not a gazetteer's place.
	for _, n := range nodes {
		surname := n.longest
		untyped := n.typ == news.EntityOther && !n.gazette && len(n.forms) > 0
		switch {
		case n.root() != n || len(surname) == 0:
			continue
		case len(surname) == 1 && !n.bare() && !untyped:
			continue
		case len(surname) > 1 && (len(surname) > 3 || !surnameParticles[surname[0]] || n.typ != news.EntityPerson && !untyped):
			continue
		}
		last := surname[len(surname)-1]
		var cands []*node
		others := false
		for _, m := range nodes {
			if m.root() == n.root() || !slices.Contains(m.words, last) && !slices.ContainsFunc(m.formKeys, func(ws []string) bool { return slices.Contains(ws, last) }) {
				continue
			}
			if m.typ == news.EntityPerson && len(m.longest) > len(surname) && slices.Equal(m.longest[len(m.longest)-len(surname):], surname) && groupType(m.root(), nodes) == news.EntityPerson {
				cands = append(cands, m.root())
			} else if !m.bare() && !slices.Equal(m.longest, surname) {
				others = true // "George Bush", "Bush Intercontinental": another bearer
			}
		}
		if cands = uniqueNodes(cands); len(cands) == 1 && !others {
			union(cands[0], n, fmt.Sprintf("%s ~ %s: the story's one person of that surname", bestForm(n), bestForm(cands[0])), false)
		}
	}
	// 6. Spelling and transliteration variants with supporting evidence.
	for i, a := range nodes {
		for _, b := range nodes[i+1:] {
			if a.src == b.src || a.root() == b.root() || a.gazette && b.gazette || !compatibleTypes(a.typ, b.typ) {
				continue
			}
			if why := variantEvidence(a, b, neighbours); why != "" {
				union(a, b, why, false)
			}
		}
	}
	return buildTable(srcs, nodes)
}

func appendNode(ns []*node, n *node) []*node {
	if slices.Contains(ns, n) {
		return ns
	}
	return append(ns, n)
}

// groupType is the type most mentions of a group of nodes were given.
func groupType(root *node, nodes []*node) news.EntityType {
	var group []*node
	for _, n := range nodes {
		if n.root() == root {
			group = append(group, n)
		}
	}
	return entityType(group)
}

// acronymForm is the node's acronym, folded ("amd", "hp"), when one of its
// forms is written in capitals of two to six letters; "" otherwise.
func acronymForm(n *node) string {
	if n.typ == news.EntityPerson || n.gazette {
		return ""
	}
	for _, f := range sortedKeys(n.forms) {
		letters := strings.NewReplacer(".", "", "-", "").Replace(f) // "H.P.", "H-P"
		if len(letters) < 2 || len(letters) > 6 {
			continue
		}
		ok := true
		for _, r := range letters {
			if r < 'A' || r > 'Z' {
				ok = false
				break
			}
		}
		if ok {
			return strings.ToLower(letters)
		}
	}
	return ""
}

// initials are the first letters of a name's words, without the
// connectives ("Bank of America" → "ba"... "boa" is also read: see
// acronym step), "" for names of one word.
func initials(ws []string) string {
	if len(ws) < 2 {
		return ""
	}
	var b strings.Builder
	for _, w := range ws {
		if w == "of" || w == "and" || w == "the" || w == "for" || w == "&" {
			continue
		}
		b.WriteByte(w[0])
	}
	return b.String()
}

// writtenTogether reports whether one source writes both the acronym and
// a form of the expansion.
func writtenTogether(acr string, expansion *node, nodes []*node) bool {
	for _, n := range nodes {
		if n.root() != expansion || acronymForm(n) == acr {
			continue
		}
		for _, o := range nodes {
			if o.src == n.src && acronymForm(o) == acr {
				return true
			}
		}
	}
	for _, n := range nodes {
		if n.root() == expansion && acronymForm(n) == acr && len(n.longest) >= 2 {
			return true // keyed together by the recogniser: "Hewlett-Packard (HP)"
		}
	}
	return false
}

// sameGivenNames reports whether two full names of a person name one
// person: the same surname, and given names that agree where both give
// them, one written as an initial or a shortened form of the other ("W.
// Mark Felt" / "Mark Felt", "Fred LaRue" / "Frederick C. LaRue").
func sameGivenNames(a, b []string) bool {
	if len(a) < 2 || len(b) < 2 || a[len(a)-1] != b[len(b)-1] {
		return false
	}
	ga, gb := a[:len(a)-1], b[:len(b)-1]
	full := func(ws []string) []string {
		var out []string
		for _, w := range ws {
			if len(w) > 1 {
				out = append(out, w)
			}
		}
		return out
	}
	fa, fb := full(ga), full(gb)
	if len(fa) == 0 || len(fb) == 0 {
		return ga[0][0] == gb[0][0]
	}
	// every full given name of the shorter list matches one of the other
	if len(fa) > len(fb) {
		fa, fb = fb, fa
	}
	for _, x := range fa {
		if !slices.ContainsFunc(fb, func(y string) bool { return givenNameMatch(x, y) }) {
			return false
		}
	}
	return true
}

// oneFullName reports whether every full name of the groups names one
// person with every other (sameGivenNames).
func oneFullName(roots []*node, nodes []*node) bool {
	var names [][]string
	for _, n := range nodes {
		if len(n.longest) >= 2 && slices.Contains(roots, n.root()) {
			names = append(names, n.longest)
		}
	}
	for i, a := range names {
		for _, b := range names[i+1:] {
			if !slices.Equal(a, b) && !sameGivenNames(a, b) {
				return false
			}
		}
	}
	return true
}

// givenNameMatch: equal, or one at least three letters long that starts
// the other ("fred", "frederick").
func givenNameMatch(x, y string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	return x == y || len(x) >= 3 && strings.HasPrefix(y, x)
}

// petForm reports whether one given name may be a pet form of the other:
// it ends in -ie or -y and shares the other's first three letters
// ("katie", "kathryn"; "danny", "daniel"). Too weak to make two people
// one ("Jerry Ortiz" and his son "Jeremy Ortiz"), it keeps two names of
// one slot from being read as a disagreement.
func petForm(x, y string) bool {
	if len(x) > len(y) {
		x, y = y, x
	}
	if slices.Contains(nicknames[x], y) || slices.Contains(nicknames[y], x) {
		return true
	}
	return len(x) >= 4 && (strings.HasSuffix(x, "ie") || strings.HasSuffix(x, "y")) && x[:3] == y[:3]
}

// nicknames are common English short forms of given names that do not
// start like the name ("Bill" for William, "Mo" for Maurice): general
// knowledge of names, read like petForm, to keep two names of one slot
// from being read as a disagreement.
var nicknames = map[string][]string{
	"bill": {"william"}, "billy": {"william"}, "will": {"william"}, "bob": {"robert"}, "bobby": {"robert"},
	"rob": {"robert"}, "dick": {"richard"}, "rick": {"richard", "frederick"}, "ricky": {"richard"},
	"jim": {"james"}, "jimmy": {"james"}, "jack": {"john"}, "johnny": {"john"}, "ted": {"edward", "theodore"},
	"ned": {"edward"}, "chuck": {"charles"}, "charlie": {"charles"}, "hank": {"henry"}, "harry": {"henry"},
	"peggy": {"margaret"}, "maggie": {"margaret"}, "meg": {"margaret"}, "betty": {"elizabeth"},
	"bettie": {"elizabeth"}, "beth": {"elizabeth"}, "liz": {"elizabeth"}, "lisa": {"elizabeth"},
	"sally": {"sarah"}, "polly": {"mary"}, "molly": {"mary"}, "peg": {"margaret"}, "kate": {"katherine", "catherine", "kathryn"},
	"katie": {"katherine", "catherine", "kathryn"}, "kathy": {"katherine", "catherine", "kathryn"},
	"sue": {"susan", "suzanne"}, "tony": {"anthony", "antonio"}, "tom": {"thomas"}, "tommy": {"thomas"},
	"mike": {"michael"}, "mick": {"michael"}, "steve": {"stephen", "steven"}, "joe": {"joseph"}, "joey": {"joseph"},
	"ben": {"benjamin"}, "sam": {"samuel", "samantha"}, "dan": {"daniel"}, "danny": {"daniel"},
	"matt": {"matthew"}, "nick": {"nicholas"}, "alex": {"alexander", "alexandra", "alexandros"},
	"andy": {"andrew"}, "drew": {"andrew"}, "greg": {"gregory"}, "jeff": {"jeffrey"}, "jerry": {"gerald", "jerome"},
	"larry": {"lawrence"}, "len": {"leonard"}, "lenny": {"leonard"}, "mo": {"maurice", "mohammed", "muhammad"},
	"pat": {"patrick", "patricia"}, "pete": {"peter"}, "ron": {"ronald"}, "ronnie": {"ronald"},
	"sandy": {"alexander", "sandra"}, "terry": {"terence", "theresa"}, "tim": {"timothy"},
	"vince": {"vincent"}, "walt": {"walter"}, "wally": {"walter", "wallace"}, "fred": {"frederick", "alfred"},
	"freddie": {"frederick", "alfred"}, "gene": {"eugene"}, "hal": {"harold", "henry"}, "jenny": {"jennifer"},
	"jen": {"jennifer"}, "chris": {"christopher", "christine", "christina"}, "ed": {"edward", "edwin"},
	"eddie": {"edward"}, "al": {"albert", "alan", "alfred"}, "abe": {"abraham"}, "ike": {"isaac", "dwight"},
}

// firstNamesClash reports whether two groups hold people of the same
// surname whose first names differ ("Wladimir Klitschko" and "Vitali
// Klitschko"): they are never one entity.
func firstNamesClash(a, b *node, nodes []*node) bool {
	var fa, fb [][]string
	for _, n := range nodes {
		if n.typ != news.EntityPerson || len(n.longest) < 2 {
			continue
		}
		switch n.root() {
		case a:
			fa = append(fa, n.longest)
		case b:
			fb = append(fb, n.longest)
		}
	}
	for _, x := range fa {
		for _, y := range fb {
			if x[len(x)-1] == y[len(y)-1] && !sameGivenNames(x, y) && !alikeNames(x, y) {
				return true
			}
		}
	}
	return false
}

// alikeNames: every word of one is a spelling variant of the other's.
func alikeNames(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if strutil.Similarity(x[i], y[i], jaroWinkler) < 0.8 {
			return false
		}
	}
	return true
}

// sharedLabel returns a title or description two nodes share ("General",
// "actress"), compared on its last word, or "".
func sharedLabel(a, b *node) string {
	for _, la := range a.labels {
		for _, lb := range b.labels {
			if lastWord(normKey(la)) == lastWord(normKey(lb)) {
				return la
			}
		}
	}
	return ""
}

func lastWord(s string) string { return s[strings.LastIndexByte(s, ' ')+1:] }

// sameSourceClash reports whether merging two groups would put two
// different names of one source into one entity: the recogniser keyed
// them apart in that source, so they are different — unless one is the
// other's acronym ("IE", "Internet Explorer") or the one word of a
// non-person's name that the other starts or ends with ("Colts",
// "Indianapolis Colts"), which a recogniser may leave apart.
func sameSourceClash(a, b *node, nodes []*node) bool {
	// A group is a person's by most of its mentions, not by one node a
	// recogniser typed a person ("BlackBerry Q10").
	people := groupType(a, nodes) == news.EntityPerson || groupType(b, nodes) == news.EntityPerson
	for _, x := range nodes {
		if x.root() != a || len(x.forms) == 0 {
			continue
		}
		for _, y := range nodes {
			if y.root() == b && y.src == x.src && len(y.forms) > 0 && !sameInSource(x, y, people) {
				return true
			}
		}
	}
	return false
}

// sameInSource reports whether two nodes of one source may be one entity
// though keyed apart: an acronym and its expansion, a short and a long
// name of an organisation, team or place, or the same name words.
func sameInSource(x, y *node, people bool) bool {
	if slices.Equal(x.longest, y.longest) {
		return true
	}
	if acr := acronymForm(x); acr != "" && acr == initials(y.longest) {
		return true
	}
	if acr := acronymForm(y); acr != "" && acr == initials(x.longest) {
		return true
	}
	if people {
		// "Fred LaRue" and "Frederick Cheney LaRue" in one article.
		return sameGivenNames(x.longest, y.longest)
	}
	edge := func(short, long []string) bool {
		return len(short) == 1 && len(long) >= 2 && (long[0] == short[0] || long[len(long)-1] == short[0])
	}
	return edge(x.longest, y.longest) || edge(y.longest, x.longest)
}

// sortedKeys returns the keys of m in order: merging in a fixed order keeps
// the dossier the same from run to run.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// sameNameTypes: one name written the same way in two sources is one
// entity when the types agree as compatibleTypes says, or when one source
// could not type it ("other": "Champs-Elysees" typed a place in one report
// and left untyped in another).
func sameNameTypes(a, b news.EntityType) bool {
	return compatibleTypes(a, b) || a == news.EntityOther || b == news.EntityOther
}

// entityType is the type most of an entity's mentions were given, leaving
// out "other" (untyped) unless nothing else was found; ties go to the
// first node's type.
func entityType(nodes []*node) news.EntityType {
	count := map[news.EntityType]int{}
	best := nodes[0].typ
	for _, n := range nodes {
		if n.typ == news.EntityOther {
			continue
		}
		count[n.typ] += len(n.mentions)
		if best == news.EntityOther || count[n.typ] > count[best] {
			best = n.typ
		}
	}
	return best
}

func compatibleTypes(a, b news.EntityType) bool {
	if a == b {
		return true
	}
	// Organisations and "other" are often told apart only by cue words.
	return (a == news.EntityOrganization || a == news.EntityOther) && (b == news.EntityOrganization || b == news.EntityOther)
}

// wordBag is the sorted content stems of a multi-word name, "" for names of
// fewer than two content words.
func wordBag(form string) string {
	var ws []string
	for _, w := range terms.Words(form) {
		if t := normTerm(w.Text); t != "" {
			ws = append(ws, t)
		}
	}
	if len(ws) < 2 {
		return ""
	}
	slices.Sort(ws)
	return strings.Join(ws, " ")
}

func singleWordForm(n *node) string {
	if len(n.forms) == 0 {
		return ""
	}
	for f := range n.forms {
		if len(terms.Words(f)) != 1 {
			return ""
		}
	}
	return bestForm(n)
}

// hasEdgeWord reports whether one of m's forms has more than one word and
// ends with the folded word k (a surname, for people) or starts with it (places).
func hasEdgeWord(m *node, k string, typ news.EntityType) bool {
	for _, ws := range m.formKeys {
		if len(ws) < 2 {
			continue
		}
		if ws[len(ws)-1] == k || (typ != news.EntityPerson && ws[0] == k) {
			return true
		}
	}
	return false
}

// neighbourKeys maps each node key of each source to the keys of the
// entities named in the same sentences.
func neighbourKeys(srcs []*source) map[*source]map[string]map[string]bool {
	out := map[*source]map[string]map[string]bool{}
	for _, src := range srcs {
		bySent := map[int][]string{}
		for _, m := range src.a.Mentions {
			k := m.Key
			if k == "" {
				k = normKey(m.Text)
			}
			bySent[m.Sentence] = append(bySent[m.Sentence], k)
		}
		nb := map[string]map[string]bool{}
		for _, keys := range bySent {
			for _, a := range keys {
				if nb[a] == nil {
					nb[a] = map[string]bool{}
				}
				for _, b := range keys {
					if a != b {
						nb[a][normKey(b)] = true
					}
				}
			}
		}
		out[src] = nb
	}
	return out
}

var jaroWinkler = metrics.NewJaroWinkler()

// variantEvidence returns why a and b are spellings of one name, or "".
// Every word of one must be alike to the word in the same place of the
// other (Jaro–Winkler ≥ 0.8, or equal numbers for equipment models), the
// whole names alike (≥ 0.85), and a supporting signal present: a shared
// title or label, or a shared neighbour.
func variantEvidence(a, b *node, nb map[*source]map[string]map[string]bool) string {
	fa, fb := a.best, b.best
	ka, kb := a.bestKey, b.bestKey
	wa, wb := a.words, b.words
	if ka == kb || len(wa) != len(wb) || len(ka)-len(kb) > 4 || len(kb)-len(ka) > 4 {
		return ""
	}
	if len(wa) == 1 && a.typ != news.EntityEquipment {
		return "" // one-word names are too short to tell a variant from another name
	}
	for i := range wa {
		if isNumber(wa[i]) || isNumber(wb[i]) {
			if wa[i] != wb[i] {
				return ""
			}
			continue
		}
		if strutil.Similarity(wa[i], wb[i], jaroWinkler) < 0.8 {
			return ""
		}
	}
	whole := strutil.Similarity(ka, kb, jaroWinkler)
	if whole < 0.85 {
		return ""
	}
	var support []string
	for _, la := range a.labels {
		for _, lb := range b.labels {
			if normKey(la) == normKey(lb) {
				support = appendNew(support, "same title "+la)
			}
		}
	}
	na, nbb := nb[a.src][a.key], nb[b.src][b.key]
	for k := range na {
		if nbb[k] {
			support = appendNew(support, "both beside "+k)
		}
	}
	if a.typ == news.EntityEquipment && len(wa) > 1 {
		support = appendNew(support, "same model number")
	}
	if len(support) == 0 {
		return ""
	}
	sort.Strings(support)
	return fmt.Sprintf("%s ~ %s: spelling %.2f, %s", fb, fa, whole, strings.Join(support, ", "))
}

func isNumber(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) < 0
}

// bestForm is the node's most frequent written form (longest on ties).
func bestForm(n *node) string {
	best, count := "", -1
	for f, c := range n.forms {
		if c > count || c == count && (len(f) > len(best) || len(f) == len(best) && f < best) {
			best, count = f, c
		}
	}
	if best == "" && len(n.demonyms) > 0 {
		return n.key
	}
	return best
}

// inSource keeps the groups that hold a node of src that keep takes.
func inSource(roots []*node, src *source, nodes []*node, keep func(*node) bool) []*node {
	var out []*node
	for _, n := range nodes {
		if n.src == src && keep(n) && slices.Contains(roots, n.root()) && !slices.Contains(out, n.root()) {
			out = append(out, n.root())
		}
	}
	return out
}

func uniqueNodes(ns []*node) []*node {
	var out []*node
	for _, n := range ns {
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func appendNew(xs []string, x string) []string {
	if slices.Contains(xs, x) {
		return xs
	}
	return append(xs, x)
}

// buildTable turns the merged nodes into entities with canonical names.
func buildTable(srcs []*source, nodes []*node) *entityTable {
	t := &entityTable{of: map[[2]int]*entity{}}
	groups := map[*node][]*node{}
	var roots []*node
	for _, n := range nodes {
		r := n.root()
		if groups[r] == nil {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], n)
	}
	for _, r := range roots {
		e := &entity{nodes: groups[r], typ: entityType(groups[r])}
		for _, n := range e.nodes {
			e.sources = appendNew(e.sources, n.src.id)
			for _, mi := range n.mentions {
				t.of[[2]int{n.src.idx, mi}] = e
			}
		}
		e.name = canonicalName(e)
		if e.name == "" {
			continue // demonyms only: no named entity to list
		}
		t.list = append(t.list, e)
	}
	// Most mentioned first; ids in that order.
	sort.SliceStable(t.list, func(i, j int) bool {
		ci, cj := len(t.list[i].sources), len(t.list[j].sources)
		if ci != cj {
			return ci > cj
		}
		return mentionCount(t.list[i]) > mentionCount(t.list[j])
	})
	for i, e := range t.list {
		e.id = fmt.Sprintf("e%d", i+1)
	}
	return t
}

func mentionCount(e *entity) int {
	n := 0
	for _, nd := range e.nodes {
		n += len(nd.mentions)
	}
	return n
}

// canonicalName is the fullest common correct form: among the written
// forms, those found in most sources first, then those of sources not
// machine-translated, then the one with most words, then the most used.
func canonicalName(e *entity) string {
	type stat struct {
		sources map[string]bool
		human   bool
		count   int
	}
	stats := map[string]*stat{}
	for _, n := range e.nodes {
		for f, c := range n.forms {
			s := stats[f]
			if s == nil {
				s = &stat{sources: map[string]bool{}}
				stats[f] = s
			}
			s.sources[n.src.id] = true
			s.human = s.human || !n.src.mt
			s.count += c
		}
	}
	var forms []string
	for f := range stats {
		forms = append(forms, f)
	}
	sort.Slice(forms, func(i, j int) bool {
		a, b := stats[forms[i]], stats[forms[j]]
		wa, wb := len(strings.Fields(forms[i])), len(strings.Fields(forms[j]))
		switch {
		case a.human != b.human:
			return a.human
		case wa != wb && (len(a.sources) >= 2) == (len(b.sources) >= 2):
			return wa > wb
		case len(a.sources) != len(b.sources):
			return len(a.sources) > len(b.sources)
		case wa != wb:
			return wa > wb
		case a.count != b.count:
			return a.count > b.count
		}
		return forms[i] < forms[j]
	})
	if len(forms) == 0 {
		return ""
	}
	return forms[0]
}

// dossierEntities writes the resolved entities for the dossier.
func (t *entityTable) dossierEntities() []news.Entity {
	out := make([]news.Entity, 0, len(t.list))
	for _, e := range t.list {
		de := news.Entity{ID: e.id, Name: e.name, Type: string(e.typ), Sources: e.sources, Mentions: mentionCount(e)}
		for _, n := range e.nodes {
			var forms []string
			for f := range n.forms {
				forms = append(forms, f)
			}
			sort.Strings(forms)
			for _, f := range forms {
				de.Aliases = appendNew(de.Aliases, f)
			}
			for _, d := range n.demonyms {
				de.Demonyms = appendNew(de.Demonyms, d)
			}
			if len(n.labels) > 0 {
				if de.Labels == nil {
					de.Labels = map[string][]string{}
				}
				for _, l := range n.labels {
					de.Labels[n.src.id] = appendNew(de.Labels[n.src.id], l)
				}
			}
			for _, m := range n.merges {
				de.Merges = appendNew(de.Merges, m)
			}
		}
		out = append(out, de)
	}
	return out
}

// surnameParticles open surnames of several words ("Lo Presti", "van
// Gogh", "de la Cruz", "al-Assad" read as "al assad").
var surnameParticles = map[string]bool{"lo": true, "la": true, "le": true, "de": true, "del": true, "della": true, "di": true,
	"da": true, "das": true, "dos": true, "du": true, "van": true, "von": true, "der": true, "den": true, "ten": true, "ter": true,
	"al": true, "el": true, "bin": true, "ibn": true, "abu": true, "mac": true, "st": true, "san": true, "dal": true, "degli": true}

// nameTails are words that may follow an organisation's or a product's
// name without making it another: legal forms, a country of operation, the
// medium.
var nameTails = map[string]bool{"inc": true, "incorporated": true, "corp": true, "corporation": true, "co": true,
	"ltd": true, "limited": true, "llc": true, "plc": true, "ag": true, "gmbh": true, "sa": true, "nv": true,
	"usa": true, "us": true, "uk": true, "web": true, "online": true}

// nameStem is a name's words without trailing nameTails, joined; "" when
// nothing is cut or when fewer than one word of two letters or more would
// be left.
func nameStem(ws []string) string {
	n := len(ws)
	for n > 0 && nameTails[ws[n-1]] {
		n--
	}
	if n == len(ws) || n == 0 || n == 1 && len(ws[0]) < 2 {
		return ""
	}
	return strings.Join(ws[:n], " ")
}
