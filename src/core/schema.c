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

/* The audit trail (praxis/audit.h): codebook changes, negotiation
 * decisions and text edits, each with its time, coder and description. */
static const char migration_3[] =
	"CREATE TABLE audit_log(id INTEGER PRIMARY KEY, time TEXT NOT NULL,"
	" coder_id INTEGER REFERENCES coder(id), action TEXT NOT NULL,"
	" description TEXT NOT NULL, uuid TEXT NOT NULL UNIQUE);\n"
	"CREATE INDEX audit_log_by_time ON audit_log(time, id);\n"
	"CREATE INDEX audit_log_by_coder ON audit_log(coder_id);\n";

/* Memos get a title and any number of targets of eight kinds (memo.h): the
 * single target column becomes the memo_target table. A memo whose last
 * target is deleted goes with it. */
#define MEMO_TARGET_CLEANUP(table, kind) \
	"CREATE TRIGGER " table "_memo_cleanup AFTER DELETE ON " table " BEGIN" \
	" DELETE FROM memo WHERE id IN (SELECT memo_id FROM memo_target" \
	" WHERE kind = " kind " AND target_id = old.id) AND NOT EXISTS (SELECT 1" \
	" FROM memo_target t WHERE t.memo_id = memo.id AND NOT (t.kind = " kind \
	" AND t.target_id = old.id));" \
	" DELETE FROM memo_target WHERE kind = " kind " AND target_id = old.id; END;\n"

static const char migration_4[] =
	"CREATE TABLE memo_new(id INTEGER PRIMARY KEY, coder_id INTEGER REFERENCES coder(id),"
	" title TEXT, text TEXT NOT NULL, uuid TEXT NOT NULL, created TEXT NOT NULL,"
	" updated TEXT NOT NULL);\n"
	"INSERT INTO memo_new(id, coder_id, title, text, uuid, created, updated)"
	" SELECT id, coder_id, NULL, text, uuid, created, updated FROM memo;\n"
	/* kind: 0 project .. 7 accountability (memo.h) */
	/* key columns first: Debian's sqlite3 3.40.1 misreads a WITHOUT ROWID
	 * table with a NOT NULL column between them (see migration_2) */
	"CREATE TABLE memo_target(memo_id INTEGER NOT NULL"
	" REFERENCES memo_new(id) ON DELETE CASCADE,"
	" kind INTEGER NOT NULL CHECK(kind BETWEEN 0 AND 7), target_id INTEGER NOT NULL,"
	" ord INTEGER NOT NULL, PRIMARY KEY(memo_id, kind, target_id)) WITHOUT ROWID;\n"
	"INSERT INTO memo_target(memo_id, ord, kind, target_id)"
	" SELECT id, 0, target, target_id FROM memo;\n"
	"DROP TRIGGER vignette_memo_cleanup;\n"
	"DROP TRIGGER code_memo_cleanup;\n"
	"DROP TRIGGER participant_memo_cleanup;\n"
	"DROP TABLE memo;\n"
	"ALTER TABLE memo_new RENAME TO memo;\n"
	"CREATE INDEX memo_target_by_target ON memo_target(kind, target_id, memo_id);\n"
	"CREATE INDEX memo_by_uuid ON memo(uuid);\n"
	"CREATE TRIGGER memo_fts_ai AFTER INSERT ON memo BEGIN"
	" INSERT INTO memo_fts(rowid, text) VALUES (new.id, new.text); END;\n"
	"CREATE TRIGGER memo_fts_ad AFTER DELETE ON memo BEGIN"
	" INSERT INTO memo_fts(memo_fts, rowid, text) VALUES ('delete', old.id, old.text);"
	" END;\n"
	"CREATE TRIGGER memo_fts_au AFTER UPDATE OF text ON memo BEGIN"
	" INSERT INTO memo_fts(memo_fts, rowid, text) VALUES ('delete', old.id, old.text);"
	" INSERT INTO memo_fts(rowid, text) VALUES (new.id, new.text); END;\n"
	MEMO_TARGET_CLEANUP("vignette", "1")
	MEMO_TARGET_CLEANUP("code", "2")
	MEMO_TARGET_CLEANUP("participant", "3")
	MEMO_TARGET_CLEANUP("community", "4")
	MEMO_TARGET_CLEANUP("coding", "5")
	MEMO_TARGET_CLEANUP("repertoire", "6")
	MEMO_TARGET_CLEANUP("accountability", "7");

