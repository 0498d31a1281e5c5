package render

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// anchor is the fragment id of an item of a story, e.g. "st1-src-s1": safe in
// an HTML id, a URL fragment and Markdown, and unique across the stories of
// one page because the story id is part of it.
func anchor(story, kind, id string) string {
	return slug(story) + "-" + kind + "-" + slug(id)
}

// slug keeps ASCII letters, digits, '-' and '_' and turns anything else into
// '-'. When that changed the id, a hash of the original is appended so that
// two ids differing only in such characters ("a b", "a/b") stay distinct.
func slug(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == id && s != "" {
		return s
	}
	h := fnv.New32a()
	h.Write([]byte(id))
	return fmt.Sprintf("%sx%08x", s, h.Sum32())
}
