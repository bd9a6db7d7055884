"""PostgreSQL: a trigram index on UPPER(title) of opportunities, the expression Django's icontains compares, so
search finds jobs by title without reading all of them (web/search.py asks title and company matches apart).

Only where pg_trgm is installed (web.0001 installs it when it may); SQLite and PostgreSQL without it are left as
they are and search scans, as before. Index only: the model's state does not change.
"""

from django.db import migrations

NAME = "jobs_opportunity_title_trgm"


def forward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {NAME} ON jobs_opportunity "
                       "USING gin ((UPPER(title::text)) gin_trgm_ops)")


def backward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            cursor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_board_recent_index"), ("web", "0001_search_index")]
    operations = [migrations.RunPython(forward, backward)]
