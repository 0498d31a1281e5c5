package feeds

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ErrInvalidURL is the error of ValidateFeedURL for a URL the poller
// cannot subscribe to.
var ErrInvalidURL = errors.New("feeds: invalid feed url")

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
	u, err := url.Parse(s)
	if err != nil {
		msg := err.Error()
		if ue, ok := errors.AsType[*url.Error](err); ok {
			msg = ue.Err.Error()
		}
		return "", fmt.Errorf("%w %q: %s", ErrInvalidURL, raw, msg)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	switch {
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%w %q: the scheme must be http or https", ErrInvalidURL, raw)
	case u.Opaque != "" || u.Hostname() == "":
		return "", fmt.Errorf("%w %q: no host", ErrInvalidURL, raw)
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
