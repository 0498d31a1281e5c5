// Package netguard makes HTTP clients that refuse to connect to addresses a
// server should never fetch on a user's behalf: loopback, private networks,
// link-local (cloud metadata at 169.254.169.254), unspecified, multicast
// and shared (carrier-grade NAT) addresses. It is the defence against
// server-side request forgery when the server fetches URLs that users or
// feeds supply.
//
// The check runs in the dialer's Control hook, on the address actually
// dialled after name resolution, so it also holds for redirects and for
// names that resolve to a private address (DNS rebinding) — a check of the
// URL's host name alone holds for neither.
package netguard

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"syscall"
	"time"
)

// ErrForbidden is returned (wrapped) when a connection to a forbidden
// address is refused.
var ErrForbidden = errors.New("address not allowed")

// sharedSpace is 100.64.0.0/10 (RFC 6598), which netip does not classify.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

// Allowed reports whether a server may connect to addr on a user's behalf.
func Allowed(addr netip.Addr) bool {
	addr = addr.Unmap()
	switch {
	case !addr.IsValid(),
		addr.IsLoopback(),
		addr.IsPrivate(),
		addr.IsLinkLocalUnicast(),
		addr.IsLinkLocalMulticast(),
		addr.IsInterfaceLocalMulticast(),
		addr.IsMulticast(),
		addr.IsUnspecified(),
		sharedSpace.Contains(addr):
		return false
	}
	return true
}

// control is the dialer hook that refuses forbidden addresses.
func control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("netguard: %s: %w", address, ErrForbidden)
	}
	if !Allowed(ap.Addr()) {
		return fmt.Errorf("netguard: refusing to connect to %s (private, loopback or link-local): %w", ap.Addr(), ErrForbidden)
	}
	return nil
}

// Options tune NewClient.
type Options struct {
	// AllowPrivate turns the guard off (tests against local servers, an
	// intranet deployment that fetches internal feeds).
	AllowPrivate bool
	// Timeout bounds a whole request, body included (default 30 s).
	Timeout time.Duration
	// MaxRedirects is how many redirects are followed (default 10).
	MaxRedirects int

	// public lists addresses ("127.0.0.1:8080") the guard lets through as
	// if they were public: a test's stand-in for a first hop on the
	// internet.
	public []string
}

// NewClient returns an HTTP client for fetching user-supplied URLs: it
// never uses a proxy from the environment (which would dial for it,
// out of the guard's sight), bounds every phase with a timeout, and unless
// AllowPrivate refuses forbidden addresses.
func NewClient(opts Options) *http.Client {
	if opts.Timeout <= 0 {
		opts.Timeout = 30 * time.Second
	}
	if opts.MaxRedirects <= 0 {
		opts.MaxRedirects = 10
	}
	d := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		d.Control = control
		if len(opts.public) > 0 {
			d.Control = func(network, address string, c syscall.RawConn) error {
				if slices.Contains(opts.public, address) {
					return nil
				}
				return control(network, address, c)
			}
		}
	}
	tr := &http.Transport{
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   4,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
		ExpectContinueTimeout: time.Second,
	}
	limit := opts.MaxRedirects
	return &http.Client{
		Transport: tr,
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= limit {
				return fmt.Errorf("too many redirects (more than %d)", limit)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
}
