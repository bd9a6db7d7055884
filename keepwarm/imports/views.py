"""Upload → (map columns, for spreadsheets) → preview (a dry run) → import: the same importers as the CLI."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from keepwarm.lib.errors import InputError

from . import services
from .bundle import Bundle
from .models import ImportUpload
from .spreadsheet import FIELDS, find_header, norm, read_table

MAX_UPLOAD = 200_000_000  # bigger exports: use `keepwarm import …`, which streams from disk


@login_required
def upload(request):
    error = ""
    if request.method == "POST":
        kind, file = request.POST.get("kind", ""), request.FILES.get("file")
        if kind not in services.FORMATS:
            error = "kind: choose what you are importing"
        elif file is None:
            error = "file: choose a file to upload"
        elif file.size > MAX_UPLOAD:
            error = f"file: larger than {MAX_UPLOAD // 1_000_000} MB; use the command line (keepwarm import {kind})"
        else:
            chosen = [c.strip() for c in request.POST.get("conversations", "").split(",") if c.strip()]
            item = ImportUpload.objects.create(
                owner=request.user, kind=kind, filename=file.name[:255], data=file.read(),
                options={"conversations": chosen, "all": bool(request.POST.get("all")),
                         "me": request.POST.get("me", "").strip()},
            )
            return redirect("imports:map" if kind == "csv" else "imports:preview", importupload_id=item.id)
    return render(request, "imports/upload.html", {"formats": services.FORMATS, "error": error},
                  status=400 if error else 200)


@login_required
def column_map(request, importupload_id):
    item = get_object_or_404(ImportUpload, owner=request.user, pk=importupload_id, kind="csv")
    try:
        rows = read_table(bytes(item.data), item.filename)
        header_index = find_header(rows)
    except InputError as exc:
        return render(request, "imports/preview.html", {"item": item, "error": str(exc)}, status=400)
    headers = [str(h).strip() for h in rows[header_index]]
    if request.method == "POST":
        item.mapping = {norm(h): request.POST.get(f"col-{i}", "ignore") for i, h in enumerate(headers)
                        if request.POST.get(f"col-{i}", "ignore") in FIELDS}
        item.save(update_fields=["mapping"])
        return redirect("imports:preview", importupload_id=item.id)
    from .spreadsheet import HEADER_TO_FIELD

    sample = rows[header_index + 1:header_index + 4]
    columns = [{"index": i, "header": h, "field": item.mapping.get(norm(h)) or HEADER_TO_FIELD.get(norm(h), "ignore"),
                "examples": [str(r[i]) for r in sample if i < len(r) and str(r[i]).strip()]}
               for i, h in enumerate(headers)]
    return render(request, "imports/map.html", {"item": item, "columns": columns, "fields": FIELDS})


def _run(item, *, dry_run):
    # The preview skips bad records so it can list all of them; the import itself is all-or-nothing
    # unless the user ticks "skip bad records".
    raw, options = bytes(item.data), {"dry_run": dry_run, "skip_bad": dry_run or item.options.get("skip_bad", False)}
    if item.kind == "csv":
        return services.import_csv(item.owner, raw, item.filename, item.mapping or None, **options)
    if item.kind == "vcard":
        return services.import_vcard(item.owner, raw, item.filename, **options)
    bundle = Bundle.from_bytes(raw, item.filename)
    if item.kind == "linkedin":
        return services.import_linkedin(item.owner, bundle, **options)
    return services.import_facebook(item.owner, bundle, me=item.options.get("me", ""),
                                    chosen=item.options.get("conversations", []),
                                    everything=item.options.get("all", False), **options)


@login_required
def preview(request, importupload_id):
    item = get_object_or_404(ImportUpload, owner=request.user, pk=importupload_id)
    try:
        report = _run(item, dry_run=True)
    except InputError as exc:
        return render(request, "imports/preview.html", {"item": item, "error": str(exc)}, status=400)
    return render(request, "imports/preview.html", {"item": item, "report": report, "dry_run": True,
                                                    "counts": report.counts()})


@login_required
@require_POST
def run(request, importupload_id):
    item = get_object_or_404(ImportUpload, owner=request.user, pk=importupload_id)
    if request.POST.get("skip_bad"):
        item.options = {**item.options, "skip_bad": True}
    try:
        report = _run(item, dry_run=False)
    except InputError as exc:
        return render(request, "imports/preview.html", {"item": item, "error": str(exc)}, status=400)
    item.delete()
    messages.success(request, f"Imported {item.filename}: {report.summary()}")
    return render(request, "imports/preview.html", {"item": item, "report": report, "dry_run": False,
                                                    "counts": report.counts()})
