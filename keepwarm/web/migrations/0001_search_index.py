"""A substring index over interaction summaries, so search stays fast at 200,000 touches.

SQLite: an FTS5 table with the trigram tokenizer (indexed LIKE '%…%'), kept in step by triggers on
timeline_interaction, whichever code writes it (web, CLI, imports, mail sync, bulk seeds).
PostgreSQL: a pg_trgm GIN index on UPPER(summary), the expression Django's icontains compares.
Where neither is available the migration does nothing and search scans, as before.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE web_interaction_fts USING fts5("
    "summary, content='timeline_interaction', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER web_interaction_fts_ai AFTER INSERT ON timeline_interaction BEGIN "
    "INSERT INTO web_interaction_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "CREATE TRIGGER web_interaction_fts_ad AFTER DELETE ON timeline_interaction BEGIN "
    "INSERT INTO web_interaction_fts(web_interaction_fts, rowid, summary) VALUES ('delete', old.id, old.summary); END",
    "CREATE TRIGGER web_interaction_fts_au AFTER UPDATE OF summary ON timeline_interaction BEGIN "
    "INSERT INTO web_interaction_fts(web_interaction_fts, rowid, summary) VALUES ('delete', old.id, old.summary); "
    "INSERT INTO web_interaction_fts(rowid, summary) VALUES (new.id, new.summary); END",
    "INSERT INTO web_interaction_fts(web_interaction_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS web_interaction_fts_ai",
    "DROP TRIGGER IF EXISTS web_interaction_fts_ad",
    "DROP TRIGGER IF EXISTS web_interaction_fts_au",
    "DROP TABLE IF EXISTS web_interaction_fts",
]
PG_INDEX = ("CREATE INDEX IF NOT EXISTS web_interaction_summary_trgm ON timeline_interaction "
            "USING gin ((UPPER(summary::text)) gin_trgm_ops)")


def forward(apps, schema_editor):
    conn = schema_editor.connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            try:
                cursor.execute("CREATE VIRTUAL TABLE temp.web_fts_probe USING fts5(x, tokenize='trigram')")
                cursor.execute("DROP TABLE temp.web_fts_probe")
            except Exception:
                return  # an SQLite without FTS5 trigram: search scans instead
            for sql in SQLITE_FORWARD:
                cursor.execute(sql)
        elif conn.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
            if cursor.fetchone() is None:
                return
            cursor.execute("SAVEPOINT web_trgm")
            try:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            except Exception:
                cursor.execute("ROLLBACK TO SAVEPOINT web_trgm")  # no right to create it: search scans instead
                return
            cursor.execute(PG_INDEX)


def backward(apps, schema_editor):
    conn = schema_editor.connection
    with conn.cursor() as cursor:
        if conn.vendor == "sqlite":
            for sql in SQLITE_BACKWARD:
                cursor.execute(sql)
        elif conn.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS web_interaction_summary_trgm")


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
