"""Owner rows for the project-wide URL isolation walk (tests/web/test_isolation.py)."""


def make_import_upload(owner):
    from keepwarm.imports.models import ImportUpload

    return ImportUpload.objects.create(owner=owner, kind="csv", filename="jobs.csv", data=b"Title\nBreeder assistant\n")


FACTORIES = {"importupload": make_import_upload}
