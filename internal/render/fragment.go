package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io"

	"github.com/triangulate/triangulate/internal/news"
)

// FragmentOptions add to a story fragment what only its host page knows.
// The zero value renders the story as HTML renders it.
type FragmentOptions struct {
	// SourceLinks maps a source id to the address of a page about it (the
	// stored article in the web UI); each becomes a link among the source's
	// details, and stands for the source's cleaned text, which the fragment
	// then leaves out: a story of many long articles stays a page of facts.
	// Sources without an entry get none, and keep their text.
	SourceLinks map[string]string
	// TimelineFigure is shown at the top of the timeline section: a chart
	// the host drew. It is inserted as is, so it must come from
	// html/template (never from article text).
	TimelineFigure template.HTML
}

// HTMLStoryFragment writes one dossier as HTML renders it, but only the
// story's <article> element: no <html>, <head> or stylesheet, so that a
// host page (the web UI) can wrap it in its own layout. The story's title is
// its h1. The markup expects the classes of HTMLStyle.
func HTMLStoryFragment(w io.Writer, d *news.Dossier, opts FragmentOptions) error {
	s := newHTMLStory(d, 0)
	s.Figure = opts.TimelineFigure
	s.links = opts.SourceLinks
	var buf bytes.Buffer
	if err := pageTemplate().ExecuteTemplate(&buf, "story", s); err != nil {
		return fmt.Errorf("render: html fragment: %w", err)
	}
	// The template starts with the newline that follows the page's <main>.
	out := append(bytes.TrimLeft(buf.Bytes(), "\n"), '\n')
	_, err := w.Write(out)
	return err
}

// HTMLStyle returns the stylesheet of the HTML page, the same text its
// <style> element holds, for a host page to serve with HTMLStoryFragment.
func HTMLStyle() string {
	var buf bytes.Buffer
	// The template is literal CSS without actions, so executing it cannot
	// fail; a failure would be a broken template, caught by the tests.
	if err := pageTemplate().ExecuteTemplate(&buf, "style", nil); err != nil {
		panic("render: style template: " + err.Error())
	}
	return buf.String()
}

// HTMLSourceAnchor is the fragment id of a source's section in the markup
// of HTML and HTMLStoryFragment, for links from other pages to it.
func HTMLSourceAnchor(storyID, sourceID string) string { return anchor(storyID, "src", sourceID) }