/* Issue 15: a coding's mode is a set (modes: bit 1 participation, bit 2
 * reification; the old mode column keeps a single mode and is NULL for
 * both); an interpretation may carry its speaker, and may read an
 * accountability entry (reading: the interpretation of a coding with an
 * accountability entry and no repertoire entry, which the CHECK on
 * interpretation refuses). Columns are added, never rebuilt, so the
 * coding table keeps its rows and foreign keys as they are. */
static const char migration_5[] =
	"ALTER TABLE coding ADD COLUMN modes INTEGER NOT NULL DEFAULT 0"
	" CHECK(modes BETWEEN 0 AND 3);\n"
	"UPDATE coding SET modes = CASE mode WHEN 'participation' THEN 1"
	" WHEN 'reification' THEN 2 ELSE 0 END WHERE mode IS NOT NULL;\n"
	"ALTER TABLE coding ADD COLUMN speaker_id INTEGER REFERENCES participant(id);\n"
	"ALTER TABLE coding ADD COLUMN reading TEXT;\n";

/* An alias may carry its own pseudonymous form ("Feri" as "Fen"), so a
 * nickname keeps its point in exports; NULL: the participant's pseudonym. */
static const char migration_6[] =
	"ALTER TABLE participant_alias ADD COLUMN alias_as TEXT;\n";

/* The summaries' coding scan (src/core/summary.c load_codings) answered
 * from an index holding only the columns it reads, rather than from the
 * table rows with their memos, uuids and times: about half the pages. */
static const char migration_7[] =
	"CREATE INDEX coding_summary_scan ON coding(id, vignette_id, code_id, coder_id,"
	" repertoire_id, accountability_id, stance, interpretation, reading, modes,"
	" speaker_id, start, end);\n";

/* Issue 15: repertoire and accountability entries are documented: a
 * description and the community the entry belongs to (both optional). */
static const char migration_8[] =
	"ALTER TABLE repertoire ADD COLUMN description TEXT;\n"
	"ALTER TABLE repertoire ADD COLUMN community_id INTEGER REFERENCES community(id);\n"
	"ALTER TABLE accountability ADD COLUMN description TEXT;\n"
	"ALTER TABLE accountability ADD COLUMN community_id INTEGER REFERENCES community(id);\n";

/* An empty span (start = end) is a coding whose text an edit deleted
 * entirely: kept at the place its text was and flagged needs_review
 * (vignette_reanchor_codings), never made new (coding.c check_span). The
 * CHECK on the span allowed only end > start, so the table is rebuilt
 * (SQLite cannot change a CHECK in place) with its columns, indexes,
 * trigger and foreign keys as they were; project.c runs migrations with
 * foreign keys off and checks them before committing, so the rebuild
 * cascades into no coding's participants. */
static const char migration_9[] =
	"CREATE TABLE coding_v9(id INTEGER PRIMARY KEY,"
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
	" modes INTEGER NOT NULL DEFAULT 0 CHECK(modes BETWEEN 0 AND 3),"
	" speaker_id INTEGER REFERENCES participant(id), reading TEXT,"
	" CHECK((start IS NULL AND end IS NULL) OR (start >= 0 AND end >= start)),"
	" CHECK(stance IS NULL OR accountability_id IS NOT NULL),"
	" CHECK(interpretation IS NULL OR repertoire_id IS NOT NULL));\n"
	"INSERT INTO coding_v9(id, vignette_id, code_id, coder_id, start, end, mode, memo,"
	" repertoire_id, interpretation, accountability_id, stance, needs_review, uuid,"
	" created, updated, modes, speaker_id, reading)"
	" SELECT id, vignette_id, code_id, coder_id, start, end, mode, memo,"
	" repertoire_id, interpretation, accountability_id, stance, needs_review, uuid,"
	" created, updated, modes, speaker_id, reading FROM coding;\n"
	"DROP TABLE coding;\n"
	"ALTER TABLE coding_v9 RENAME TO coding;\n"
	"CREATE INDEX coding_by_vignette ON coding(vignette_id, start, id);\n"
	"CREATE INDEX coding_by_code ON coding(code_id);\n"
	"CREATE INDEX coding_by_coder ON coding(coder_id);\n"
	"CREATE INDEX coding_by_repertoire ON coding(repertoire_id)"
	" WHERE repertoire_id IS NOT NULL;\n"
	"CREATE INDEX coding_by_accountability ON coding(accountability_id)"
	" WHERE accountability_id IS NOT NULL;\n"
	"CREATE INDEX coding_summary_scan ON coding(id, vignette_id, code_id, coder_id,"
	" repertoire_id, accountability_id, stance, interpretation, reading, modes,"
	" speaker_id, start, end);\n"
	MEMO_TARGET_CLEANUP("coding", "5");

