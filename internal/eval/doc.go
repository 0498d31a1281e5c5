// Package eval holds the quality harnesses that score triangulate's stages
// on public data kept beside the repository (../shared/data): article
// extraction on the article-extraction benchmark, story clustering on
// ECB+. They are run by `triangulate eval ...`, not by go test, and report
// the published metrics of each benchmark, computed by code of this
// package that its own tests check on small hand-made cases.
package eval
