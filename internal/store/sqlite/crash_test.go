package sqlite

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/store"
)

// The crash test re-runs the test binary as a worker process that adds a
// batch of articles and processes them, and kills it with SIGKILL: once
// while it holds claims (deterministically), then at random moments, which
// land in the middle of transactions. After each kill the parent reopens the
// file and checks it: sound, nothing half-written, nothing processed twice.
// At the end it finishes the work and checks every article was processed
// exactly once.

const (
	crashEnvDB   = "TRIANGULATE_STORE_CRASH_DB"
	crashEnvMode = "TRIANGULATE_STORE_CRASH_MODE"
	crashBatch   = 200
	crashLease   = 300 * time.Millisecond
	// hangLease is the lease of the worker killed while it holds claims:
	// long, so that its claims are still held when the parent looks,
	// however loaded the machine; the parent then moves its clock past it
	// rather than wait.
	hangLease = time.Hour
)

func crashDoc(i int) news.Document {
	return news.Document{
		Input:       fmt.Sprintf("crash/%03d.txt", i),
		Kind:        news.KindText,
		ContentKind: news.KindText,
		Content:     fmt.Sprintf("Crash test article %d. It has a body.", i),
	}
}

func effectKey(id int64) string { return "effect/" + strconv.FormatInt(id, 10) }

// process is one worker's handling of an item: its effect (a counter that
// would reach 2 if the item were processed twice), its cleaned text and its
// completion commit together or not at all.
func process(ctx context.Context, s store.Store, a store.ArticleRecord, owner string) error {
	return s.WithTx(ctx, func(tx store.Tx) error {
		n := 0
		switch v, err := tx.GetState(ctx, effectKey(a.ID)); {
		case err == nil:
			n, _ = strconv.Atoi(string(v))
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		if err := tx.PutState(ctx, effectKey(a.ID), []byte(strconv.Itoa(n+1))); err != nil {
			return err
		}
		art := &news.Article{Input: a.Input, Title: a.Input, Text: a.Document.Content}
		if err := tx.SaveArticle(ctx, a.ID, art, []byte(`{}`)); err != nil {
			return err
		}
		return tx.Complete(ctx, a.ID, owner)
	})
}

// crashChild is the worker process. In mode "hang" it stops, holding its
// current claims, after its 40th completion and waits to be killed.
func crashChild(file, mode string) {
	ctx := context.Background()
	s, err := Open(ctx, file, Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(2)
	}
	owner := "child-" + strconv.Itoa(os.Getpid())
	// Articles arrive while the worker processes them.
	go func() {
		for i := range crashBatch {
			if _, _, err := s.AddArticle(ctx, store.NewArticle{Document: crashDoc(i)}); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
		}
	}()
	lease := crashLease
	if mode == "hang" {
		lease = hangLease
	}
	done := 0
	for {
		items, err := s.Claim(ctx, owner, 8, lease)
		if err != nil {
			fmt.Println("error", err)
			os.Exit(2)
		}
		if len(items) == 0 {
			time.Sleep(time.Millisecond)
			continue
		}
		for i, a := range items {
			if err := process(ctx, s, a, owner); err != nil {
				fmt.Println("error", err)
				os.Exit(2)
			}
			done++
			fmt.Printf("done %d\n", done)
			if mode == "hang" && done >= 40 && i < len(items)-1 {
				fmt.Println("holding")
				time.Sleep(time.Minute)
			}
		}
	}
}

// runChild starts a worker and kills it: after it reports "holding" in mode
// hang, or after delay.
func runChild(t *testing.T, file, mode string, delay time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashMidBatch$")
	cmd.Env = append(os.Environ(), crashEnvDB+"="+file, crashEnvMode+"="+mode)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timer := time.NewTimer(delay)
	if mode == "hang" {
		timer.Reset(10 * time.Second)
	}
	last := ""
wait:
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				break wait
			}
			if strings.HasPrefix(l, "error") {
				t.Errorf("child: %s", l)
			}
			if strings.HasPrefix(l, "done") {
				last = l
			}
			if l == "holding" {
				break wait
			}
		case <-timer.C:
			if mode == "hang" {
				t.Errorf("child never held claims")
			}
			break wait
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL: no deferred code, no Close
		t.Fatal(err)
	}
	go func() {
		for range lines {
		}
	}()
	cmd.Wait()
	t.Logf("killed the child (%s) after %q", mode, last)
}

