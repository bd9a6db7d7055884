"""`keepwarm import linkedin`: the data export as LinkedIn writes it, as a folder or as its ZIP."""

import shutil
import zipfile
from pathlib import Path

import pytest

from keepwarm.people.models import Contact, SocialProfile
from keepwarm.timeline.models import Interaction

FOLDER = Path(__file__).parent / "fixtures" / "linkedin"


@pytest.fixture
def export_zip(tmp_path):
    """The ZIP as downloaded: files at its root, like Basic_LinkedInDataExport_11-26-2026.zip."""
    path = tmp_path / "Basic_LinkedInDataExport_11-26-2026.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in FOLDER.iterdir():
            archive.write(file, file.name)
    return path


def test_connections_become_contacts_despite_the_notes_preamble(owner, cli):
    result = cli("import", "linkedin", str(FOLDER), "--no-messages")
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("created: 3 contacts")
    jane = Contact.objects.get(owner=owner, name="Jane Doe")
    assert (jane.company.name, jane.role, jane.primary_email) == ("Sugar Glider Co.", "Manager", "jane@sugargliderco.com")
    assert jane.how_met == "LinkedIn connection since 2 Dec 2011"
    profile = jane.socials.get()
    assert (profile.network, profile.handle, profile.url) == \
        ("linkedin", "jane-doe-5a1b2c3", "https://www.linkedin.com/in/jane-doe-5a1b2c3")
    assert Contact.objects.get(owner=owner, name="Chloé Martin").company.name == "Zoo Corp"


def test_messages_become_social_touches_with_direction(owner, cli, export_zip):
    result = cli("import", "linkedin", str(export_zip))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("created: 3 contacts, 3 messages; skipped: 1 message")
    assert "Stranger Danger: not one of your contacts" in result.output
    touches = list(Interaction.objects.filter(owner=owner).order_by("happened_at"))
    assert [(t.direction, t.network, t.channel, t.origin) for t in touches] == [
        ("out", "linkedin", "social", "imported"), ("in", "linkedin", "social", "imported"),
        ("in", "linkedin", "social", "imported")]
    assert [c.name for c in touches[0].contacts.all()] == ["Jane Doe"]
    assert touches[0].happened_at.isoformat() == "2011-12-05T18:30:00+00:00"
    assert touches[2].summary == "Store associate role" and touches[2].body.startswith("Hi Amy")
    assert not Contact.objects.filter(owner=owner, name="Stranger Danger").exists()


def test_reimport_is_a_no_op(owner, cli, export_zip):
    cli("import", "linkedin", str(export_zip))
    counts = (Contact.objects.count(), Interaction.objects.count(), SocialProfile.objects.count())
    result = cli("import", "linkedin", str(FOLDER))  # the same export, unpacked
    assert "unchanged: 3 contacts, 3 messages" in result.output
    assert (Contact.objects.count(), Interaction.objects.count(), SocialProfile.objects.count()) == counts


def test_existing_contacts_are_merged_by_email_or_name(owner, cli):
    from keepwarm.people.services import create_contact

    create_contact(owner, "Jane Doe", emails=["jane@sugargliderco.com"], phones=["+13125550142"])
    create_contact(owner, "Bob Smith", company="Acme Pets")
    result = cli("import", "linkedin", str(FOLDER), "--dry-run")
    assert "would merge contact Jane Doe — added linkedin profile, company, role, how_met" in result.output
    assert "would merge contact Bob Smith — added linkedin profile, role, how_met" in result.output
    assert Contact.objects.filter(owner=owner).count() == 2 and not SocialProfile.objects.exists()
    cli("import", "linkedin", str(FOLDER))
    assert Contact.objects.filter(owner=owner).count() == 3


def test_account_owner_found_without_profile_csv(owner, cli, tmp_path):
    folder = tmp_path / "export"
    shutil.copytree(FOLDER, folder)
    (folder / "Profile.csv").unlink()
    cli("import", "linkedin", str(folder))
    first = Interaction.objects.filter(owner=owner).order_by("happened_at").first()
    assert first.direction == "out"  # Amy is the one participant who is not her own connection


def test_nested_zip_and_bad_paths(owner, cli, tmp_path):
    path = tmp_path / "nested.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(FOLDER / "Connections.csv", "export/Connections.csv")
    assert cli("import", "linkedin", str(path)).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    result = cli("import", "linkedin", str(empty))
    assert result.exit_code == 2 and "no Connections.csv or messages.csv" in result.output
    assert "no such file or folder" in cli("import", "linkedin", str(tmp_path / "nope")).output
    (tmp_path / "not.zip").write_bytes(b"hello")
    assert "not a ZIP file" in cli("import", "linkedin", str(tmp_path / "not.zip")).output


def test_bad_row_names_the_file_row_and_field(owner, cli, tmp_path):
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_text(
        "Notes:\n\"x\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Jane,Doe,https://www.linkedin.com/in/jd,not-an-email,,,02 Dec 2011\n")
    result = cli("import", "linkedin", str(folder))
    assert result.output.strip() == "Error: Connections.csv line 5: email: not an email address: 'not-an-email'"
    assert not Contact.objects.exists()


def test_reimport_costs_a_fixed_number_of_queries(owner, cli, tmp_path, django_assert_max_num_queries):
    from keepwarm.imports import services
    from keepwarm.imports.bundle import Bundle

    folder = tmp_path / "export"
    folder.mkdir()
    rows = [f"Person{i},Example,https://www.linkedin.com/in/p{i},p{i}@example.org,Co {i % 7},Manager,01 Nov 2026"
            for i in range(60)]
    (folder / "Connections.csv").write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                            + "\n".join(rows) + "\n")
    assert services.import_linkedin(owner, Bundle(folder)).count("created") == 60
    # Everything is found in the indexes loaded once: no query per unchanged row.
    with django_assert_max_num_queries(12):
        report = services.import_linkedin(owner, Bundle(folder))
    assert report.summary() == "unchanged: 60 contacts"
    assert report.outcomes[0].label == "Person0 Example"
