package extract

import (
	"testing"
)

// BenchmarkHTMLAEB extracts all 181 pages of the article extraction
// benchmark per iteration, with and without fallback. pages/s is the
// figure to watch; run with -cpu 1, as one extraction uses one core.
//
// Where the time goes (pprof, "short", with our patched trafilatura, see
// third_party/go-trafilatura/PATCHES.md): html.Parse ~30%, trafilatura
// ~40% (its metadata a third of it), the readability second opinion on the
// article's region ~15%, the rest GC. Fallback adds go-readability inside
// trafilatura on every page and go-domdistiller when readability's text is
// still short.
func BenchmarkHTMLAEB(b *testing.B) {
	pages := loadAEB(b, -1)
	var size int64
	for _, p := range pages {
		size += int64(len(p.html))
	}
	for _, bc := range []struct {
		name string
		opts Options
	}{
		{"short", Options{}},
		{"short-nosecond", Options{NoSecondOpinion: true}},
		{"always", Options{Fallback: FallbackAlways}},
		{"nofallback", Options{Fallback: FallbackNever}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					opts := bc.opts
					opts.URL = p.url
					if _, err := HTML(p.html, opts); err != nil {
						b.Fatalf("%s: %v", p.id, err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