/* Issue 16: roles change over time. participant.role stays the role from
 * the start; each row here is a later role holding from its day on (the
 * key columns first, see migration_2). */
static const char migration_10[] =
	"CREATE TABLE participant_role(participant_id INTEGER NOT NULL"
	" REFERENCES participant(id) ON DELETE CASCADE, from_date TEXT NOT NULL,"
	" role TEXT NOT NULL CHECK(role <> ''), PRIMARY KEY(participant_id, from_date))"
	" WITHOUT ROWID;\n";

/* Issue 20: conflicts a sync's merge (praxis merge-file) found and that
 * wait for a decision (praxis/sync_conflict.h). They travel in the tree
 * files like codings, so rows name what they are about by uuid and corpus
 * id, never by row id: an import of the merged tree replaces the rows a
 * conflict names without touching the conflict. */
static const char migration_11[] =
	"CREATE TABLE sync_conflict(id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,"
	" kind TEXT NOT NULL CHECK(kind IN ('coding', 'deleted', 'text', 'field')),"
	" vignette TEXT, ours TEXT, theirs TEXT, theirs_text TEXT,"
	" description TEXT NOT NULL, created TEXT NOT NULL);\n";

/* Issue 14: a memo is found by its title as well as its text. memo_fts is
 * rebuilt with both columns, its triggers follow a title edit too, and the
 * index is filled again from memo (an external-content table: 'rebuild'
 * reads every row). Self-contained: it drops whatever memo_fts and
 * triggers exist, so it runs the same after any other migration.
 * Numbered 12: it follows migration 11 (sync_conflict, issue 20). */
static const char migration_12[] =
	"DROP TRIGGER IF EXISTS memo_fts_ai;\n"
	"DROP TRIGGER IF EXISTS memo_fts_ad;\n"
	"DROP TRIGGER IF EXISTS memo_fts_au;\n"
	"DROP TABLE IF EXISTS memo_fts;\n"
	"CREATE VIRTUAL TABLE memo_fts USING fts5(title, text, content='memo',"
	" content_rowid='id');\n"
	"CREATE TRIGGER memo_fts_ai AFTER INSERT ON memo BEGIN"
	" INSERT INTO memo_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;\n"
	"CREATE TRIGGER memo_fts_ad AFTER DELETE ON memo BEGIN"
	" INSERT INTO memo_fts(memo_fts, rowid, title, text)"
	" VALUES ('delete', old.id, old.title, old.text); END;\n"
	"CREATE TRIGGER memo_fts_au AFTER UPDATE OF title, text ON memo BEGIN"
	" INSERT INTO memo_fts(memo_fts, rowid, title, text)"
	" VALUES ('delete', old.id, old.title, old.text);"
	" INSERT INTO memo_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END;\n"
	"INSERT INTO memo_fts(memo_fts) VALUES ('rebuild');\n";

/* Issue 18: moving down the vignette list fetches its next page
 * (src/core/browse.c browse_vignettes) on the key that reaches the
 * window's edge, and a row's coding badges (page_counts) as it comes into
 * view. Both read table rows: the page's 64 vignettes with their texts
 * (about 20 pages), and for each row its codings with memos, uuids and
 * times for code_id (the list is in date order, the codings by vignette:
 * a row is a page of its own, two with the table's). The list's columns
 * in date order make the page one range of one index (about 4 pages);
 * code_id in the by-vignette index (its order kept for the reader's
 * codings) makes the badges index-only. vignette_by_date stays: the
 * count before the cursor (browse_vignette_rank) scans its narrower
 * rows. */
static const char migration_13[] =
	"CREATE INDEX vignette_list ON vignette(date, id, title, community_id, ext_id);\n"
	"DROP INDEX coding_by_vignette;\n"
	"CREATE INDEX coding_by_vignette ON coding(vignette_id, start, id, code_id);\n";

const char *const schema_migrations[] = {
	NULL,          /* version 0: empty file */
	migration_1,
	migration_2,
	migration_3,
	migration_4,
	migration_5,
	migration_6,
	migration_7,
	migration_8,
	migration_9,
	migration_10,
	migration_11,
	migration_12,
	migration_13,
};

const int schema_version_count = (int)(sizeof(schema_migrations) / sizeof(schema_migrations[0])) - 1;

const char *const *schema_active = schema_migrations;
int schema_active_count = (int)(sizeof(schema_migrations) / sizeof(schema_migrations[0])) - 1;
