// Package langid tells the language of an article's text.
//
// It wraps github.com/abadojack/whatlanggo (MIT), a trigram detector that
// is reliable on article-length text and adds little to the binary
// (lingua-go is more accurate on short strings but adds about 125 MB).
package langid

import (
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// sampleBytes is how much text is looked at: a few paragraphs decide the
// language as well as a whole article, at a fraction of the cost.
const sampleBytes = 4096

// Detect returns the BCP 47 tag of the language of text ("en", "fr"),
// and whether the detector found it reliably. It returns "und" (the BCP 47
// tag for undetermined) when the text gives nothing to go on.
func Detect(text string) (tag string, reliable bool) {
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
