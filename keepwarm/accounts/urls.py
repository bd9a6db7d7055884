from django.urls import path

from . import views

prefix = "accounts/"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("welcome/", views.first_run, name="first-run"),
    path("password/", views.PasswordChangeView.as_view(), name="password-change"),
]
