package feeds

import (
	"errors"
	"strings"
	"testing"
)

func TestValidateFeedURL(t *testing.T) {
	tests := []struct {
		in, want string // want "" for an error
	}{
		// Normalised.
		{"https://example.com/feed", "https://example.com/feed"},
		{"  HTTP://Example.COM:80/Feed?x=1#frag ", "http://example.com/Feed?x=1"},
		{"https://example.com", "https://example.com/"},
		{"https://example.com:8443/rss", "https://example.com:8443/rss"},
		{"http://[::1]:80/rss", "http://[::1]/rss"},
		{"https://[2001:DB8::1]:8443/rss", "https://[2001:db8::1]:8443/rss"},
		// Refused.
		{"", ""},
		{"example.com/feed", ""},
		{"/feed", ""},
		{"ftp://example.com/feed", ""},
		{"file:///etc/passwd", ""},
		{"https:example.com", ""},
		{"https://", ""},
		{"http://exa mple.com/", ""},
		{"http://example.com/\x7f", ""},
	}
	for _, tt := range tests {
		got, err := ValidateFeedURL(tt.in)
		if tt.want == "" {
			if err == nil || !errors.Is(err, ErrInvalidURL) {
				t.Errorf("ValidateFeedURL(%q) = %q, %v, want ErrInvalidURL", tt.in, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ValidateFeedURL(%q) = %q, %v, want %q", tt.in, got, err, tt.want)
		}
	}
}

// An error names what is wrong with the address and never echoes a
// password written into it.
func TestValidateURLMessages(t *testing.T) {
	for raw, want := range map[string]string{
		"file:///etc/passwd":                   `invalid url "file:///etc/passwd": the scheme must be http or https`,
		"ftp://user:secret@example.org/feed":   `invalid url "ftp://example.org/feed": the scheme must be http or https`,
		"https://user:secret@/feed":            `invalid url "https:///feed": no host`,
		"http://user:secret@exa mple.org/feed": `invalid url "http://exa mple.org/feed"`,
	} {
		_, err := ValidateFeedURL(raw)
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "secret") {
			t.Errorf("ValidateFeedURL(%q) = %v, want an error with %s and no password", raw, err, want)
		}
	}
}
