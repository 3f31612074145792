/* schema.h (private to core): the migrations db_open applies in order. */
#ifndef PRAXIS_CORE_SCHEMA_H
#define PRAXIS_CORE_SCHEMA_H

/* schema_migrations[N] takes user_version N-1 to N; [0] is unused. */
extern const char *const schema_migrations[];
extern const int schema_version_count;

/* PRAGMA application_id of a praxis database: "PRXS". */
#define SCHEMA_APPLICATION_ID 0x50525853

#endif
