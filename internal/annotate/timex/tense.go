package timex

import "strings"

// tense is the direction in time a sentence gives a relative expression.
type tense uint8

const (
	tenseUnknown tense = iota
	tensePast
	tenseFuture
)

// cue is a verb form that tells the tense near it.
type cue struct {
	at     int // token index
	future bool
}

// maxCueDistance bounds how far (in tokens, plus the clause breaks) a verb
// may be from an expression and still set its tense.
const maxCueDistance = 12

// tenseOf returns the tense of the verb nearest to e in its sentence:
// "announced late Thursday that Moscow will help" is past (announced is
// next to the date, will is beyond "that"), "on Tuesday the talks will
// resume" is future. A comma or a semicolon between the two counts as four
// tokens: it usually starts another clause.
func (p *parser) tenseOf(e expr) tense {
	if !p.cued {
		p.findCues()
	}
	best, bestD := tenseUnknown, maxCueDistance+1
	for _, c := range p.cues {
		var d int
		switch {
		case c.at < e.ta:
			d = e.ta - c.at
			if d > maxCueDistance {
				continue
			}
			d += 4 * p.breaks(c.at, e.ta)
		case c.at >= e.tb:
			d = c.at - e.tb + 1
			if d > maxCueDistance {
				continue
			}
			d += 4 * p.breaks(e.tb, c.at)
		default:
			continue
		}
		if d < bestD {
			bestD, best = d, tensePast
			if c.future {
				best = tenseFuture
			}
		}
	}
	return best
}

// breaks counts the clause punctuation among tokens [a, b).
func (p *parser) breaks(a, b int) int {
	n := 0
	for i := a; i < b; i++ {
		if t := &p.toks[i]; t.kind == tkPunct && (t.ch == ',' || t.ch == ';' || t.ch == ':' || t.ch == '(') {
			n++
		}
	}
	return n
}

func (p *parser) findCues() {
	p.cued = true
	for i := range p.toks {
		t := &p.toks[i]
		if t.kind != tkWord {
			continue
		}
		s := p.text[t.start:t.end]
		switch t.info.w {
		case wFuture:
			p.cues = append(p.cues, cue{at: i, future: true})
			continue
		case wFutureTo:
			if p.word(i+1) == wTo || p.lit(i+1) == "for" && strings.HasSuffix(s, "ed") {
				p.cues = append(p.cues, cue{at: i, future: true})
			} else if strings.HasSuffix(s, "ed") {
				p.cues = append(p.cues, cue{at: i})
			}
			continue
		}
		if strings.HasSuffix(s, "'ll") || strings.HasSuffix(s, "’ll") || strings.HasPrefix(s, "won't") || strings.HasPrefix(s, "won’t") {
			p.cues = append(p.cues, cue{at: i, future: true})
			continue
		}
		if t.has(fLower) && pastForm(s) || t.info.w == wPastAux {
			// "will be held", "is to be signed": a participle after "be"
			// takes the tense of what comes before "be".
			if p.lit(i-1) == "be" {
				if w := p.word(i - 2); w == wFuture || w == wTo || strings.HasSuffix(p.lit(i-2), "ll") {
					p.cues = append(p.cues, cue{at: i, future: true})
				}
				continue
			}
			p.cues = append(p.cues, cue{at: i})
		}
	}
}

// pastForm tells whether a lower-case word looks like a regular past
// form ("arrived", "announced").
func pastForm(s string) bool {
	if len(s) < 5 || !strings.HasSuffix(s, "ed") {
		return false
	}
	if strings.HasSuffix(s, "eed") {
		return s == "agreed" || s == "freed" || s == "decreed" || s == "guaranteed"
	}
	return !notPast[s]
}

// notPast are words in -ed that are adjectives or nouns far more often
// than past verbs.
var notPast = map[string]bool{
	"hundred": true, "armed": true, "based": true, "united": true, "alleged": true,
	"limited": true, "advanced": true, "related": true, "supposed": true, "sacred": true,
	"naked": true, "wicked": true, "beloved": true, "kindred": true, "detailed": true,
	"concerned": true, "interested": true, "experienced": true, "aged": true,
}
