package quote

import (
	"strings"
	"unicode"

	"github.com/triangulate/triangulate/internal/news"
)

// resolve finds the antecedent of a speaker pronoun of the given kind
// ("person" for he/she, "thing" for it, "group" for they) at byte pos in
// sentence si (a position in d.sents): the speaker of a quote earlier in
// the same sentence or in the one before, the subject of the sentence
// before, or the nearest preceding mention of a fitting type within three
// sentences. It returns the antecedent's span and Key.
func (d *doc) resolve(kind string, si, pos int, prior []*item) (s, e int, key string, ok bool) {
	return d.resolveDepth(kind, si, pos, prior, 0)
}

func (d *doc) resolveDepth(kind string, si, pos int, prior []*item, depth int) (s, e int, key string, ok bool) {
	for i := len(prior) - 1; i >= 0; i-- {
		it := prior[i]
		if it.endSent < si-1 {
			break
		}
		if !it.attributed || it.pronoun || it.q.Start >= pos {
			continue
		}
		if d.compatible(it.antStart, it.antEnd, kind) {
			return it.antStart, it.antEnd, it.q.SpeakerKey, true
		}
	}
	if si > 0 {
		s, e, ok := d.subject(si - 1)
		switch {
		case ok && pronounKind(strings.ToLower(d.text[s:e])) == kind && depth < 3:
			// "He estimated … / "…," he said.": the same pronoun again.
			if s, e, key, ok := d.resolveDepth(kind, si-1, s, prior, depth+1); ok {
				return s, e, key, true
			}
		case ok && pronounKind(strings.ToLower(d.text[s:e])) == "" && d.compatible(s, e, kind):
			return s, e, d.headKey(s, e), true
		}
	}
	lo := d.sents[max(0, si-3)].Start
	for i := len(d.mentions) - 1; i >= 0; i-- {
		m := d.mentions[i]
		if m.End > pos {
			continue
		}
		if m.Start < lo {
			break
		}
		if mentionFits(m.Type, kind) {
			return m.Start, m.End, m.Key, true
		}
	}
	return 0, 0, "", false
}

func mentionFits(t news.EntityType, kind string) bool {
	switch t {
	case news.EntityPerson:
		return kind == "person"
	case news.EntityOrganization, news.EntityLocation:
		return kind == "thing" || kind == "group"
	}
	return false
}

// compatible reports whether the phrase text[s:e] can be what a pronoun of
// the kind refers to. A mention heading the phrase decides by its type;
// otherwise the head noun does: a noun for people ("man", "officials"), a
// word of organisations ("ministry", "television"), an acronym, or
// number (a plural head for "they").
func (d *doc) compatible(s, e int, kind string) bool {
	if m := d.headMention(s, e); m != nil {
		return mentionFits(m.Type, kind)
	}
	ts := tokenize(d.text, s, e, nil)
	h := -1
	for i := len(ts) - 1; i >= 0; i-- {
		if ts[i].kind == tWord {
			h = i
			break
		}
	}
	if h < 0 {
		return false
	}
	head := ts[h]
	plural := isPlural(head.low)
	if head.fl&fPerson != 0 {
		if plural {
			return kind == "group"
		}
		return kind == "person"
	}
	for _, t := range ts {
		if t.fl&fOrg != 0 {
			return kind != "person"
		}
	}
	if isAcronym(d.text[head.start:head.end]) {
		return kind != "person"
	}
	if head.cap {
		return true // a name the recogniser did not type
	}
	if plural {
		return kind == "group"
	}
	return kind == "thing" || kind == "person" && agentNoun(head.low)
}

// agentNoun: a noun with the ending of a doer ("pastor", "firefighter",
// "economist"), which may name a person.
func agentNoun(w string) bool {
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent", "man", "woman", "person"} {
		if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

func isPlural(w string) bool {
	switch w {
	case "men", "women", "people", "police", "children", "staff", "crew":
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "’s")
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

// subject returns the subject phrase of sentence si: the noun phrase that
// opens it, after a leading adverbial ("On Saturday, it said") and before
// its verb or a relative clause ("Niger's military regime, which took
// power …, denounced"). A sentence that opens with a quote has no subject
// here; its speaker stands in for one.
func (d *doc) subject(si int) (s, e int, ok bool) {
	ts := d.toks(si)
	if len(ts) == 0 || ts[0].kind != tWord {
		return 0, 0, false
	}
	p := &phrases{text: d.text, ts: ts}
	i := 0
	if t := ts[0]; t.fl&(fPrep|fPrepNP|fStop|fRel|fTime) != 0 && t.fl&fDet == 0 || isAdverb(t.low) {
		i = -1
		for k := 1; k < len(ts) && k < 16; k++ {
			if p.comma(k) {
				i = k + 1
				break
			}
		}
		if i < 0 {
			return 0, 0, false
		}
	}
	np := p.fwdNP(i, len(ts))
	if np.empty() {
		return 0, 0, false
	}
	// "The pastor, Larry Kroon, declined": the name in apposition.
	if c := np.b + 1; c < len(ts) && p.comma(c) && p.word(c+1) && ts[c+1].cap {
		if name := p.fwdNP(c+1, len(ts)); !name.empty() && name.b+1 < len(ts) && p.comma(name.b+1) {
			np = name
		}
	}
	return ts[np.a].start, ts[np.b].end, true
}

// inherit gives a quote with no attribution of its own the speaker of the
// quote before it when it continues that quote (left open at the end of
// the paragraph before) or opens the sentence right after it.
func (d *doc) inherit(items []*item) {
	copySpeaker := func(dst, src *item) {
		dst.q.Speaker, dst.q.SpeakerStart, dst.q.SpeakerEnd = src.q.Speaker, src.q.SpeakerStart, src.q.SpeakerEnd
		dst.q.SpeakerKey, dst.q.Cue = src.q.SpeakerKey, src.q.Cue
		dst.antStart, dst.antEnd, dst.pronoun = src.antStart, src.antEnd, src.pronoun
		dst.attributed = true
	}
	for i := 1; i < len(items); i++ {
		it, prev := items[i], items[i-1]
		if it.attributed || it.q.Partial || !prev.attributed {
			continue
		}
		si := d.sentAt(it.r.open)
		opens := strings.IndexFunc(d.text[d.sents[si].Start:max(d.sents[si].Start, it.r.open)], isWordRune) < 0
		if d.continues(prev, it) || opens && !prev.q.Partial && (prev.endSent == si-1 || prev.endSent == si) {
			copySpeaker(it, prev)
		}
	}
	for i := len(items) - 2; i >= 0; i-- {
		it, next := items[i], items[i+1]
		if !it.attributed && !it.q.Partial && next.attributed && d.continues(it, next) {
			copySpeaker(it, next)
		}
	}
}

// continues reports whether b continues a, a quote left open at the end of
// its paragraph: b opens the next paragraph.
func (d *doc) continues(a, b *item) bool {
	if !a.r.unclosed || a.r.closeEnd > b.r.open {
		return false
	}
	gap := d.text[a.r.closeEnd:b.r.open]
	return strings.TrimSpace(gap) == "" && strings.Contains(gap, news.ParagraphSep)
}
