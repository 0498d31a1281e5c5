package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/triangulate/triangulate/internal/dossier"
	"github.com/triangulate/triangulate/internal/news"
	"github.com/triangulate/triangulate/internal/render"
	"github.com/triangulate/triangulate/internal/store"
)

// changesBody is the data of the page of what a story's dossier gained
// between an earlier version and the current one.
type changesBody struct {
	Record   store.StoryRecord
	Path     string // the story page
	Since    int    // the earlier version
	Current  int
	Versions []versionLink // every earlier version, newest first
	Changes  dossier.Changes
	Labels   map[string]string // source id → outlet, for the new facts' citations
}

// versionLink is an earlier version to compare with.
type versionLink struct {
	Version int
	Built   string
	Path    string
	Current bool // the one compared now
}

// changesPath is the address of the changes of story id since version.
func changesPath(id string, since int) string {
	return storyPath(id) + "/changes?since=" + strconv.Itoa(since)
}

// changes serves GET /stories/{id}/changes?since=N: what the current
// dossier has that version N had not — new sources, new facts, facts whose
// status moved, new conflicts. Without since, the previous version.
func (h *handler) changes(w http.ResponseWriter, r *http.Request) {
	rec, ok := h.lookupStory(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	versions, err := h.opts.Store.DossierVersions(r.Context(), rec.ID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if len(versions) < 2 {
		h.errorPage(w, r, http.StatusNotFound, "This story's dossier has one version: nothing changed yet.")
		return
	}
	cur := versions[0]
	since := cur.Version - 1
	if s := r.URL.Query().Get("since"); s != "" {
		if since, err = strconv.Atoi(s); err != nil || since < 1 || since >= cur.Version {
			h.errorPage(w, r, http.StatusNotFound, "There is no such earlier version of this dossier.")
			return
		}
	}
	body := changesBody{Record: rec, Path: storyPath(rec.ID), Since: since, Current: cur.Version}
	var then store.DossierRecord
	for _, v := range versions[1:] {
		body.Versions = append(body.Versions, versionLink{Version: v.Version, Built: formatTime(v.CreatedAt), Path: changesPath(rec.ID, v.Version), Current: v.Version == since})
		if v.Version == since {
			then = v
		}
	}
	if then.Version == 0 {
		h.errorPage(w, r, http.StatusNotFound, "There is no such earlier version of this dossier.")
		return
	}
	before, err := h.dossierAt(r, rec.ID, then)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	now, err := h.dossierAt(r, rec.ID, cur)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	body.Changes = dossier.Diff(before, now)
	body.Labels = render.SourceLabels(now.Sources)
	title := "What changed in “" + titleOr(rec.Title) + "”"
	h.render(w, r, http.StatusOK, "changes", page{Title: title, Nav: "stories", Body: body})
}

// dossierAt reads the version v of a story's dossier (DossierVersions
// lists versions without their text).
func (h *handler) dossierAt(r *http.Request, id string, v store.DossierRecord) (*news.Dossier, error) {
	dr, err := h.opts.Store.GetDossierAsOf(r.Context(), id, v.CreatedAt)
	if err != nil {
		return nil, err
	}
	if dr.Version != v.Version {
		return nil, errors.New("web: the store gave version " + strconv.Itoa(dr.Version) + " for version " + strconv.Itoa(v.Version))
	}
	return dr.Dossier()
}
