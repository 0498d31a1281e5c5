// Package examples bundles the example reports into the binary, so that
// `triangulate serve --demo` shows a story on a machine that has only the
// binary.
package examples

import (
	"embed"
	"io/fs"
	"path"

	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/news"
)

//go:embed niger-2024/*.txt
var files embed.FS

// Niger2024 returns the five reports of the founding example as text
// documents named as on disk ("examples/niger-2024/000_….txt"), in order.
func Niger2024() ([]news.Document, error) {
	names, err := fs.Glob(files, "niger-2024/*.txt")
	if err != nil {
		return nil, err
	}
	docs := make([]news.Document, 0, len(names))
	for _, name := range names {
		b, err := files.ReadFile(name)
		if err != nil {
			return nil, err
		}
		// Read as a file holding the same bytes would be, so the server's
		// dossier is the CLI's.
		ds, errs := ingest.Parse(path.Join("examples", name), b, "", "")
		if len(errs) > 0 {
			return nil, errs[0]
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}
