package netguard

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestAllowed(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1":        false,
		"::1":              false,
		"10.1.2.3":         false,
		"172.16.0.1":       false,
		"192.168.1.1":      false,
		"169.254.169.254":  false,
		"fe80::1":          false,
		"fc00::1":          false,
		"0.0.0.0":          false,
		"::":               false,
		"224.0.0.1":        false,
		"100.64.0.1":       false,
		"::ffff:127.0.0.1": false,
		"93.184.216.34":    true,
		"2606:4700::1111":  true,
		"8.8.8.8":          true,
	} {
		if got := Allowed(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Allowed(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestClientRefusesLoopback(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secret")
	}))
	defer srv.Close()

	get := func(c *http.Client) error {
		req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, srv.URL, nil)
		resp, err := c.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := get(NewClient(Options{})); !errors.Is(err, ErrForbidden) {
		t.Errorf("guarded client fetched a loopback server: err = %v", err)
	}
	if err := get(NewClient(Options{AllowPrivate: true})); err != nil {
		t.Errorf("AllowPrivate client: %v", err)
	}
}

func TestClientRefusesRedirectToLoopback(t *testing.T) {
	// A public-looking first hop is not possible offline, so check the
	// redirect policy on schemes: a redirect to file:// is refused.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	}))
	defer srv.Close()
	resp, err := NewClient(Options{AllowPrivate: true}).Get(srv.URL)
	if err == nil {
		resp.Body.Close()
		t.Fatal("followed a redirect to file://")
	}
}
