"""`keepwarm export json` / `keepwarm import json` as typed, and the section registry other apps plug into."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

from keepwarm.accounts.services import create_user
from keepwarm.archive.registry import Section, sections
from keepwarm.archive.services import export_user, import_user
from keepwarm.demo.services import load_demo
from keepwarm.people.models import Contact
from keepwarm.people.services import create_contact

NOW = dt.datetime(2026, 11, 26, 15, 0, tzinfo=ZoneInfo("America/Chicago"))


def test_export_to_stdout_and_file_then_import(cli, owner, tmp_path):
    create_contact(owner, "Dana Whitfield", emails=["dana@glidergroveexotics.com"], phones=["+1 312 555 0142"],
                   socials=["facebook:dana.whitfield"], topics=["breeds sugar gliders"])
    result = cli("export", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    assert doc["format"] == "keepwarm" and doc["version"] == 1
    assert doc["contacts"][0]["phones"] == [{"label": "", "e164": "+13125550142"}]
    path = tmp_path / "backup.json"
    assert cli("export", "json", "-o", str(path)).exit_code == 0
    assert json.loads(path.read_text()) == doc
    create_user("bob")
    result = cli("--user", "bob", "import", "json", str(path))
    assert result.exit_code == 0, result.output
    assert "contacts: 1 added, 0 already there" in result.output
    result = cli("--user", "bob", "import", "json", str(path))
    assert "contacts: 0 added, 1 already there" in result.output
    assert Contact.objects.filter(name="Dana Whitfield").count() == 2  # amy's and bob's, no more


def test_export_with_several_users_needs_user(cli, owner, outsider):
    result = cli("export", "json")
    assert result.exit_code == 2 and "--user" in result.output


def test_registry_lists_the_foundation_in_dependency_order():
    names = [s.name for s in sections()]
    assert names[:5] == ["companies", "contacts", "opportunities", "interactions", "followups"]


def test_an_app_section_rides_along(owner, monkeypatch):
    """An app adds a section (its archive.py SECTIONS); it can refer to contacts by their keys."""
    import keepwarm.archive.services as services

    notes = {}

    def export(ctx):
        return [{"contact": ctx.keys["contacts"][c.id], "text": "likes gliders"}
                for c in Contact.objects.filter(owner=ctx.user)]

    def validate(data, ctx):
        return [(ctx.check_ref("contacts", r["contact"], "contact", f"notes[{i}]", null=False), r["text"])
                for i, r in enumerate(data)]

    def write(clean, ctx):
        for key, text in clean:
            notes[ctx.resolve("contacts", key)] = text
        return len(clean), 0

    real = services.sections
    monkeypatch.setattr(services, "sections", lambda: [*real(), Section("notes", export, validate, write)])
    load_demo(owner, NOW)
    doc = export_user(owner)
    assert len(doc["notes"]) == Contact.objects.filter(owner=owner).count()
    fresh = create_user("restored")
    summary = import_user(fresh, doc)
    assert summary["notes"]["created"] == len(doc["notes"])
    assert set(notes) == set(Contact.objects.filter(owner=fresh).values_list("id", flat=True))
