package trafilatura

import (
	"regexp"
	"sync"
)

// PATCH(triangulate): lazyRegexp is a regular expression compiled on first
// use. Compiled in package variables, the 22 patterns of the metadata and
// language code cost every program linking trafilatura about 4 ms before
// main, whether or not it extracts a page.
type lazyRegexp struct {
	re func() *regexp.Regexp
}

func lazyCompile(src string) *lazyRegexp {
	return &lazyRegexp{re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })}
}

func (r *lazyRegexp) MatchString(s string) bool              { return r.re().MatchString(s) }
func (r *lazyRegexp) FindStringSubmatch(s string) []string   { return r.re().FindStringSubmatch(s) }
func (r *lazyRegexp) FindAllString(s string, n int) []string { return r.re().FindAllString(s, n) }
func (r *lazyRegexp) ReplaceAllString(src, repl string) string {
	return r.re().ReplaceAllString(src, repl)
}
func (r *lazyRegexp) Split(s string, n int) []string { return r.re().Split(s, n) }
