"""PostgreSQL: trigram indexes on UPPER(name) of contacts and UPPER(address) of their emails, the expressions
Django's icontains compares, so search finds contacts without reading all 20,000 (web/search.py asks name and
email matches apart once both exist: CONTACT_INDEXES). Only where pg_trgm is installed (web.0001); SQLite and
PostgreSQL without it are left as they are. Index only: no model state changes.
"""

from django.db import migrations

INDEXES = {
    "web_contact_name_trgm": "people_contact USING gin ((UPPER(name::text)) gin_trgm_ops)",
    "web_contactemail_address_trgm": "people_contactemail USING gin ((UPPER(address::text)) gin_trgm_ops)",
}


def forward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor != "postgresql":
        return
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        for name, target in INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def backward(apps, schema_editor):
    conn = schema_editor.connection
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            for name in INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("web", "0001_search_index"), ("people", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
