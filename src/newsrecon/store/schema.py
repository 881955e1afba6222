"""The SQLite schema as an ordered list of migrations, each recorded in the database once applied.

Never edit a migration that has shipped: append a new one. Tables are plain and keyed so that
`datasette FILE.db` browses them with working links between documents and their parts.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "0001_documents",
        """
        CREATE TABLE documents (
            sha256      TEXT NOT NULL PRIMARY KEY,        -- of the text as read: the same text is stored once
            id          TEXT NOT NULL,             -- the file's stem or the record's id
            source      TEXT NOT NULL,             -- where it was first read from
            encoding    TEXT NOT NULL,
            text        TEXT NOT NULL,             -- the original text; every offset points into it
            body        TEXT NOT NULL,             -- the cleaned article text
            title       TEXT,
            byline      TEXT,
            published   TEXT,
            outlet      TEXT,
            dateline    TEXT,
            wire        TEXT,
            confidence  REAL NOT NULL,
            added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
        );
        CREATE INDEX documents_id ON documents(id);
        CREATE TABLE paragraphs (
            doc    TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            n      INTEGER NOT NULL,
            start  INTEGER NOT NULL,
            "end"  INTEGER NOT NULL,
            PRIMARY KEY (doc, n)
        );
        CREATE TABLE removed (
            doc     TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            n       INTEGER NOT NULL,
            start   INTEGER NOT NULL,
            "end"   INTEGER NOT NULL,
            reason  TEXT NOT NULL,
            text    TEXT NOT NULL,
            PRIMARY KEY (doc, n)
        );
        CREATE TABLE meta_fields (
            doc    TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            field  TEXT NOT NULL,
            value  TEXT NOT NULL,
            start  INTEGER,
            "end"  INTEGER,
            PRIMARY KEY (doc, field)
        );
        CREATE TABLE runs (
            id           INTEGER PRIMARY KEY,
            started_at   TEXT NOT NULL,
            finished_at  TEXT,
            inputs       TEXT NOT NULL,          -- JSON list of the paths given
            documents    INTEGER NOT NULL DEFAULT 0,
            added        INTEGER NOT NULL DEFAULT 0,
            problems     INTEGER NOT NULL DEFAULT 0,
            version      TEXT NOT NULL
        );
        CREATE TABLE run_documents (
            run  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            doc  TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            PRIMARY KEY (run, doc)
        );
        CREATE TABLE problems (
            run     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            source  TEXT NOT NULL,
            code    TEXT NOT NULL,
            reason  TEXT NOT NULL
        );
        """,
    ),
    (
        "0002_claims",
        """
        CREATE TABLE claims (
            doc             TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            id              TEXT NOT NULL,          -- claim id within the result ("doc#c3")
            start           INTEGER NOT NULL,       -- the quantity in the document's original text
            "end"           INTEGER NOT NULL,
            line            INTEGER NOT NULL,
            surface         TEXT NOT NULL,
            sentence        TEXT NOT NULL,
            low             REAL,
            high            REAL,
            approximate     INTEGER NOT NULL,
            hedge           TEXT,
            unit            TEXT,
            counted         TEXT,
            category        TEXT NOT NULL,
            kind            TEXT NOT NULL,
            vague           INTEGER NOT NULL,
            source          TEXT,
            source_surface  TEXT,
            source_start    INTEGER,
            source_end      INTEGER,
            via             TEXT NOT NULL,          -- JSON list, most recent first
            basis           TEXT NOT NULL,
            measure         TEXT,
            PRIMARY KEY (doc, id)
        );
        CREATE INDEX claims_source ON claims(source);
        CREATE INDEX claims_category ON claims(category);
        """,
    ),
    (
        "0003_story",
        """
        ALTER TABLE documents ADD COLUMN published_inferred TEXT;
        ALTER TABLE documents ADD COLUMN published_inferred_basis TEXT;
        CREATE TABLE citations (
            doc      TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            source   TEXT NOT NULL,
            surface  TEXT NOT NULL,
            start    INTEGER NOT NULL,
            "end"    INTEGER NOT NULL,
            basis    TEXT NOT NULL
        );
        CREATE INDEX citations_source ON citations(source);
        CREATE TABLE stories (
            run       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            id        TEXT NOT NULL,
            date      TEXT,
            docs      TEXT NOT NULL,               -- JSON list of document ids
            duplicates TEXT NOT NULL,              -- JSON list of lists
            PRIMARY KEY (run, id)
        );
        CREATE TABLE measures (
            run                  INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            story                TEXT NOT NULL,
            id                   TEXT NOT NULL,
            label                TEXT NOT NULL,
            status               TEXT NOT NULL,
            why                  TEXT,
            independent_sources  INTEGER NOT NULL,
            sources              TEXT NOT NULL,    -- JSON list
            claims               TEXT NOT NULL,    -- JSON list of claim ids
            category             TEXT NOT NULL,
            unit                 TEXT,
            PRIMARY KEY (run, story, id)
        );
        CREATE TABLE events (
            run     INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            story   TEXT NOT NULL,
            id      TEXT NOT NULL,
            date    TEXT NOT NULL,
            text    TEXT NOT NULL,
            docs    TEXT NOT NULL,                 -- JSON list
            basis   TEXT NOT NULL,
            notes   TEXT NOT NULL,                 -- JSON list
            PRIMARY KEY (run, story, id)
        );
        """,
    ),
    (
        "0004_records",
        """
        CREATE TABLE records (
            sha256   TEXT NOT NULL PRIMARY KEY REFERENCES documents(sha256) ON DELETE CASCADE,
            version  TEXT NOT NULL,                -- the code that made it (release+digest); other code redoes it
            record   TEXT NOT NULL                 -- the per-document stages' output as JSON (newsrecon.records)
        );
        CREATE TABLE story_members (
            sha256   TEXT NOT NULL PRIMARY KEY REFERENCES documents(sha256) ON DELETE CASCADE,
            story    TEXT NOT NULL,                -- the story the latest run filed it in
            run      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE
        );
        CREATE INDEX story_members_story ON story_members(story);
        """,
    ),
    (
        "0005_story_index",
        """
        CREATE TABLE story_index (
            id       INTEGER PRIMARY KEY CHECK (id = 1),  -- one index: the latest corpus run's
            version  TEXT NOT NULL,                -- clustering code that made it; other code rebuilds it
            run      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            data     BLOB NOT NULL                 -- zlib-compressed JSON (StoryIndex.snapshot)
        );
        """,
    ),
    (
        "0006_referents",
        """
        ALTER TABLE claims ADD COLUMN referent_thing TEXT;      -- what the figure measures (claims.referent)
        ALTER TABLE claims ADD COLUMN referent_predicate TEXT;
        ALTER TABLE claims ADD COLUMN referent_holder TEXT;
        ALTER TABLE claims ADD COLUMN referent_scope TEXT;
        ALTER TABLE claims ADD COLUMN referent_time TEXT;
        ALTER TABLE claims ADD COLUMN referent_unit TEXT;
        ALTER TABLE claims ADD COLUMN referent_side TEXT;
        ALTER TABLE claims ADD COLUMN referent_start INTEGER;
        ALTER TABLE claims ADD COLUMN referent_end INTEGER;
        ALTER TABLE measures ADD COLUMN confidence REAL;
        ALTER TABLE measures ADD COLUMN sequence TEXT;          -- JSON [[date, claim id], ...] when changing
        """,
    ),
    (
        "0007_web",
        """
        ALTER TABLE runs ADD COLUMN corpus INTEGER;   -- 1 a --corpus run, 0 not; NULL for runs stored before
        -- The stories the web app lists: a corpus story once (its latest run's version), a story of
        -- a run without --corpus under that run. Written with the stories (and backfilled, see
        -- writer.BACKFILLS), so that listing 100,000 articles' stories reads one index.
        CREATE TABLE story_summaries (
            run        INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            id         TEXT NOT NULL,
            corpus     INTEGER NOT NULL,           -- 1: shown at /story/corpus/ID whatever run it is from
            sort_date  TEXT NOT NULL,              -- the story's date, or '' when none is stated
            first_date TEXT,
            title      TEXT NOT NULL,
            articles   INTEGER NOT NULL,
            outlets    INTEGER NOT NULL,
            measures   INTEGER NOT NULL,
            conflicts  INTEGER NOT NULL,
            changing   INTEGER NOT NULL,
            PRIMARY KEY (run, id)
        );
        CREATE UNIQUE INDEX story_summaries_corpus ON story_summaries(id) WHERE corpus = 1;
        CREATE INDEX story_summaries_newest ON story_summaries(sort_date, run, id);
        CREATE TABLE story_outlets (
            run        INTEGER NOT NULL,
            id         TEXT NOT NULL,
            outlet     TEXT NOT NULL,
            sort_date  TEXT NOT NULL,
            PRIMARY KEY (run, id, outlet),
            FOREIGN KEY (run, id) REFERENCES story_summaries(run, id) ON DELETE CASCADE
        );
        CREATE INDEX story_outlets_outlet ON story_outlets(outlet, sort_date, run, id);
        CREATE TABLE story_articles (
            run      INTEGER NOT NULL,
            story    TEXT NOT NULL,
            sha256   TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            n        INTEGER NOT NULL,             -- the document's place in the story's list
            PRIMARY KEY (run, story, sha256)
        );
        CREATE INDEX story_articles_sha256 ON story_articles(sha256);
        -- Full-text search over articles, claims and source names: FTS5 tables over the stored
        -- rows (external content, so no text is stored twice), kept in step by triggers.
        CREATE VIRTUAL TABLE search_articles USING fts5(
            title, byline, outlet, body, content='documents', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER documents_search_insert AFTER INSERT ON documents BEGIN
            INSERT INTO search_articles (rowid, title, byline, outlet, body)
            VALUES (new.rowid, new.title, new.byline, new.outlet, new.body);
        END;
        CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
            INSERT INTO search_articles (search_articles, rowid, title, byline, outlet, body)
            VALUES ('delete', old.rowid, old.title, old.byline, old.outlet, old.body);
        END;
        CREATE TRIGGER documents_search_update AFTER UPDATE OF title, byline, outlet, body ON documents BEGIN
            INSERT INTO search_articles (search_articles, rowid, title, byline, outlet, body)
            VALUES ('delete', old.rowid, old.title, old.byline, old.outlet, old.body);
            INSERT INTO search_articles (rowid, title, byline, outlet, body)
            VALUES (new.rowid, new.title, new.byline, new.outlet, new.body);
        END;
        INSERT INTO search_articles (search_articles) VALUES ('rebuild');
        CREATE VIRTUAL TABLE search_claims USING fts5(
            sentence, surface, source, referent_thing, content='claims', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
            INSERT INTO search_claims (rowid, sentence, surface, source, referent_thing)
            VALUES (new.rowid, new.sentence, new.surface, new.source, new.referent_thing);
        END;
        CREATE TRIGGER claims_search_delete AFTER DELETE ON claims BEGIN
            INSERT INTO search_claims (search_claims, rowid, sentence, surface, source, referent_thing)
            VALUES ('delete', old.rowid, old.sentence, old.surface, old.source, old.referent_thing);
        END;
        INSERT INTO search_claims (search_claims) VALUES ('rebuild');
        CREATE TABLE source_names (name TEXT NOT NULL PRIMARY KEY);   -- every source a claim or citation names
        CREATE VIRTUAL TABLE search_sources USING fts5(
            name, content='source_names', tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER source_names_search_insert AFTER INSERT ON source_names BEGIN
            INSERT INTO search_sources (rowid, name) VALUES (new.rowid, new.name);
        END;
        CREATE TRIGGER claims_source_name AFTER INSERT ON claims WHEN new.source IS NOT NULL BEGIN
            INSERT OR IGNORE INTO source_names (name) VALUES (new.source);
        END;
        CREATE TRIGGER citations_source_name AFTER INSERT ON citations BEGIN
            INSERT OR IGNORE INTO source_names (name) VALUES (new.source);
        END;
        INSERT OR IGNORE INTO source_names (name)
            SELECT source FROM claims WHERE source IS NOT NULL UNION SELECT source FROM citations;
        """,
    ),
    (
        "0008_related_stories",
        """
        ALTER TABLE stories ADD COLUMN related TEXT;   -- JSON list of story ids (align.related); NULL before
        """,
    ),
)
