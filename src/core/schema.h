/* schema.h (private to core): the migrations project_open applies in order. */
#ifndef PRAXIS_CORE_SCHEMA_H
#define PRAXIS_CORE_SCHEMA_H

/* schema_migrations[N] takes user_version N-1 to N; [0] is unused. */
extern const char *const schema_migrations[];
extern const int schema_version_count;

/* The list project_open creates and migrates to: schema_migrations and
 * schema_version_count. Only a test changes them, to run a real migration
 * (and the copy kept before it) against a longer list: see
 * tests/unit/test_backup.c. */
extern const char *const *schema_active;
extern int schema_active_count;

/* PRAGMA application_id of a praxis database: "PRXS". */
#define SCHEMA_APPLICATION_ID 0x50525853

#endif
