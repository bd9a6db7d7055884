"""SQLite: trigram indexes (FTS5) on contact names, email addresses, company names and job titles, so search
finds a rare term without a LIKE over every row (matching "%term%" against 24,000 addresses cost ~4.5 ms a search
at full size, against 5,000 titles and 2,000 companies ~3 ms; through the indexes ~0.1 ms each). Kept in step by
triggers, whoever writes the rows (web, CLI, imports, mail sync, seeds). Only where migration web.0001 could build
its own FTS5 trigram table; PostgreSQL has its trigram indexes (web.0002, jobs.0003).
"""

from django.db import migrations

# (FTS table, content table, column): external-content tables, so the text is not stored twice.
TABLES = [
    ("web_contact_fts", "people_contact", "name"),
    ("web_contactemail_fts", "people_contactemail", "address"),
    ("web_company_fts", "people_company", "name"),
    ("web_opportunity_fts", "jobs_opportunity", "title"),
]


def _forward_sql(fts, table, column):
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN {delete} END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN {delete} {insert} END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def forward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'web_interaction_fts'")
        if cursor.fetchone() is None:
            return  # no FTS5 trigram in this SQLite (see web.0001): search scans instead
        for fts, table, column in TABLES:
            for sql in _forward_sql(fts, table, column):
                cursor.execute(sql)


def backward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        for fts, _table, _column in TABLES:
            for suffix in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")


class Migration(migrations.Migration):
    dependencies = [("web", "0002_contact_search_trigram_indexes"), ("people", "0002_contact_cadence_index"),
                    ("jobs", "0003_search_title_trigram_index")]
    operations = [migrations.RunPython(forward, backward)]
