package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// Whole-process benchmarks: the built binary, started afresh for every
// operation, as a user runs it — start-up (package initialisation, loading
// the models) included, which in-process benchmarks hide. A hello-world Go
// binary built the same way is the yardstick: BenchmarkProcess reports
// each command's median time ("ms/run") and that as a multiple of
// hello-world's median in the same rounds ("x-hello").
//
//	go test ./cmd/triangulate -run XXX -bench Process -benchtime 20x

func buildBinaries(b *testing.B) (tri, hello string) {
	b.Helper()
	dir := b.TempDir()
	tri = filepath.Join(dir, "triangulate")
	if out, err := exec.Command("go", "build", "-o", tri, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	src := filepath.Join(dir, "hello")
	if err := os.MkdirAll(src, 0o755); err != nil {
		b.Fatal(err)
	}
	files := map[string]string{
		"go.mod":  "module hello\n\ngo 1.26\n",
		"main.go": "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	hello = filepath.Join(dir, "hello-bin")
	cmd := exec.Command("go", "build", "-o", hello, ".")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build hello: %v\n%s", err, out)
	}
	return tri, hello
}

// runTimed runs a command n times and returns the median wall time: the
// machine's neighbours make some runs slow, and the median is what a user
// sees most of the time.
func runTimed(b *testing.B, n int, name string, args ...string) time.Duration {
	b.Helper()
	times := make([]time.Duration, 0, n)
	for range n {
		cmd := exec.Command(name, args...)
		start := time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	return times[len(times)/2]
}

func BenchmarkProcess(b *testing.B) {
	tri, hello := buildBinaries(b)
	example, err := filepath.Glob("../../examples/niger-2024/*.txt")
	if err != nil || len(example) == 0 {
		b.Fatalf("the bundled example is missing: %v", err)
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"help", []string{"--help"}},
		{"extract-text", []string{"extract", example[0]}},
		{"brief-example", append([]string{"brief"}, example...)},
	} {
		b.Run(c.name, func(b *testing.B) {
			// Each round runs hello-world and the command in turn, so that
			// both see the same load; ns/op is the pair's time.
			var ts, hs []time.Duration
			for b.Loop() {
				hs = append(hs, runTimed(b, 1, hello))
				ts = append(ts, runTimed(b, 1, tri, c.args...))
			}
			slices.Sort(ts)
			slices.Sort(hs)
			med, helloMed := ts[len(ts)/2], hs[len(hs)/2]
			b.ReportMetric(float64(med.Microseconds())/1000, "ms/run")
			b.ReportMetric(float64(med)/float64(helloMed), "x-hello")
		})
	}
}
