//go:build !race

package app

// raceDetector is true in a test binary built with -race.
const raceDetector = false
