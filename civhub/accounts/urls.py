from django.contrib.auth import views as auth_views
from django.urls import path
from django.views.generic import TemplateView

from civhub.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("inloggen/code/", two_factor_views.verify, name="otp_verify"),
    path("tweestapsverificatie/", two_factor_views.settings_page, name="two_factor"),
    path("tweestapsverificatie/instellen/", two_factor_views.enrol, name="otp_enrol"),
    path("tweestapsverificatie/herstelcodes/", two_factor_views.recovery_codes, name="otp_recovery_codes"),
    path("tweestapsverificatie/herstelcodes.txt", two_factor_views.recovery_codes_download,
         name="otp_recovery_codes_download"),
    path("tweestapsverificatie/uitzetten/", two_factor_views.turn_off, name="otp_turn_off"),
    path("wachtwoord/<uidb64>/<token>/", views.SetPasswordView.as_view(), name="set_password"),
    path("meldingen/", views.notification_settings, name="notifications"),
    path("wachtwoord/ingesteld/", views.password_set, name="password_set"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        TemplateView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password_reset_sent",
    ),
]

# A centre's pages for everyone with a role in it, mounted at /c/<slug>/ in the "core" namespace: the inbox ("Te doen",
# core:inbox) and the search ("Zoeken", core:search). Every app contributes its items and hits through core/inbox.py
# and core/search.py; the pages are here because they need the access rules. So are the files the worker makes
# (core:requested_file, core/requested_files.py), which only their requester (and for office files the office) opens.
# The centre administrator's list of people ("Mensen"), each person's page and the reset of their two factors.
centre_patterns = ([
    path("te-doen/", views.inbox, name="inbox"),
    path("zoeken/", views.search, name="search"),
    path("bestanden/<int:pk>/", views.requested_file, name="requested_file"),
    path("bestanden/<int:pk>/downloaden/", views.requested_file_download, name="requested_file_download"),
    path("mensen/", two_factor_views.people, name="people"),
    path("mensen/<int:pk>/", two_factor_views.person, name="person"),
    path("mensen/<int:pk>/tweestapsverificatie-herstellen/", two_factor_views.person_reset_two_factor,
         name="person_reset_two_factor"),
], "core")
