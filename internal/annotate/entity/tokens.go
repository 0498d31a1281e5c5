package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Word sets built once from the lexicons; never written after package
// initialisation.
var (
	functionWord    = wordSet(functionWords)
	calendar        = wordSet(calendarWords)
	adjective       = wordSet(capitalisedAdjectives)
	nonEntityCap    = wordSet(strings.ToLower(nonEntityCaps))
	titleHead       = wordSet(titleHeads)
	titleModifier   = wordSet(titleModifiers)
	lowerTitle      = wordSet(lowerTitles)
	descriptionHead = wordSet(personDescriptionHeads)
	orgCue          = wordSet(orgCues)
	locationCue     = wordSet(locationCues)
	lowerOrgCue     = wordSet(lowerOrgCues)
	equipmentCue    = wordSet(equipmentCues)
	compass         = wordSet(compassWords)
	commonGiven     = wordSet(commonGivenNames)
	// connectors may join the words of one name ("Ministry of Defense",
	// "Charles de Gaulle", "Bosnia and Herzegovina").
	connectors = wordSet(`of for on the and & de du des la le van von der den da di dos del bin ibn al el y`)
	// particles join person and place names without a cue.
	particles = wordSet(`de du des la le van von der den da di dos del bin ibn al el y`)
	// abbreviations keep their final dot.
	abbreviations = wordSet(`gen lt col maj capt cmdr adm sgt cpl pvt brig dr mr mrs ms mme prof
rev gov sen rep det st mt jr sr corp inc co ltd no vs`)
	// hyphenParticles glue to the capitalised name after them ("al-Qaeda").
	hyphenParticles = wordSet(`al el ad ash as at az ibn bin abu ben`)
	// speechVerbs after a name make it a speaker: a person or an
	// organization, not a place.
	speechVerbs = wordSet(`said says told added stated announced reported wrote explained argued
insisted claimed warned noted tweeted confirmed denied asked replied responded
declared admitted acknowledged urged`)
	// placePrepositions before an untyped name make it lean location.
	placePrepositions = wordSet(`in at near from outside inside across around`)
	// determiners that may open an apposition ("the head of ...").
	determiners = wordSet(`the a an its his her their former then`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[Fold(w)] = true
	}
	return m
}

type tokenKind uint8

const (
	tWord tokenKind = iota
	tNumber
	tPunct
)

// token is one word, number or punctuation mark of a sentence.
type token struct {
	start, end int
	// fold is the folded word (see Fold); for punctuation, the mark itself.
	fold string
	kind tokenKind
	// cap: the word starts with an upper-case letter ("Niger", "al-Qaeda").
	cap bool
	// upper: two or more letters, all upper-case ("AES", "U.S.").
	upper bool
	// hyph: the word is glued to a lower-case word by a hyphen
	// ("U.S.-based").
	hyph bool
	// model: letters glued to digits ("Su-25", "F-16", "Il-76").
	model bool
	// initial: the first word of a sentence or of a quotation.
	initial bool
}

// tokenize splits text[from:to] into tokens, appending to toks.
func tokenize(text string, from, to int, toks []token) []token {
	first := len(toks)
	initial := true
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(text[i:to])
		switch {
		case unicode.IsSpace(r):
			i += n
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			j := scanWord(text, i, to)
			toks = appendWord(text, i, j, to, toks, initial)
			// After a capitalised function word ("In", "The", "Two")
			// the next word still opens the sentence.
			last := toks[len(toks)-1]
			initial = initial && last.kind == tWord && last.cap && !last.upper && functionWord[last.fold]
			i = j
			continue
		}
		// Punctuation: the possessive "'s" is one token.
		j := i + n
		if (r == '\'' || r == '’') && j < to && (text[j] == 's' || text[j] == 'S') && (j+1 == to || !isWordByte(text, j+1, to)) {
			j++
		}
		toks = append(toks, token{start: i, end: j, fold: text[i:j], kind: tPunct})
		switch r {
		case '"', '“', '«', ':', '(', '[', '‘', '—', '•', '·', '”', '»', ')', ']', '.', '!', '?':
			// Quotation marks open a quoted sentence; in machine
			// translations a closing mark often ends one, and a full
			// stop inside a sentence is a boundary the segmenter missed.
			initial = true
		case '\'', '’', ',', ';', '-', '–', '…':
			// keep initial as it is: a sentence may open with a quote
			// mark or a bullet.
			if len(toks)-first > 1 {
				initial = false
			}
		default:
			initial = false
		}
		i = j
	}
	return toks
}

