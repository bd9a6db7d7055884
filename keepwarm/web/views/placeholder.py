"""Temporary pages so base.html's links resolve while the real pages are built."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def page(request, title="keepwarm"):
    return render(request, "web/placeholder.html", {"title": title})
