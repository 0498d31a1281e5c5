package cluster

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/terms"
)

// Kind is the kind of a feature: what signal it carries.
type Kind uint8

// Feature kinds. Their weights in the similarity are set by
// Options.EntityWeight and friends.
const (
	KindEntity Kind = iota // a resolved entity key ("abdourahamane tiani")
	KindTerm               // a stemmed content word of the title or text
	KindNumber             // a stated amount with its unit ("100", "100000000 USD")
	KindDate               // a calendar day or month the text places something on
)

// Feature is one signal of an article and how often the article gives it.
type Feature struct {
	Kind Kind
	// Key is the comparable form: an entity key, a stem, a number with
	// its unit, an ISO date.
	Key string
	// Label is how the article writes it, for explanations.
	Label string
	Count float32
}

// Doc is what the clusterer knows of an article: its identity, dates and
// features, built once from the annotations (NewDoc). It is small and
// plain so that a store can keep it and replay it.
type Doc struct {
	// Input names the article (news.Article.Input).
	Input        string
	Title        string
	TitleDerived bool
	// Outlet is the publisher when known, "" otherwise.
	Outlet string
	// Published is the publication day, zero when unknown.
	Published time.Time
	// Digest identifies the cleaned text (hex SHA-256, 16 digits); the
	// id of a story is made from the digest of its first article.
	Digest string
	// Features are sorted by Kind then Key, each once.
	Features []Feature
	// Signature is the MinHash signature of the text's word shingles, for
	// near-duplicate detection.
	Signature []uint32

	counted bool // its document frequencies are in a Clusterer's statistics
}

// mentionWeight is the count a demonym adds to its country's entity
// feature: "Russian" says less about a story than "Russia".
const demonymWeight = 0.5

// titleWeight is how many times a headline word counts: the headline
// states what the article is about in a few words.
const titleWeight = 2

// NewDoc builds the features of an annotated article: entity keys (not
// the words inside entity mentions, which would count a name twice),
// stemmed content words of the headline and text, amounts with their
// units, and resolved days and months.
func NewDoc(a *news.Annotated) *Doc {
	art := a.Article
	// The headline counts once, as the title below: the annotations of
	// the headline paragraph the text opens with are left out.
	body, off := art.Body(), art.HeadlineLen()
	sum := sha256.Sum256([]byte(body))
	d := &Doc{
		Input:        art.Input,
		Title:        art.Title,
		TitleDerived: art.TitleDerived,
		Outlet:       art.Outlet,
		Published:    art.Published,
		Digest:       hex.EncodeToString(sum[:8]),
	}
	fs := map[featureKey]*Feature{}
	add := func(kind Kind, key, label string, n float32) {
		k := featureKey{kind, key}
		if f, ok := fs[k]; ok {
			f.Count += n
			return
		}
		fs[k] = &Feature{Kind: kind, Key: key, Label: label, Count: n}
	}

	// Entities, and the spans they cover so their words are not terms too.
	type span struct{ start, end int }
	var names []span
	for _, m := range a.Mentions {
		if m.Key == "" || m.Start < off {
			continue
		}
		n := float32(1)
		if m.Demonym {
			n = demonymWeight
		}
		add(KindEntity, m.Key, m.Text, n)
		names = append(names, span{m.Start - off, m.End - off})
	}
	slices.SortFunc(names, func(x, y span) int { return x.start - y.start })

	stems := map[string]string{} // a word's term, computed once per article
	term := func(w string) string {
		t, ok := stems[w]
		if !ok {
			t = terms.Term(w)
			stems[w] = t
		}
		if t == "" || len(t) < 3 || t[0] >= '0' && t[0] <= '9' {
			return "" // numbers are features of their own, with their units
		}
		return t
	}
	if !art.TitleDerived {
		for _, w := range terms.Words(art.Title) {
			if t := term(w.Text); t != "" {
				add(KindTerm, t, strings.ToLower(w.Text), titleWeight)
			}
		}
	}
	words := terms.Words(body)
	j := 0
	for _, w := range words {
		for j < len(names) && names[j].end <= w.Start {
			j++
		}
		if j < len(names) && names[j].start < w.End {
			continue // inside an entity mention
		}
		if t := term(w.Text); t != "" {
			add(KindTerm, t, strings.ToLower(w.Text), 1)
		}
	}

	for _, q := range a.Quantities {
		if q.Value == nil || q.Start < off {
			continue
		}
		key := strconv.FormatFloat(*q.Value, 'g', -1, 64)
		if q.Unit != "" {
			key += " " + q.Unit
		}
		add(KindNumber, key, q.Text, 1)
	}
	for _, t := range a.Dates {
		if t.Start < off || !t.Resolved || t.Value == "" || t.Granularity != news.GranularityDay && t.Granularity != news.GranularityMonth {
			continue
		}
		add(KindDate, t.Value, t.Text, 1)
	}

	d.Features = make([]Feature, 0, len(fs))
	for _, f := range fs {
		d.Features = append(d.Features, *f)
	}
	slices.SortFunc(d.Features, func(x, y Feature) int {
		if x.Kind != y.Kind {
			return int(x.Kind) - int(y.Kind)
		}
		return strings.Compare(x.Key, y.Key)
	})
	d.Signature = minhash(body, words)
	return d
}