func isWordByte(text string, i, to int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:to])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// scanWord returns the end of the word starting at i: letters, digits and
// marks, with inner hyphens, apostrophes ("L'Enqueteur", not "Niger's")
// and the dots of initialisms ("U.S.").
func scanWord(text string, i, to int) int {
	j := i
	segLetters := 0 // letters since the last dot
	for j < to {
		r, n := utf8.DecodeRuneInString(text[j:to])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			j += n
			segLetters++
			continue
		}
		if j+n >= to || !isWordByte(text, j+n, to) {
			// A final dot belongs to an initialism ("U.S.") or an
			// abbreviation ("Gen.").
			if r == '.' && (segLetters == 1 && strings.Contains(text[i:j], ".") || abbreviations[strings.ToLower(text[i:j])]) {
				j += n
			}
			break
		}
		switch r {
		case '-', '‑', '&':
			j += n
			segLetters = 0
			continue
		case '\'', '’':
			// Not a possessive "'s" ending the word.
			if k := j + n; k < to && (text[k] == 's' || text[k] == 'S') && (k+1 == to || !isWordByte(text, k+1, to)) {
				return j
			}
			j += n
			continue
		case '.', ',':
			if r == '.' && segLetters == 1 && unicode.IsLetter(prevRune(text[i:j])) {
				j += n
				segLetters = 0
				continue
			}
			if isDigitByte(text, j-1) && j+1 < to && text[j+1] >= '0' && text[j+1] <= '9' {
				j += n
				continue
			}
		}
		break
	}
	if j == i {
		_, n := utf8.DecodeRuneInString(text[i:to])
		j = i + n
	}
	return j
}

func prevRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isDigitByte(text string, i int) bool { return i >= 0 && text[i] >= '0' && text[i] <= '9' }

// appendWord appends the word text[i:j], split at hyphens where the parts
// are separate words: "U.S.-based" is "U.S." and "based", "mid-March" is
// "mid" and "March"; "al-Qaeda", "Jean-Pierre", "Su-25" and "junta-led"
// stay whole.
func appendWord(text string, i, j, to int, toks []token, initial bool) []token {
	w := text[i:j]
	if h := strings.IndexAny(w, "-‑"); h > 0 {
		parts := splitHyphens(w)
		if len(parts) > 1 && !keepHyphenated(parts) {
			off := i
			for k, p := range parts {
				t := makeWord(text, off, off+len(p), initial && k == 0)
				if k+1 < len(parts) && isLowerWord(parts[k+1]) && t.cap {
					t.hyph = true
				}
				toks = append(toks, t)
				off += len(p)
				if off < j {
					_, n := utf8.DecodeRuneInString(text[off:])
					toks = append(toks, token{start: off, end: off + n, fold: text[off : off+n], kind: tPunct})
					off += n
				}
			}
			return toks
		}
	}
	return append(toks, makeWord(text, i, j, initial))
}

func splitHyphens(w string) []string {
	return strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‑' })
}

func keepHyphenated(parts []string) bool {
	hasDigit := false
	for _, p := range parts {
		if p == "" {
			return true
		}
		if strings.IndexFunc(p, unicode.IsDigit) >= 0 {
			hasDigit = true
		}
	}
	if hasDigit {
		return true
	}
	lowerAll, capAll := true, true
	for _, p := range parts {
		r, _ := utf8.DecodeRuneInString(p)
		if unicode.IsUpper(r) {
			lowerAll = false
		} else {
			capAll = false
		}
	}
	if lowerAll || capAll {
		return true
	}
	// "al-Qaeda": a particle before a capitalised name.
	r, _ := utf8.DecodeRuneInString(parts[1])
	return len(parts) == 2 && hyphenParticles[strings.ToLower(parts[0])] && unicode.IsUpper(r)
}

func isLowerWord(p string) bool {
	r, _ := utf8.DecodeRuneInString(p)
	return unicode.IsLower(r)
}

func makeWord(text string, i, j int, initial bool) token {
	w := text[i:j]
	t := token{start: i, end: j, fold: Fold(w), kind: tWord, initial: initial}
	r, _ := utf8.DecodeRuneInString(w)
	if unicode.IsDigit(r) {
		t.kind = tNumber
		return t
	}
	t.cap = unicode.IsUpper(r)
	if !t.cap {
		// "al-Qaeda"
		if h := strings.IndexByte(w, '-'); h > 0 && hyphenParticles[strings.ToLower(w[:h])] {
			r2, _ := utf8.DecodeRuneInString(w[h+1:])
			t.cap = unicode.IsUpper(r2)
		}
	}
	letters, uppers, digits := 0, 0, 0
	for _, c := range w {
		switch {
		case unicode.IsLetter(c):
			letters++
			if unicode.IsUpper(c) {
				uppers++
			}
		case unicode.IsDigit(c):
			digits++
		}
	}
	t.upper = letters >= 2 && uppers == letters
	t.model = t.cap && digits > 0 && letters > 0
	return t
}
