package store

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// Migration is one schema change of an implementation, from a file of its
// embedded migrations named "<version>_<what>.sql".
type Migration struct {
	Version int
	Name    string // the file's base name, for errors
	SQL     string
}

// Migrations returns the migrations in the *.sql files of dir in fsys that
// come after version current, in version order. Each implementation keeps
// its own SQL; the numbering, the order and what is still to apply are the
// same for all.
func Migrations(fsys fs.FS, dir string, current int) ([]Migration, error) {
	files, err := fs.Glob(fsys, path.Join(dir, "*.sql"))
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	sort.Strings(files)
	var out []Migration
	for _, f := range files {
		num, _, _ := strings.Cut(path.Base(f), "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("migrate: %s: name must start with a number: %w", f, err)
		}
		if v <= current {
			continue
		}
		body, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, fmt.Errorf("migrate: %w", err)
		}
		out = append(out, Migration{Version: v, Name: path.Base(f), SQL: string(body)})
	}
	return out, nil
}
