// Package langid tells the language of an article's text.
//
// It wraps github.com/RadhiFadlillah/whatlanggo (MIT; a maintained fork of abadojack/whatlanggo that go-trafilatura already links), a trigram detector that
// is reliable on article-length text and adds little to the binary
// (lingua-go is more accurate on short strings but adds about 125 MB).
package langid

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RadhiFadlillah/whatlanggo"
)

// sampleBytes is how much text the trigram detector looks at: a paragraph
// or two decide the language of an article as well as the whole of it, and
// the detector's cost grows with its input (about 0.4 ms a kilobyte).
const sampleBytes = 1500

// englishShare is the share of English function words above which a text
// is English without consulting the trigram detector. Counted as
// englishWords counts them, nine English pages in ten of the article
// extraction benchmark have more than 27 % (up to 41 %); its pages in
// eight other languages have at most 12.5 % (a short Japanese page with
// English in it), most under 4 %: other Latin-script languages share few
// ("a", "in", "on").
const englishShare = 0.2

// Detect returns the BCP 47 tag of the language of text ("en", "fr"),
// and whether the detector found it reliably. It returns "und" (the BCP 47
// tag for undetermined) when the text gives nothing to go on.
func Detect(text string) (tag string, reliable bool) {
	if words, hits := englishWords(text); words >= 40 && float64(hits) >= englishShare*float64(words) {
		return "en", true
	}
	if len(text) > sampleBytes {
		cut := sampleBytes
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	info := whatlanggo.Detect(text)
	code := info.Lang.Iso6391()
	if code == "" {
		code = info.Lang.Iso6393()
	}
	if code == "" {
		return "und", false
	}
	return code, info.IsReliable()
}

// englishFunctionWords are the commonest English function words; the list
// is ours, from general knowledge of the language.
var englishFunctionWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "a": true, "in": true, "is": true, "that": true, "for": true,
	"it": true, "was": true, "on": true, "with": true, "as": true, "by": true, "he": true, "she": true, "at": true,
	"from": true, "his": true, "her": true, "their": true, "they": true, "be": true, "are": true, "were": true,
	"has": true, "have": true, "had": true, "said": true, "this": true, "which": true, "who": true, "an": true,
	"its": true, "but": true, "not": true, "or": true, "will": true, "been": true, "after": true, "would": true,
}

// englishWords counts the words of the first sampleBytes of text and how
// many of them are English function words.
func englishWords(text string) (words, hits int) {
	if len(text) > sampleBytes {
		text = text[:sampleBytes]
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) }) {
		words++
		if len(w) <= 5 && englishFunctionWords[strings.ToLower(w)] {
			hits++
		}
	}
	return words, hits
}
