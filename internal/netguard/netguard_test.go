package netguard

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"
	"time"
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

// A first hop the guard allows (a loopback server standing in for a
// public one) that redirects to a loopback or link-local address is not
// followed there: the guard checks every address dialled, redirects
// included.
func TestClientRefusesRedirectFromAllowedHop(t *testing.T) {
	inner := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "secret")
	}))
	defer inner.Close()
	for _, target := range []string{inner.URL + "/admin", "http://169.254.169.254/latest/meta-data/", "http://[::1]:1/"} {
		hop := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == "/ok" {
				io.WriteString(w, "public")
				return
			}
			http.Redirect(w, r, target, http.StatusFound)
		}))
		c := NewClient(Options{public: []string{hop.Listener.Addr().String()}, Timeout: 5 * time.Second})
		// The stand-in first hop itself is reachable ...
		resp, err := c.Get(hop.URL + "/ok")
		if err != nil {
			t.Fatalf("the allowed first hop: %v", err)
		}
		resp.Body.Close()
		// ... its redirect to a forbidden address is not followed.
		resp, err = c.Get(hop.URL + "/go")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			t.Errorf("redirect to %s followed: %q", target, body)
		} else if !errors.Is(err, ErrForbidden) {
			t.Errorf("redirect to %s: err = %v, want ErrForbidden", target, err)
		}
		hop.Close()
	}
}
