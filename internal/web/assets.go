package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/triangulate/triangulate/internal/render"
)

// templateFS holds the page templates: layout.html wraps every page, each
// other file is one page defining "content".
//
//go:embed templates/*.html
var templateFS embed.FS

// staticFS holds the files served under /static/.
//
//go:embed static
var staticFS embed.FS

// parsePages parses one template set per page: the layout and the page's
// file, so that every page can define its own "content".
func parsePages(st *staticFiles) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"static":      st.url,
		"storyPath":   storyPath,
		"articlePath": articlePath,
		"time":        formatTime,
		"isoTime": func(t time.Time) string {
			return t.UTC().Format(time.RFC3339)
		},
		"plural": plural,
		"num":    num,
	}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list templates: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, name := range names {
		if name == "templates/layout.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, name)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", name, err)
		}
		pages[strings.TrimSuffix(path.Base(name), ".html")] = t
	}
	return pages, nil
}

// plural is "1 story", "2 stories".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// staticFiles serves the embedded assets and the dossier stylesheet of the
// render package. Pages link each file with its content hash as a query
// (?v=...), so browsers may keep a file for a long time and still fetch the
// new one after an upgrade.
type staticFiles struct {
	files map[string]staticFile
}

type staticFile struct {
	data []byte
	hash string
}

func newStaticFiles() (*staticFiles, error) {
	st := &staticFiles{files: map[string]staticFile{}}
	add := func(name string, data []byte) {
		sum := sha256.Sum256(data)
		st.files[name] = staticFile{data: data, hash: hex.EncodeToString(sum[:6])}
	}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		add(strings.TrimPrefix(p, "static/"), data)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: read static files: %w", err)
	}
	// The dossier's own stylesheet, served rather than inlined so that the
	// pages need no inline <style>.
	add("dossier.css", []byte(render.HTMLStyle()))
	return st, nil
}

// url is the address of a static file with its version.
func (st *staticFiles) url(name string) string {
	f, ok := st.files[name]
	if !ok {
		// A template names a missing file: fail loudly in tests, not with
		// a silent 404 in the browser.
		panic("web: no static file " + name)
	}
	return "/static/" + name + "?v=" + f.hash
}

// ServeHTTP serves GET /static/{name}.
func (st *staticFiles) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	f, ok := st.files[name]
	if !ok {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	ctype := mime.TypeByExtension(path.Ext(name))
	if ctype == "" {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("ETag", `"`+f.hash+`"`)
	if r.URL.Query().Get("v") == f.hash {
		// The versioned address never changes content.
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "public, max-age=3600")
	}
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(f.data))
}
