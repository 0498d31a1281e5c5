package app

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/triangulate/triangulate/internal/corpus"
	"github.com/triangulate/triangulate/internal/store"
	"github.com/triangulate/triangulate/internal/store/postgres"
	"github.com/triangulate/triangulate/internal/store/postgres/pgtest"
	"github.com/triangulate/triangulate/internal/store/sqlite"
)

func TestOpenStorePicksByPrefix(t *testing.T) {
	for db, want := range map[string]bool{
		"triangulate.db":               false,
		"/var/lib/triangulate/data.db": false,
		"postgres.db":                  false,
		"host=db dbname=x":             false, // a file with an odd name, not libpq's key=value form
		"postgres://u@h/db":            true,
		"postgresql://u@h:5432/db":     true,
	} {
		if got := isPostgres(db); got != want {
			t.Errorf("isPostgres(%q) = %v, want %v", db, got, want)
		}
	}

	ctx := t.Context()
	st, err := openStore(ctx, filepath.Join(t.TempDir(), "x.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := st.(*sqlite.Store); !ok {
		t.Errorf("openStore(file) = %T, want *sqlite.Store", st)
	}
	st.Close()

	if got := storeName("postgres://u:secret@h/db"); strings.Contains(got, "secret") || !strings.Contains(got, "u:") {
		t.Errorf("storeName(URL with password) = %q", got)
	}
	// A bad URL's error names the store without its password.
	_, err = openStore(ctx, "postgres://u:secret@127.0.0.1:1/none?sslmode=disable&connect_timeout=1")
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("openStore(unreachable URL) = %v, want an error without the password", err)
	}
}

// TestAddIntoPostgres runs `add` on a PostgreSQL URL: the same command, the
// articles processed into the database.
func TestAddIntoPostgres(t *testing.T) {
	dsn := pgtest.FreshDSN(t)
	ctx := context.Background()
	dir := filepath.Join(corpus.Root(t), "examples", "niger-2024")
	var stdout, stderr bytes.Buffer
	p := &Program{Stdout: &stdout, Stderr: &stderr}
	if code := p.Run(ctx, []string{"add", "--db", dsn, dir}); code != ExitOK {
		t.Fatalf("add exited %d: %s", code, stderr.String())
	}
	st, err := openStore(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, ok := st.(*postgres.Store); !ok {
		t.Fatalf("openStore(%s) = %T, want *postgres.Store", dsn, st)
	}
	arts, err := st.ListArticles(ctx, store.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.ListStories(ctx, store.StoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) == 0 || len(page.Stories) != 1 || page.Stories[0].ArticleCount != len(arts) || page.Stories[0].Stale() {
		t.Fatalf("after add: %d articles, stories %+v", len(arts), page.Stories)
	}
	for _, a := range arts {
		if a.Status != store.StatusDone {
			t.Errorf("article %d is %s after add", a.ID, a.Status)
		}
	}
}
