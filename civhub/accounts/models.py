"""People who sign in, and the roles they hold in centres and partnerships."""

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """User: a person who signs in with their e-mail address (office staff, partner contacts, members)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    preferred_language = models.CharField(_("language"), max_length=5, default="nl",
                                          choices=[("nl", _("Dutch")), ("en", _("English"))])
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("may use the admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    """The roles a person can hold in a centre (docs/formats.md)."""

    PROGRAMME_MANAGER = "programme_manager", _("programme manager")
    FINANCE_CONTROLLER = "finance_controller", _("finance controller")
    PRACTOR = "practor", _("practor")
    COMMUNICATIONS = "communications", _("communications officer")
    CENTRE_ADMIN = "centre_admin", _("centre administrator")
    PARTNER_CONTACT = "partner_contact", _("partner contact")
    PARTNER_SIGNATORY = "partner_signatory", _("partner signatory")
    STEERING_MEMBER = "steering_member", _("steering-group member")


OFFICE_ROLES = frozenset({Role.PROGRAMME_MANAGER, Role.FINANCE_CONTROLLER, Role.CENTRE_ADMIN})
PARTNER_ROLES = frozenset({Role.PARTNER_CONTACT, Role.PARTNER_SIGNATORY})


class Membership(models.Model):
    """Membership: a person holding one role in a centre, for partner roles on behalf of a partnership."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("person"))
    centre = models.ForeignKey("core.Centre", on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("centre"))
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    partnership = models.ForeignKey("partners.Partnership", on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="memberships", verbose_name=_("partner"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role membership")
        verbose_name_plural = _("role memberships")
        ordering = ["centre", "role", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "centre", "role"], condition=models.Q(partnership__isnull=True),
                                    name="unique_centre_membership"),
            models.UniqueConstraint(fields=["user", "centre", "role", "partnership"],
                                    condition=models.Q(partnership__isnull=False), name="unique_partner_membership"),
            models.CheckConstraint(
                condition=~models.Q(role__in=sorted(PARTNER_ROLES)) | models.Q(partnership__isnull=False),
                name="partner_role_needs_partnership",
            ),
        ]

    def __str__(self):
        return f"{self.user} - {self.get_role_display()} ({self.centre})"


class NotificationPreference(models.Model):
    """NotificationPreference: how a person wants to hear of work handed to them: at once, in a daily digest, or not.

    Without a row a person hears at once. The digest lists what waits in their inbox (core/inbox.py) and is sent
    by the `send_digests` command once a day when something new arrived since the last one.
    """

    class Frequency(models.TextChoices):
        AT_ONCE = "at_once", _("at once, one e-mail per step")
        DAILY = "daily", _("once a day, in a digest")
        OFF = "off", _("never: I look in my to-do list myself")

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="notification_preference",
                                verbose_name=_("person"))
    frequency = models.CharField(_("e-mail me about new work"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.AT_ONCE)
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"
