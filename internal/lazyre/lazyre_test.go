package lazyre

import (
	"sync"
	"testing"
)

func TestRegexp(t *testing.T) {
	r := New(`(\d+)-(\d+)`)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if !r.MatchString("won 97-1") || r.FindStringSubmatch("97-1")[2] != "1" {
				t.Error("match failed")
			}
		})
	}
	wg.Wait()
	if got := r.ReplaceAllString("3-4", "$2-$1"); got != "4-3" {
		t.Errorf("ReplaceAllString = %q", got)
	}
	if r.String() != `(\d+)-(\d+)` {
		t.Errorf("String = %q", r.String())
	}
	defer func() {
		if recover() == nil {
			t.Error("a bad pattern did not panic on first use")
		}
	}()
	New(`(`).MatchString("x")
}
