/* schema.c: the numbered migrations. Migration N brings user_version from
 * N-1 to N; they only ever append. */
#include <stddef.h>
#include "schema.h"

static const char migration_1[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	/* coders, communities and the two registers share one shape */
	"CREATE TABLE coder(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,"
	" name TEXT, kind TEXT, reified INTEGER, uuid TEXT NOT NULL);\n"
	"CREATE TABLE community(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,"
	" name TEXT, kind TEXT, reified INTEGER, uuid TEXT NOT NULL);\n"
	"CREATE TABLE repertoire(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,"
	" name TEXT, kind TEXT, reified INTEGER, uuid TEXT NOT NULL);\n"
	"CREATE TABLE accountability(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,"
	" name TEXT, kind TEXT, reified INTEGER, uuid TEXT NOT NULL);\n"
	"CREATE TABLE participant(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,"
	" pseudonym TEXT NOT NULL, role TEXT, uuid TEXT NOT NULL);\n"
	"CREATE TABLE participant_attr(participant_id INTEGER NOT NULL"
	" REFERENCES participant(id) ON DELETE CASCADE, ord INTEGER NOT NULL,"
	" key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY(participant_id, key))"
	" WITHOUT ROWID;\n"
	"CREATE TABLE participant_alias(participant_id INTEGER NOT NULL"
	" REFERENCES participant(id) ON DELETE CASCADE, ord INTEGER NOT NULL,"
	" alias TEXT NOT NULL, PRIMARY KEY(participant_id, alias)) WITHOUT ROWID;\n"
	"CREATE TABLE vignette(id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE,"
	" title TEXT NOT NULL, date TEXT NOT NULL,"
	" community_id INTEGER REFERENCES community(id),"
	" observer_id INTEGER REFERENCES coder(id),"
	" text TEXT NOT NULL, length INTEGER NOT NULL, uuid TEXT NOT NULL,"
	" created TEXT NOT NULL, updated TEXT NOT NULL);\n"
	"CREATE INDEX vignette_by_date ON vignette(date, id);\n"
	"CREATE INDEX vignette_by_community ON vignette(community_id);\n"
	"CREATE TABLE vignette_participant(vignette_id INTEGER NOT NULL"
	" REFERENCES vignette(id) ON DELETE CASCADE, participant_id INTEGER NOT NULL"
	" REFERENCES participant(id), ord INTEGER NOT NULL,"
	" PRIMARY KEY(vignette_id, participant_id)) WITHOUT ROWID;\n"
	"CREATE INDEX vignette_participant_by_participant"
	" ON vignette_participant(participant_id);\n"
	"CREATE TABLE code(id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES code(id),"
	" dimension INTEGER NOT NULL CHECK(dimension BETWEEN 1 AND 3),"
	" name TEXT NOT NULL CHECK(name <> ''), description TEXT, color TEXT,"
	" uuid TEXT NOT NULL, ord INTEGER NOT NULL);\n"
	"CREATE UNIQUE INDEX code_sibling_name ON code(coalesce(parent_id, 0), name);\n"
	"CREATE TABLE coding(id INTEGER PRIMARY KEY,"
	" vignette_id INTEGER NOT NULL REFERENCES vignette(id) ON DELETE CASCADE,"
	" code_id INTEGER NOT NULL REFERENCES code(id),"
	" coder_id INTEGER NOT NULL REFERENCES coder(id),"
	" start INTEGER, end INTEGER,"
	" mode TEXT CHECK(mode IN ('participation', 'reification')),"
	" memo TEXT,"
	" repertoire_id INTEGER REFERENCES repertoire(id),"
	" interpretation TEXT,"
	" accountability_id INTEGER REFERENCES accountability(id),"
	" stance TEXT CHECK(stance IN ('upheld', 'breached', 'negotiated', 'contested')),"
	" needs_review INTEGER NOT NULL DEFAULT 0,"
	" uuid TEXT NOT NULL, created TEXT NOT NULL, updated TEXT NOT NULL,"
	" CHECK((start IS NULL AND end IS NULL) OR (start >= 0 AND end > start)),"
	" CHECK(stance IS NULL OR accountability_id IS NOT NULL),"
	" CHECK(interpretation IS NULL OR repertoire_id IS NOT NULL));\n"
	"CREATE INDEX coding_by_vignette ON coding(vignette_id, start, id);\n"
	"CREATE INDEX coding_by_code ON coding(code_id);\n"
	"CREATE INDEX coding_by_coder ON coding(coder_id);\n"
	"CREATE INDEX coding_by_repertoire ON coding(repertoire_id)"
	" WHERE repertoire_id IS NOT NULL;\n"
	"CREATE INDEX coding_by_accountability ON coding(accountability_id)"
	" WHERE accountability_id IS NOT NULL;\n"
	"CREATE TABLE coding_participant(coding_id INTEGER NOT NULL"
	" REFERENCES coding(id) ON DELETE CASCADE, participant_id INTEGER NOT NULL"
	" REFERENCES participant(id), ord INTEGER NOT NULL,"
	" PRIMARY KEY(coding_id, participant_id)) WITHOUT ROWID;\n"
	"CREATE INDEX coding_participant_by_participant"
	" ON coding_participant(participant_id);\n"
	"CREATE TABLE coding_held_by(coding_id INTEGER NOT NULL"
	" REFERENCES coding(id) ON DELETE CASCADE, participant_id INTEGER NOT NULL"
	" REFERENCES participant(id), ord INTEGER NOT NULL,"
	" PRIMARY KEY(coding_id, participant_id)) WITHOUT ROWID;\n"
	"CREATE INDEX coding_held_by_participant ON coding_held_by(participant_id);\n"
	/* target: 0 project, 1 vignette, 2 code, 3 participant (memo.h) */
	"CREATE TABLE memo(id INTEGER PRIMARY KEY,"
	" target INTEGER NOT NULL CHECK(target BETWEEN 0 AND 3),"
	" target_id INTEGER NOT NULL, coder_id INTEGER REFERENCES coder(id),"
	" text TEXT NOT NULL, uuid TEXT NOT NULL, created TEXT NOT NULL,"
	" updated TEXT NOT NULL);\n"
	"CREATE INDEX memo_by_target ON memo(target, target_id, id);\n"
	"CREATE TRIGGER vignette_memo_cleanup AFTER DELETE ON vignette BEGIN"
	" DELETE FROM memo WHERE target = 1 AND target_id = old.id; END;\n"
	"CREATE TRIGGER code_memo_cleanup AFTER DELETE ON code BEGIN"
	" DELETE FROM memo WHERE target = 2 AND target_id = old.id; END;\n"
	"CREATE TRIGGER participant_memo_cleanup AFTER DELETE ON participant BEGIN"
	" DELETE FROM memo WHERE target = 3 AND target_id = old.id; END;\n"
	/* full-text search over vignettes and memos (external content) */
	"CREATE VIRTUAL TABLE vignette_fts USING fts5(title, text,"
	" content='vignette', content_rowid='id');\n"
	"CREATE TRIGGER vignette_fts_ai AFTER INSERT ON vignette BEGIN"
	" INSERT INTO vignette_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
	" END;\n"
	"CREATE TRIGGER vignette_fts_ad AFTER DELETE ON vignette BEGIN"
	" INSERT INTO vignette_fts(vignette_fts, rowid, title, text)"
	" VALUES ('delete', old.id, old.title, old.text); END;\n"
	"CREATE TRIGGER vignette_fts_au AFTER UPDATE OF title, text ON vignette BEGIN"
	" INSERT INTO vignette_fts(vignette_fts, rowid, title, text)"
	" VALUES ('delete', old.id, old.title, old.text);"
	" INSERT INTO vignette_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"
	" END;\n"
	"CREATE VIRTUAL TABLE memo_fts USING fts5(text, content='memo', content_rowid='id');\n"
	"CREATE TRIGGER memo_fts_ai AFTER INSERT ON memo BEGIN"
	" INSERT INTO memo_fts(rowid, text) VALUES (new.id, new.text); END;\n"
	"CREATE TRIGGER memo_fts_ad AFTER DELETE ON memo BEGIN"
	" INSERT INTO memo_fts(memo_fts, rowid, text) VALUES ('delete', old.id, old.text);"
	" END;\n"
	"CREATE TRIGGER memo_fts_au AFTER UPDATE OF text ON memo BEGIN"
	" INSERT INTO memo_fts(memo_fts, rowid, text) VALUES ('delete', old.id, old.text);"
	" INSERT INTO memo_fts(rowid, text) VALUES (new.id, new.text); END;\n";

/* participant_alias again, its primary key columns first: the sqlite3
 * 3.40.1 of Debian 12 reports "NULL value in participant_alias.ord" from
 * PRAGMA integrity_check for every row of the old shape (a WITHOUT ROWID
 * table whose NOT NULL column sits between its key columns), so anyone
 * checking a healthy file with the system sqlite3 was told it is corrupt. */
static const char migration_2[] =
	"CREATE TABLE participant_alias_v2(participant_id INTEGER NOT NULL"
	" REFERENCES participant(id) ON DELETE CASCADE, alias TEXT NOT NULL,"
	" ord INTEGER NOT NULL, PRIMARY KEY(participant_id, alias)) WITHOUT ROWID;\n"
	"INSERT INTO participant_alias_v2(participant_id, alias, ord)"
	" SELECT participant_id, alias, ord FROM participant_alias;\n"
	"DROP TABLE participant_alias;\n"
	"ALTER TABLE participant_alias_v2 RENAME TO participant_alias;\n";

/* The summaries' coding scan (src/core/summary.c load_codings) answered
 * from an index holding only the columns it reads, rather than from the
 * table rows with their memos, uuids and times: about half the pages. */
static const char migration_3[] =
	"CREATE INDEX coding_summary_scan ON coding(id, vignette_id, code_id, coder_id,"
	" repertoire_id, accountability_id, stance, interpretation);\n";

const char *const schema_migrations[] = {
	NULL,          /* version 0: empty file */
	migration_1,
	migration_2,
	migration_3,
};

const int schema_version_count = (int)(sizeof(schema_migrations) / sizeof(schema_migrations[0])) - 1;

const char *const *schema_active = schema_migrations;
int schema_active_count = (int)(sizeof(schema_migrations) / sizeof(schema_migrations[0])) - 1;
