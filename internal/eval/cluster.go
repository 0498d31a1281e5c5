package eval

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/triangulate/triangulate/internal/cluster"
	"github.com/triangulate/triangulate/internal/ingest"
	"github.com/triangulate/triangulate/internal/pipeline"
)

// The story-clustering benchmark: a folder of article texts and a
// labels.json of the shape of ECB+ (shared/data/ecbplus/README.md):
//
//	{ "<file>": { "topic": "1", "event": "1_ecb", "url": "..." } }
//
// where <file> is found in the folder's docs/ subfolder or the folder
// itself. Every labelled article is read, cleaned, annotated and clustered
// in one pass, in file-name order (the clusterer then orders them by
// publication day where known), and the clustering is scored with B³ at
// the event level and at the topic level.

// ClusterLabel is one article's gold labels.
type ClusterLabel struct {
	Topic string `json:"topic"`
	Event string `json:"event"`
}

// ClusterReport is the result of the clustering benchmark.
type ClusterReport struct {
	Dir      string
	Articles int
	// Events and Topics count the gold classes.
	Events, Topics int
	// Clusters counts the stories found.
	Clusters int
	// Singletons counts the stories of one article.
	Singletons int
	// Duplicates counts the articles marked as near-duplicates.
	Duplicates int
	Event      BCubed
	Topic      BCubed
	// Elapsed is the time from the texts on disk to the stories: reading,
	// cleaning, annotation and clustering.
	Elapsed time.Duration
	// Annotate is the part of Elapsed spent reading, cleaning and
	// annotating; Cluster the part spent building features and clustering.
	Annotate, Cluster time.Duration
	// Skipped lists the labelled files that could not be read.
	Skipped []string
}

// ClusterOptions tune the benchmark run.
type ClusterOptions struct {
	// Cluster tunes the clusterer; the zero value is the default the CLI
	// uses.
	Cluster cluster.Options
	// Concurrency bounds the cleaning and annotation workers (default
	// GOMAXPROCS); 1 gives a per-core time.
	Concurrency int
}

// LoadClusterLabels reads dir/labels.json.
func LoadClusterLabels(dir string) (map[string]ClusterLabel, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		return nil, fmt.Errorf("eval: cluster labels: %w", err)
	}
	var labels map[string]ClusterLabel
	if err := json.Unmarshal(raw, &labels); err != nil {
		return nil, fmt.Errorf("eval: cluster labels: %s: %w", filepath.Join(dir, "labels.json"), err)
	}
	if len(labels) == 0 {
		return nil, errors.New("eval: cluster labels: labels.json lists no article")
	}
	for name, l := range labels {
		if l.Event == "" {
			return nil, fmt.Errorf("eval: cluster labels: %s has no event", name)
		}
	}
	return labels, nil
}

// Cluster runs the clustering benchmark in dir.
func Cluster(ctx context.Context, dir string, opts ClusterOptions) (ClusterReport, error) {
	rep := ClusterReport{Dir: dir}
	labels, err := LoadClusterLabels(dir)
	if err != nil {
		return rep, err
	}
	names := slices.Sorted(func(yield func(string) bool) {
		for k := range labels {
			if !yield(k) {
				return
			}
		}
	})
	paths := make([]string, 0, len(names))
	byPath := map[string]string{}
	for _, name := range names {
		p := filepath.Join(dir, "docs", name)
		if _, err := os.Stat(p); err != nil {
			p = filepath.Join(dir, name)
		}
		paths = append(paths, p)
		byPath[p] = name
	}

	b, err := pipeline.NewBriefer()
	if err != nil {
		return rep, err
	}
	if opts.Concurrency > 0 {
		b = b.WithConcurrency(opts.Concurrency)
	}
	start := time.Now()
	docs, errs := ingest.Read(ctx, paths, ingest.Options{Concurrency: opts.Concurrency})
	arts, perrs := pipeline.PrepareAll(ctx, docs, pipeline.Options{Concurrency: opts.Concurrency})
	for _, e := range append(errs, perrs...) {
		rep.Skipped = append(rep.Skipped, e.Error())
	}
	if len(arts) == 0 {
		return rep, fmt.Errorf("eval: cluster: no labelled article of %s could be read", dir)
	}
	as, err := b.Annotate(ctx, arts)
	if err != nil {
		return rep, err
	}
	rep.Annotate = time.Since(start)
	cdocs := make([]*cluster.Doc, len(as))
	for i, a := range as {
		cdocs[i] = cluster.NewDoc(a)
	}
	g := cluster.GroupAll(cdocs, opts.Cluster)
	rep.Elapsed = time.Since(start)
	rep.Cluster = rep.Elapsed - rep.Annotate

	pred := make([]string, len(arts))
	event := make([]string, len(arts))
	topic := make([]string, len(arts))
	events, topics := map[string]bool{}, map[string]bool{}
	for i, a := range arts {
		l := labels[byPath[a.Input]]
		pred[i] = g.Assignments[i].Story
		event[i], topic[i] = l.Event, l.Topic
		events[l.Event], topics[l.Topic] = true, true
		if g.Assignments[i].Why.DuplicateOf != "" {
			rep.Duplicates++
		}
	}
	rep.Articles = len(arts)
	rep.Events, rep.Topics = len(events), len(topics)
	rep.Clusters = len(g.Stories)
	for _, s := range g.Stories {
		if len(s.Members) == 1 {
			rep.Singletons++
		}
	}
	rep.Event = ScoreBCubed(pred, event)
	rep.Topic = ScoreBCubed(pred, topic)
	return rep, nil
}

// WriteClusterReport prints a report for people.
func WriteClusterReport(w io.Writer, rep ClusterReport) error {
	_, err := fmt.Fprintf(w, `story clustering on %s
  articles     %d (%d gold events, %d gold topics)
  clusters     %d found (%d of one article); %d near-duplicates marked
  event level  B³ precision %.3f  recall %.3f  F1 %.3f
  topic level  B³ precision %.3f  recall %.3f  F1 %.3f
  time         %s (read, clean, annotate %s; cluster %s)
`, rep.Dir, rep.Articles, rep.Events, rep.Topics, rep.Clusters, rep.Singletons, rep.Duplicates,
		rep.Event.Precision, rep.Event.Recall, rep.Event.F1,
		rep.Topic.Precision, rep.Topic.Recall, rep.Topic.F1,
		rep.Elapsed.Round(time.Millisecond), rep.Annotate.Round(time.Millisecond), rep.Cluster.Round(time.Millisecond))
	if err != nil {
		return err
	}
	for _, s := range rep.Skipped {
		if _, err := fmt.Fprintf(w, "  skipped      %s\n", s); err != nil {
			return err
		}
	}
	return nil
}
