"""Sign in, sign out, first run and password change — Django's auth views plus the first-run form."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.csrf import csrf_protect

from keepwarm.lib.errors import InputError

from .forms import FirstRunForm
from .services import create_user


def no_users_yet() -> bool:
    return not get_user_model().objects.exists()


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def dispatch(self, request, *args, **kwargs):
        # A fresh install has nobody to sign in as: send the first visitor to create the first account.
        if no_users_yet():
            return redirect("accounts:first-run")
        return super().dispatch(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]  # signing out by GET would let any page sign you out


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("web:today")

    def form_valid(self, form):
        messages.success(self.request, "Your password was changed.")
        return super().form_valid(form)


@csrf_protect
def first_run(request):
    """Create the first account; once anyone exists this page is gone (404), so it cannot mint accounts."""
    if not no_users_yet():
        raise Http404("keepwarm already has an account")
    form = FirstRunForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if not no_users_yet():  # someone else finished first run a moment ago
                    raise Http404("keepwarm already has an account")
                user = create_user(data["username"], password=data["password1"], time_zone=data["time_zone"])
        except InputError as e:
            form.add_error("username" if e.field == "name" else None, e.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome, {user.username}. Add a job or load the demo data to begin.")
            return redirect("web:today")
    return render(request, "accounts/first_run.html", {"form": form})
