// Package pgtest gives tests a fresh PostgreSQL database each: the store's
// own tests and those of the commands that open a store by URL.
//
// $TRIANGULATE_TEST_POSTGRES names a database on the server that the tests
// can connect to and create databases from; by default the local server's
// postgres database as the postgres user. Without a reachable server the
// tests skip, unless TRIANGULATE_REQUIRE_SERVICES=1 (CI), where a missing
// server must fail rather than pass for a green run.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// DefaultDSN is the server the tests use when $TRIANGULATE_TEST_POSTGRES is
// unset.
const DefaultDSN = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

func adminDSN() string {
	if dsn := os.Getenv("TRIANGULATE_TEST_POSTGRES"); dsn != "" {
		return dsn
	}
	return DefaultDSN
}

// reachable checks once whether the server answers, so that a missing
// server costs one connection attempt, not one per test.
var reachable = sync.OnceValue(func() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, adminDSN())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	return c.Ping(ctx)
})

// FreshDSN creates an empty database with a random name and returns its
// DSN; the database is dropped, its connections cut, when t ends (after the
// cleanups registered later, such as closing a store on it).
func FreshDSN(t testing.TB) string {
	t.Helper()
	if err := reachable(); err != nil {
		if os.Getenv("TRIANGULATE_REQUIRE_SERVICES") == "1" {
			t.Fatalf("PostgreSQL is required (TRIANGULATE_REQUIRE_SERVICES=1) and unreachable at $TRIANGULATE_TEST_POSTGRES (default %s): %v", DefaultDSN, err)
		}
		t.Skipf("PostgreSQL unreachable at $TRIANGULATE_TEST_POSTGRES (default %s), skipping: %v", DefaultDSN, err)
	}
	var b [8]byte
	rand.Read(b[:])
	name := "triangulate_test_" + hex.EncodeToString(b[:])
	if err := admin(`CREATE DATABASE ` + name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		if err := admin(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	dsn := adminDSN()
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		// A key=value DSN: the last dbname wins.
		return dsn + " dbname=" + name
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// admin runs a statement on the administrative database (CREATE and DROP
// DATABASE cannot run in the database they name, nor in a transaction).
func admin(sql string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, adminDSN())
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}
