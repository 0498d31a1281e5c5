package ingest

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// acceptHeader asks for what ingest reads, pages first.
const acceptHeader = "text/html, application/xhtml+xml;q=0.9, application/rss+xml;q=0.9, application/atom+xml;q=0.9, " +
	"application/json;q=0.8, application/xml;q=0.8, text/plain;q=0.8, */*;q=0.5"

// isURL reports whether an input names a URL rather than a path: it has a
// scheme followed by "://". Schemes other than http and https are refused
// when fetched, not read as paths.
func isURL(in string) bool {
	i := strings.Index(in, "://")
	if i <= 0 {
		return false
	}
	for j, c := range in[:i] {
		if !(isASCIILetter(byte(c)) || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// newClient builds the default client: the standard transport (which asks
// for gzip and decodes it), at most MaxRedirects redirects, and a timeout.
func newClient(opts Options) *http.Client {
	return &http.Client{
		Transport: http.DefaultTransport.(*http.Transport).Clone(),
		Timeout:   opts.Timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= MaxRedirects {
				return errTooManyRedirects
			}
			return nil
		},
	}
}

var errTooManyRedirects = fmt.Errorf("too many redirects (more than %d)", MaxRedirects)

// fetch GETs an http(s) URL within opts.Timeout and returns its body, at
// most opts.MaxBytes after gzip decoding, with the final URL after
// redirects and the Content-Type.
func fetch(ctx context.Context, rawURL string, opts Options) ([]byte, sourceMeta, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		msg := err.Error()
		if ue, ok := errors.AsType[*url.Error](err); ok {
			msg = ue.Err.Error()
		}
		return nil, sourceMeta{}, reason("invalid url: "+oneLine(msg), ErrUnsupported, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, sourceMeta{}, reason(fmt.Sprintf("unsupported url scheme %q (only http and https)", u.Scheme), ErrUnsupported)
	}
	if u.Host == "" {
		return nil, sourceMeta{}, reason("invalid url: no host", ErrUnsupported)
	}

	fctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(fctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, sourceMeta{}, reason("invalid url: "+oneLine(err.Error()), ErrUnsupported, err)
	}
	req.Header.Set("User-Agent", opts.UserAgent)
	req.Header.Set("Accept", acceptHeader)

	resp, err := opts.Client.Do(req)
	if err != nil {
		return nil, sourceMeta{}, fetchError(ctx, err, opts.Timeout)
	}
	defer resp.Body.Close()

	meta := sourceMeta{url: resp.Request.URL.String(), contentType: resp.Header.Get("Content-Type")}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, meta, fmt.Errorf("%w %s", ErrHTTPStatus, statusText(resp))
	}

	body := resp.Body
	// The standard transport decodes gzip it asked for and removes the
	// header; a header still present means a client that did not, or a
	// server that compressed unasked.
	if strings.EqualFold(resp.Header.Get("Content-Encoding"), "gzip") {
		zr, err := gzip.NewReader(body)
		if err != nil {
			return nil, meta, reason("invalid gzip body: "+err.Error(), ErrFetch, err)
		}
		defer zr.Close()
		body = zr
	} else if resp.ContentLength > opts.MaxBytes {
		return nil, meta, tooLarge(resp.ContentLength, opts.MaxBytes)
	}

	content, err := io.ReadAll(io.LimitReader(body, opts.MaxBytes+1))
	if err != nil {
		return nil, meta, fetchError(ctx, err, opts.Timeout)
	}
	if int64(len(content)) > opts.MaxBytes {
		return nil, meta, tooLargeStream(opts.MaxBytes)
	}
	return content, meta, nil
}

// statusText is "404 Not Found", also from servers that send only a code.
func statusText(resp *http.Response) string {
	if s := strings.TrimSpace(resp.Status); s != "" && s != fmt.Sprint(resp.StatusCode) {
		return s
	}
	return fmt.Sprintf("%d %s", resp.StatusCode, http.StatusText(resp.StatusCode))
}

// fetchError turns a transport error into one line for the user: the
// timeout, the refused connection, the unknown host; the *url.Error
// wrapper, whose message repeats the method and URL, is dropped from the
// message but kept in the chain. ctx is the caller's context: its
// cancellation is reported as such, not as a timeout.
func fetchError(ctx context.Context, err error, timeout time.Duration) error {
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	inner := err
	if ue, ok := errors.AsType[*url.Error](err); ok {
		inner = ue.Err
	}
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		return reason(fmt.Sprintf("timeout after %s", timeout), ErrTimeout, err)
	case errors.Is(err, errTooManyRedirects):
		return reason(errTooManyRedirects.Error(), ErrFetch, err)
	case errors.Is(err, syscall.ECONNREFUSED):
		return reason("connection refused", ErrFetch, err)
	case errors.Is(err, syscall.ENETUNREACH):
		return reason("network unreachable", ErrFetch, err)
	case errors.Is(err, syscall.EHOSTUNREACH):
		return reason("host unreachable", ErrFetch, err)
	case errors.Is(err, syscall.ECONNRESET):
		return reason("connection reset by server", ErrFetch, err)
	case errors.As(err, &dnsErr):
		if dnsErr.IsNotFound {
			return reason(fmt.Sprintf("unknown host %q", dnsErr.Name), ErrFetch, err)
		}
		return reason(fmt.Sprintf("cannot resolve host %q", dnsErr.Name), ErrFetch, err)
	}
	return reason(oneLine(inner.Error()), ErrFetch, err)
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
