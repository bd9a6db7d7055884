"""LastTouch: each contact's newest touch, kept by triggers on timeline_participant (see the model's docstring).

A new participant raises its contact's time if it is newer (an upsert); deleting one, or changing its time or
contact, works the contact's time out again from its remaining participants (one index seek). Deleting a contact
deletes its row. The table starts filled from the participants already there.
"""

import django.db.models.deletion
from django.db import migrations, models

RECOMPUTE_SQLITE = (
    "DELETE FROM timeline_lasttouch WHERE contact_id = {row}.contact_id; "
    "INSERT INTO timeline_lasttouch (contact_id, happened_at) "
    "SELECT contact_id, MAX(happened_at) FROM timeline_participant "
    "WHERE owner_id = {row}.owner_id AND contact_id = {row}.contact_id GROUP BY contact_id;"
)
SQLITE_FORWARD = [
    "CREATE TRIGGER timeline_lasttouch_ai AFTER INSERT ON timeline_participant BEGIN "
    "INSERT INTO timeline_lasttouch (contact_id, happened_at) VALUES (new.contact_id, new.happened_at) "
    "ON CONFLICT (contact_id) DO UPDATE SET happened_at = excluded.happened_at "
    "WHERE excluded.happened_at > timeline_lasttouch.happened_at; END",
    f"CREATE TRIGGER timeline_lasttouch_ad AFTER DELETE ON timeline_participant BEGIN "
    f"{RECOMPUTE_SQLITE.format(row='old')} END",
    f"CREATE TRIGGER timeline_lasttouch_au AFTER UPDATE OF happened_at, contact_id, owner_id ON timeline_participant "
    f"BEGIN {RECOMPUTE_SQLITE.format(row='old')} {RECOMPUTE_SQLITE.format(row='new')} END",
    "CREATE TRIGGER timeline_lasttouch_contact_ad AFTER DELETE ON people_contact BEGIN "
    "DELETE FROM timeline_lasttouch WHERE contact_id = old.id; END",
]
SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS timeline_lasttouch_{name}" for name in ("ai", "ad", "au", "contact_ad")]

RECOMPUTE_PG = """
    DELETE FROM timeline_lasttouch WHERE contact_id = {row}.contact_id;
    INSERT INTO timeline_lasttouch (contact_id, happened_at)
    SELECT contact_id, MAX(happened_at) FROM timeline_participant
    WHERE owner_id = {row}.owner_id AND contact_id = {row}.contact_id GROUP BY contact_id;"""
PG_FORWARD = [
    f"""CREATE OR REPLACE FUNCTION timeline_lasttouch_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO timeline_lasttouch (contact_id, happened_at) VALUES (NEW.contact_id, NEW.happened_at)
        ON CONFLICT (contact_id) DO UPDATE SET happened_at = EXCLUDED.happened_at
        WHERE EXCLUDED.happened_at > timeline_lasttouch.happened_at;
        RETURN NULL;
    END IF;
    {RECOMPUTE_PG.format(row='OLD')}
    IF TG_OP = 'UPDATE' THEN {RECOMPUTE_PG.format(row='NEW')}
    END IF;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER timeline_lasttouch_sync AFTER INSERT OR DELETE OR UPDATE OF happened_at, contact_id, owner_id "
    "ON timeline_participant FOR EACH ROW EXECUTE FUNCTION timeline_lasttouch_sync()",
    """CREATE OR REPLACE FUNCTION timeline_lasttouch_contact_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM timeline_lasttouch WHERE contact_id = OLD.id;
    RETURN NULL;
END $$""",
    "CREATE TRIGGER timeline_lasttouch_contact_gone AFTER DELETE ON people_contact "
    "FOR EACH ROW EXECUTE FUNCTION timeline_lasttouch_contact_gone()",
]
PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS timeline_lasttouch_sync ON timeline_participant",
    "DROP TRIGGER IF EXISTS timeline_lasttouch_contact_gone ON people_contact",
    "DROP FUNCTION IF EXISTS timeline_lasttouch_sync()",
    "DROP FUNCTION IF EXISTS timeline_lasttouch_contact_gone()",
]
FILL = ("INSERT INTO timeline_lasttouch (contact_id, happened_at) "
        "SELECT contact_id, MAX(happened_at) FROM timeline_participant GROUP BY contact_id")


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"keepwarm runs on SQLite or PostgreSQL, not {vendor}")
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
        cursor.execute(FILL)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        for sql in SQLITE_BACKWARD if vendor == "sqlite" else PG_BACKWARD:
            cursor.execute(sql)


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0003_contact_cadence_covering_index'),
        ('timeline', '0002_direction_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='LastTouch',
            fields=[
                ('contact', models.OneToOneField(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, primary_key=True, related_name='+', serialize=False, to='people.contact')),
                ('happened_at', models.DateTimeField()),
            ],
        ),
        migrations.RunPython(forward, backward),
    ]
