"""The upload → map → preview → import pages call the same importers as the CLI."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from keepwarm.imports.models import ImportUpload
from keepwarm.jobs.models import Opportunity
from keepwarm.people.models import Contact

FIXTURES = Path(__file__).parent / "fixtures"


def upload(client, kind, name, content, **extra):
    return client.post(reverse("imports:upload"), {"kind": kind, "file": SimpleUploadedFile(name, content), **extra})


def test_csv_flow(client, owner):
    client.force_login(owner)
    assert client.get(reverse("imports:upload")).status_code == 200
    content = b"Job;Employer;When;Where\nBreeder assistant;Sugar Glider Co.;2 Nov 2026;Naperville\n"
    response = upload(client, "csv", "jobs.csv", content)
    item = ImportUpload.objects.get(owner=owner)
    assert response["Location"] == reverse("imports:map", args=[item.id])
    page = client.get(response["Location"]).content.decode()
    assert "Breeder assistant" in page  # example values help choose
    response = client.post(reverse("imports:map", args=[item.id]),
                           {"col-0": "title", "col-1": "company", "col-2": "date_applied", "col-3": "location"})
    assert response["Location"] == reverse("imports:preview", args=[item.id])
    preview = client.get(response["Location"])
    assert 'data-count="created">1<' in preview.content.decode()
    assert not Opportunity.objects.exists()  # the preview is a dry run
    done = client.post(reverse("imports:run", args=[item.id]))
    assert done.status_code == 200 and "Imported jobs.csv" in done.content.decode()
    opp = Opportunity.objects.get(owner=owner)
    assert (opp.title, opp.company.name, opp.location, opp.stage) == \
        ("Breeder assistant", "Sugar Glider Co.", "Naperville", "applied")
    assert not ImportUpload.objects.exists()


def test_preview_lists_bad_rows_and_import_is_all_or_nothing(client, owner):
    client.force_login(owner)
    upload(client, "csv", "jobs.csv", b"Title,Company,Status\nOne,A,applied\nTwo,B,purple\n")
    item = ImportUpload.objects.get()
    client.post(reverse("imports:map", args=[item.id]), {"col-0": "title", "col-1": "company", "col-2": "status"})
    page = client.get(reverse("imports:preview", args=[item.id])).content.decode()
    assert "1 record cannot be imported" in page and "row 3" in page
    failed = client.post(reverse("imports:run", args=[item.id]))
    assert failed.status_code == 400 and "row 3: status: unknown status" in failed.content.decode()
    assert not Opportunity.objects.exists()
    client.post(reverse("imports:run", args=[item.id]), {"skip_bad": "1"})
    assert list(Opportunity.objects.values_list("title", flat=True)) == ["One"]


def test_vcard_and_linkedin_uploads_go_straight_to_preview(client, owner, tmp_path):
    import zipfile

    client.force_login(owner)
    response = upload(client, "vcard", "c.vcf", (FIXTURES / "google.vcf").read_bytes())
    item = ImportUpload.objects.get(kind="vcard")
    assert response["Location"] == reverse("imports:preview", args=[item.id])
    client.post(reverse("imports:run", args=[item.id]))
    assert Contact.objects.filter(owner=owner).count() == 2
    path = tmp_path / "li.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in (FIXTURES / "linkedin").iterdir():
            archive.write(file, file.name)
    upload(client, "linkedin", "li.zip", path.read_bytes())
    item = ImportUpload.objects.get(kind="linkedin")
    page = client.get(reverse("imports:preview", args=[item.id])).content.decode()
    assert "Would merge" in page and "Stranger Danger: not one of your contacts" in page


def test_facebook_upload_with_a_chosen_conversation(client, owner, tmp_path):
    import zipfile

    client.force_login(owner)
    path = tmp_path / "fb.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in (FIXTURES / "facebook").rglob("*.json"):
            archive.write(file, file.relative_to(FIXTURES / "facebook").as_posix())
    upload(client, "facebook", "fb.zip", path.read_bytes(), conversations="Jane Doe")
    item = ImportUpload.objects.get()
    client.post(reverse("imports:run", args=[item.id]))
    assert Contact.objects.get(owner=owner).name == "Jane Doe"


def test_bad_uploads(client, owner):
    client.force_login(owner)
    assert client.post(reverse("imports:upload"), {"kind": "csv"}).status_code == 400
    assert upload(client, "pdf", "x.pdf", b"%PDF").status_code == 400
    upload(client, "linkedin", "x.zip", b"not a zip")
    item = ImportUpload.objects.get()
    response = client.get(reverse("imports:preview", args=[item.id]))
    assert response.status_code == 400 and "not a ZIP file" in response.content.decode()


def test_outsider_gets_404_and_anonymous_must_log_in(client, owner, outsider):
    item = ImportUpload.objects.create(owner=owner, kind="csv", filename="a.csv", data=b"Title\nOne\n")
    client.force_login(outsider)
    for name in ("imports:map", "imports:preview"):
        assert client.get(reverse(name, args=[item.id])).status_code == 404
    assert client.post(reverse("imports:run", args=[item.id])).status_code == 404
    assert not Opportunity.objects.exists()
    client.logout()
    assert client.get(reverse("imports:upload")).status_code == 302
