package server

import (
	"context"
	"io"
	"net/http"
	"os"
	"testing"
)

func TestDumpTmp(t *testing.T) {
	ts := newTestServer(t, nil)
	if err := ts.LoadDemo(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts.drain(t)
	var list storyList
	ts.expect(t, "GET", "/api/stories", nil, 200).decode(t, &list)
	resp, _ := http.Get(ts.url + "/stories/" + list.Stories[0].ID)
	b, _ := io.ReadAll(resp.Body)
	os.WriteFile("/tmp/story.html", b, 0o644)
	resp, _ = http.Get(ts.url + "/?q=Tiani")
	b, _ = io.ReadAll(resp.Body)
	os.WriteFile("/tmp/list.html", b, 0o644)
}
