package ingest

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestFetchFeedConditional(t *testing.T) {
	type sent struct{ inm, ims string }
	got := make(chan sent, 2)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /feed", func(w http.ResponseWriter, r *http.Request) {
		got <- sent{r.Header.Get("If-None-Match"), r.Header.Get("If-Modified-Since")}
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Thu, 11 Apr 2024 10:00:00 GMT")
		w.Write([]byte(rssFeed))
	})
	srv := newServer(t, mux)
	ctx := context.Background()

	first, err := FetchFeed(ctx, srv.URL+"/feed", Validators{}, Options{})
	if err != nil {
		t.Fatalf("FetchFeed() error %v", err)
	}
	if s := <-got; s != (sent{}) {
		t.Errorf("first FetchFeed sent validators %+v, want none", s)
	}
	want := Validators{ETag: `"v1"`, LastModified: "Thu, 11 Apr 2024 10:00:00 GMT"}
	if first.StatusCode != 200 || first.NotModified || string(first.Content) != rssFeed || first.Validators != want || first.URL != srv.URL+"/feed" {
		t.Errorf("first FetchFeed = %d, NotModified %v, validators %+v, URL %s, want 200, its body and %+v", first.StatusCode, first.NotModified, first.Validators, first.URL, want)
	}

	second, err := FetchFeed(ctx, srv.URL+"/feed", first.Validators, Options{})
	if err != nil {
		t.Fatalf("FetchFeed(validators) error %v", err)
	}
	if s := <-got; s != (sent{want.ETag, want.LastModified}) {
		t.Errorf("second FetchFeed sent %+v, want %+v", s, want)
	}
	if !second.NotModified || second.StatusCode != 304 || len(second.Content) != 0 {
		t.Errorf("second FetchFeed = %d, NotModified %v, %d bytes, want 304 and nothing", second.StatusCode, second.NotModified, len(second.Content))
	}
}

func TestFetchFeedErrors(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /busy", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "120")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	mux.HandleFunc("GET /big", func(w http.ResponseWriter, r *http.Request) {
		w.Write(make([]byte, 2048))
	})
	srv := newServer(t, mux)
	ctx := context.Background()

	resp, err := FetchFeed(ctx, srv.URL+"/busy", Validators{}, Options{})
	if want := srv.URL + "/busy: http status 503 Service Unavailable"; err == nil || err.Error() != want || !errors.Is(err, ErrHTTPStatus) {
		t.Errorf("FetchFeed(busy) error %v, want %q", err, want)
	}
	if resp.StatusCode != 503 || resp.RetryAfter != 2*time.Minute {
		t.Errorf("FetchFeed(busy) = %d, RetryAfter %v, want 503, 2m", resp.StatusCode, resp.RetryAfter)
	}

	if _, err := FetchFeed(ctx, srv.URL+"/big", Validators{}, Options{MaxBytes: 1024}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("FetchFeed(big, MaxBytes 1024) error %v, want ErrTooLarge", err)
	}
	var ie *InputError
	if _, err := FetchFeed(ctx, "ftp://example.com/feed", Validators{}, Options{}); !errors.As(err, &ie) || !errors.Is(err, ErrUnsupported) {
		t.Errorf("FetchFeed(ftp) error %v, want an *InputError wrapping ErrUnsupported", err)
	}
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2024, 4, 11, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"30", 30 * time.Second},
		{" 0 ", 0},
		{"-5", 0},
		{"99999999999", 7 * 24 * time.Hour},
		{"Thu, 11 Apr 2024 10:05:00 GMT", 5 * time.Minute},
		{"Thu, 11 Apr 2024 09:00:00 GMT", 0},
		{"soon", 0},
	}
	for _, tt := range tests {
		if got := retryAfter(tt.in, now); got != tt.want {
			t.Errorf("retryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
