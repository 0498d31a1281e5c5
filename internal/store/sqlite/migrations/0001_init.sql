-- The first schema. Times are INTEGER Unix microseconds (UTC), NULL when
-- unset; JSON is TEXT written by encoding/json.

CREATE TABLE feeds (
	id            INTEGER PRIMARY KEY,
	url           TEXT    NOT NULL UNIQUE,
	title         TEXT    NOT NULL DEFAULT '',
	etag          TEXT    NOT NULL DEFAULT '',
	last_modified TEXT    NOT NULL DEFAULT '',
	last_fetched  INTEGER,
	next_fetch    INTEGER NOT NULL,
	error_count   INTEGER NOT NULL DEFAULT 0,
	last_error    TEXT    NOT NULL DEFAULT '',
	created_at    INTEGER NOT NULL
);
CREATE INDEX feeds_next_fetch ON feeds (next_fetch);

-- n is an explicit rowid so that the FTS index, keyed by rowid, survives
-- VACUUM; stories are known to everything else by id.
CREATE TABLE stories (
	n                INTEGER PRIMARY KEY,
	id               TEXT    NOT NULL UNIQUE,
	title            TEXT    NOT NULL DEFAULT '',
	first_published  INTEGER,
	last_published   INTEGER,
	article_count    INTEGER NOT NULL DEFAULT 0,
	source_count     INTEGER NOT NULL DEFAULT 0,
	created_at       INTEGER NOT NULL,
	updated_at       INTEGER NOT NULL,
	merged_into      TEXT REFERENCES stories (id),
	revision         INTEGER NOT NULL DEFAULT 0,
	dossier_revision INTEGER NOT NULL DEFAULT 0,
	dossier_version  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stories_by_updated  ON stories (updated_at DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX stories_by_articles ON stories (article_count DESC, updated_at DESC, id DESC) WHERE merged_into IS NULL;
CREATE INDEX stories_merged_into ON stories (merged_into) WHERE merged_into IS NOT NULL;

CREATE TABLE story_merges (
	from_id   TEXT    PRIMARY KEY REFERENCES stories (id),
	into_id   TEXT    NOT NULL REFERENCES stories (id),
	merged_at INTEGER NOT NULL
);

CREATE TABLE articles (
	id          INTEGER PRIMARY KEY,
	hash        TEXT    NOT NULL UNIQUE,
	input       TEXT    NOT NULL,
	url         TEXT    NOT NULL DEFAULT '',
	document    TEXT    NOT NULL,            -- news.Document
	article     TEXT,                        -- news.Article, once cleaned
	annotations BLOB,                        -- the caller's JSON
	title       TEXT    NOT NULL DEFAULT '', -- from article, for search and lists
	outlet      TEXT    NOT NULL DEFAULT '', -- from article, for source counts
	published   INTEGER,                     -- from article
	feed_id     INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
	story_id    TEXT    REFERENCES stories (id),
	status      TEXT    NOT NULL CHECK (status IN ('queued', 'processing', 'done', 'failed')),
	error       TEXT    NOT NULL DEFAULT '',
	attempts    INTEGER NOT NULL DEFAULT 0,
	owner       TEXT,
	lease_until INTEGER,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
);
CREATE INDEX articles_queued     ON articles (id) WHERE status = 'queued';
CREATE INDEX articles_leased     ON articles (lease_until) WHERE status = 'processing';
CREATE INDEX articles_owner      ON articles (owner) WHERE status = 'processing';
CREATE INDEX articles_status     ON articles (status, id);
CREATE INDEX articles_story      ON articles (story_id) WHERE story_id IS NOT NULL;
CREATE INDEX articles_feed       ON articles (feed_id) WHERE feed_id IS NOT NULL;

CREATE TABLE dossiers (
	story_id   TEXT    NOT NULL REFERENCES stories (id),
	version    INTEGER NOT NULL,
	revision   INTEGER NOT NULL,
	created_at INTEGER NOT NULL,
	body       BLOB    NOT NULL,
	PRIMARY KEY (story_id, version)
);
CREATE INDEX dossiers_by_time ON dossiers (story_id, created_at);

CREATE TABLE state (
	key        TEXT    PRIMARY KEY,
	value      BLOB    NOT NULL,
	updated_at INTEGER NOT NULL
);

-- Full-text search. Contentless tables (the text lives in articles and
-- stories) with contentless_delete so that rows can be replaced; kept in
-- sync by the triggers below, so no caller can forget. Porter stemming over
-- unicode61 without diacritics: "trainers" finds "trainer", "Tiani" finds
-- "Tianí". The article text is read from the Text field of the stored
-- news.Article JSON; the conformance suite's body-word search catches a
-- renamed field.
CREATE VIRTUAL TABLE article_fts USING fts5 (
	title, body,
	content = '', contentless_delete = 1,
	tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE story_fts USING fts5 (
	title,
	content = '', contentless_delete = 1,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles WHEN new.article IS NOT NULL BEGIN
	INSERT INTO article_fts (rowid, title, body) VALUES (new.id, new.title, json_extract(new.article, '$.Text'));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF article, title ON articles BEGIN
	DELETE FROM article_fts WHERE rowid = old.id;
	INSERT INTO article_fts (rowid, title, body)
		SELECT new.id, new.title, json_extract(new.article, '$.Text') WHERE new.article IS NOT NULL;
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	DELETE FROM article_fts WHERE rowid = old.id;
END;

CREATE TRIGGER stories_fts_insert AFTER INSERT ON stories BEGIN
	INSERT INTO story_fts (rowid, title) VALUES (new.n, new.title);
END;
CREATE TRIGGER stories_fts_update AFTER UPDATE OF title ON stories BEGIN
	DELETE FROM story_fts WHERE rowid = old.n;
	INSERT INTO story_fts (rowid, title) VALUES (new.n, new.title);
END;
CREATE TRIGGER stories_fts_delete AFTER DELETE ON stories BEGIN
	DELETE FROM story_fts WHERE rowid = old.n;
END;
