"""Load the demo data (the seed story and more) so a first-time user can look around."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from keepwarm.lib.errors import InputError


@login_required
@require_POST
def load_demo(request):
    try:
        from keepwarm.demo.services import load_demo as load
    except ImportError:
        messages.error(request, "The demo data is not available in this version.")
        return redirect("web:today")
    try:
        load(request.user)
    except InputError as e:
        messages.error(request, f"Could not load the demo data: {e.message}")
    else:
        messages.success(request, "Demo data loaded: look around, then start adding your own.")
    return redirect("web:today")