// checkConsistent reopens the file and checks what must hold after any kill.
// It returns the store, open, and the counts by status.
func checkConsistent(t *testing.T, file string) (*Store, map[store.Status]int) {
	t.Helper()
	return checkConsistentAt(t, file, nil)
}

// checkConsistentAt is checkConsistent with the store's clock (nil: the
// real one).
func checkConsistentAt(t *testing.T, file string, now func() time.Time) (*Store, map[store.Status]int) {
	t.Helper()
	ctx := t.Context()
	s, err := Open(ctx, file, Options{Now: now})
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	arts, err := s.ListArticles(ctx, store.ArticleFilter{Limit: 10 * crashBatch})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[store.Status]int{}
	for _, a := range arts {
		counts[a.Status]++
		v, err := s.GetState(ctx, effectKey(a.ID))
		switch {
		case a.Status == store.StatusDone && (err != nil || string(v) != "1"):
			t.Errorf("article %d is done with effect %q, %v; want exactly one", a.ID, v, err)
		case a.Status != store.StatusDone && !errors.Is(err, store.ErrNotFound):
			t.Errorf("article %d is %s but its effect was kept (%q): half-written", a.ID, a.Status, v)
		case a.Status == store.StatusDone && a.Article == nil:
			t.Errorf("article %d is done without its cleaned text", a.ID)
		case a.Status != store.StatusDone && a.Article != nil:
			t.Errorf("article %d is %s with a cleaned text: half-written", a.ID, a.Status)
		}
	}
	return s, counts
}

func TestCrashMidBatch(t *testing.T) {
	if file := os.Getenv(crashEnvDB); file != "" {
		crashChild(file, os.Getenv(crashEnvMode))
		return
	}
	if testing.Short() {
		t.Skip("starts and kills processes")
	}
	ctx := t.Context()
	file := filepath.Join(t.TempDir(), "crash.db")

	// A kill while the worker holds claims: they are still processing after
	// the restart, and back in the queue once their lease expired.
	runChild(t, file, "hang", 0)
	s, counts := checkConsistent(t, file)
	held := counts[store.StatusProcessing]
	if held == 0 {
		t.Fatalf("after the kill: %v, want items still held", counts)
	}
	t.Logf("after the kill: %v", counts)
	s.Close()
	later := func() time.Time { return time.Now().Add(hangLease + time.Minute) }
	s, counts = checkConsistentAt(t, file, later)
	if counts[store.StatusProcessing] != 0 {
		t.Errorf("after the lease and a reopen: %v, want nothing processing", counts)
	}
	s.Close()

	// Kills at random moments, mostly inside a transaction.
	for range 4 {
		runChild(t, file, "run", time.Duration(20+rand.IntN(120))*time.Millisecond)
		s, counts = checkConsistent(t, file)
		t.Logf("after the kill: %v", counts)
		s.Close()
	}

	// Restart: accept the batch again (idempotent), wait out the dead
	// workers' leases and finish. Every article is processed exactly once.
	s, _ = checkConsistent(t, file)
	defer s.Close()
	for i := range crashBatch {
		if _, _, err := s.AddArticle(ctx, store.NewArticle{Document: crashDoc(i)}); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(crashLease)
	for {
		items, err := s.Claim(ctx, "parent", 50, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) == 0 {
			break
		}
		for _, a := range items {
			if err := process(ctx, s, a, "parent"); err != nil {
				t.Fatal(err)
			}
		}
	}
	s.Close()
	s, counts = checkConsistent(t, file)
	defer s.Close()
	if counts[store.StatusDone] != crashBatch || len(counts) != 1 {
		t.Errorf("at the end: %v, want %d done and nothing else", counts, crashBatch)
	}
}
