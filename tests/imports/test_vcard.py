"""`keepwarm import vcard`: cards as Google, Apple and Outlook write them; merged, never duplicated."""

from pathlib import Path

from keepwarm.people.models import Contact, ContactPhone, SocialProfile
from keepwarm.people.services import create_contact

FIXTURES = Path(__file__).parent / "fixtures"


def phones(contact):
    return sorted(contact.phones.values_list("label", "e164"))


def test_google_vcard_3(owner, cli):
    result = cli("import", "vcard", str(FIXTURES / "google.vcf"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("created: 2 contacts")
    jane = Contact.objects.get(owner=owner, name="Jane Doe")
    assert (jane.company.name, jane.role, jane.notes) == ("Sugar Glider Co.", "Manager", "Breeds sugar gliders")
    assert jane.primary_email == "jane@sugargliderco.com"
    assert phones(jane) == [("mobile", "+13125550142")]
    assert list(jane.socials.values_list("network", "handle")) == [("facebook", "jane.doe")]
    bob = Contact.objects.get(owner=owner, name="Bob Smith")
    assert phones(bob) == [("desk", "+16305550199")]  # a custom label grouped with item1.X-ABLabel
    assert bob.company.name == "Acme Pets"


def test_apple_grouped_labels_photo_and_social_profiles(owner, cli):
    result = cli("import", "vcard", str(FIXTURES / "apple.vcf"))
    assert result.exit_code == 0, result.output
    jane = Contact.objects.get(owner=owner)
    assert phones(jane) == [("mobile", "+13125550142"), ("shop", "+16305550100")]
    socials = sorted(jane.socials.values_list("network", "handle", "url"))
    assert socials == [("linkedin", "jane-doe-5a1b2c3", "http://www.linkedin.com/in/jane-doe-5a1b2c3"),
                       ("x", "janedoegliders", "")]


def test_outlook_21_quoted_printable(owner, cli):
    result = cli("import", "vcard", str(FIXTURES / "outlook.vcf"))
    assert result.exit_code == 0, result.output
    chloe = Contact.objects.get(owner=owner)
    assert chloe.name == "Chloé Martin" and chloe.role == "Head Keeper"
    assert chloe.notes == "Met at the zoo job fair.\r\nFollow up in spring." or \
        chloe.notes.replace("\r", "") == "Met at the zoo job fair.\nFollow up in spring."
    assert phones(chloe) == [("mobile", "+442079460958"), ("work", "+16305550123")]


def test_vcard_4(owner, cli):
    result = cli("import", "vcard", str(FIXTURES / "v4.vcf"))
    assert result.exit_code == 0, result.output
    dana = Contact.objects.get(owner=owner)
    assert phones(dana) == [("mobile", "+13125550177")]  # tel: URI, TYPE="cell,voice"
    assert list(dana.socials.values_list("network", "handle")) == [("github", "danalee")]
    assert dana.notes == "Web: https://danalee.example"


def test_merge_by_email_and_phone_never_duplicates(owner, cli):
    create_contact(owner, "J. Doe", emails=["jane@sugargliderco.com"])
    create_contact(owner, "Robert Smith", phones=["mobile=(630) 555-0199"])
    result = cli("import", "vcard", str(FIXTURES / "google.vcf"))
    assert "card 1 (Jane Doe): merged contact J. Doe — added phone +13125550142" in result.output
    assert "card 2 (Bob Smith): merged contact Robert Smith — added email bob@acmepets.example" in result.output
    assert Contact.objects.filter(owner=owner).count() == 2
    # Apple's card for the same Jane: found by phone this time, its extra number and profiles added.
    result = cli("import", "vcard", str(FIXTURES / "apple.vcf"))
    assert "merged contact J. Doe" in result.output
    assert Contact.objects.filter(owner=owner).count() == 2
    assert ContactPhone.objects.filter(owner=owner, e164="+13125550142").count() == 1


def test_reimport_and_dry_run(owner, cli):
    result = cli("import", "vcard", str(FIXTURES / "apple.vcf"), "--dry-run")
    assert "card 1 (Jane Doe): would create contact Jane Doe" in result.output
    assert not Contact.objects.exists()
    cli("import", "vcard", str(FIXTURES / "apple.vcf"))
    counts = (Contact.objects.count(), ContactPhone.objects.count(), SocialProfile.objects.count())
    assert cli("import", "vcard", str(FIXTURES / "apple.vcf")).output.strip() == "unchanged: 1 contact"
    assert (Contact.objects.count(), ContactPhone.objects.count(), SocialProfile.objects.count()) == counts


def test_bad_card_names_card_and_field(owner, cli, tmp_path):
    path = tmp_path / "two.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Good Person\nEMAIL:good@example.com\nEND:VCARD\n"
                    "BEGIN:VCARD\nVERSION:3.0\nFN:Bad Number\nTEL:12\nEND:VCARD\n")
    result = cli("import", "vcard", str(path))
    assert result.output.strip() == "Error: card 2 (Bad Number): phone: not a valid phone number: '12'"
    assert not Contact.objects.exists()
    result = cli("import", "vcard", str(path), "--skip-bad")
    assert "card 2 (Bad Number): skipped — phone: not a valid phone number: '12'" in result.output
    assert list(Contact.objects.values_list("name", flat=True)) == ["Good Person"]


def test_not_a_vcard(owner, cli, tmp_path):
    path = tmp_path / "x.vcf"
    path.write_text("hello")
    result = cli("import", "vcard", str(path))
    assert result.exit_code == 2 and "not a vCard file" in result.output
