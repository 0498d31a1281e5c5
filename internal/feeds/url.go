package feeds

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrInvalidURL is the error of ValidateFeedURL for a URL the poller
// cannot subscribe to.
var ErrInvalidURL = errors.New("invalid url")

// ValidateFeedURL checks a feed URL given by a user (the API, an OPML
// file) and returns it normalised: an absolute http or https URL with a
// host, scheme and host lower-cased, the scheme's default port, the
// fragment and surrounding white space dropped, and an empty path made
// "/". Normalising makes one feed one subscription: the store refuses a
// URL already subscribed only when it is spelled the same.
//
// It does not resolve the host: whether the address may be fetched (not a
// private network) is for the client the poller is given to decide, at
// each request, since DNS answers change.
func ValidateFeedURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	shown := WithoutCredentials(s) // errors never echo a user:password@
	u, err := url.Parse(s)
	if err != nil {
		msg := err.Error()
		if ue, ok := errors.AsType[*url.Error](err); ok {
			msg = ue.Err.Error()
		}
		return "", fmt.Errorf("%w %q: %s", ErrInvalidURL, shown, strings.ReplaceAll(msg, s, shown))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%w %q: the scheme must be http or https", ErrInvalidURL, shown)
	case u.Opaque != "" || u.Hostname() == "":
		return "", fmt.Errorf("%w %q: no host", ErrInvalidURL, shown)
	}
	host := strings.ToLower(u.Hostname())
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	if port := u.Port(); port != "" && !(u.Scheme == "http" && port == "80" || u.Scheme == "https" && port == "443") {
		host += ":" + port
	}
	u.Host = host
	u.Fragment, u.RawFragment = "", ""
	if u.Path == "" {
		u.Path, u.RawPath = "/", ""
	}
	return u.String(), nil
}

// WithoutCredentials removes the user and password from a URL written as
// text ("https://user:secret@host/" → "https://host/"), even where the URL
// does not parse.
func WithoutCredentials(s string) string {
	scheme, rest, ok := strings.Cut(s, "://")
	if !ok {
		return s
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
		return scheme + "://" + rest[at+1:]
	}
	return s
}
