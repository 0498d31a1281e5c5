package feeds

import (
	"errors"
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
