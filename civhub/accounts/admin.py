"""Admin for people and their roles. A centre admin manages the people of their own centres only."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from civhub.accounts.models import Membership, User
from civhub.accounts.permissions import admin_centre_ids
from civhub.core.admin_scoping import CentreScopedAdminMixin


class UserAddForm(forms.ModelForm):
    """A new person has no password: they choose one through an invitation or 'forgot password' link."""

    class Meta:
        model = User
        fields = ["email", "full_name", "preferred_language"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("A user with this e-mail address already exists."))
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(CentreScopedAdminMixin, DjangoUserAdmin):
    """People who sign in. A centre admin sees those with a role in their centres, and new accounts."""

    form = UserEditForm
    add_form = UserAddForm
    list_display = ["email", "full_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser"]
    search_fields = ["email", "full_name"]
    ordering = ["email"]
    filter_horizontal = ["groups", "user_permissions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "preferred_language"]})]

    def scope_rows(self, queryset, centre_ids):
        """People with a role in the centres, plus accounts with no role anywhere yet (just created)."""
        in_centres = Membership.objects.filter(user=OuterRef("pk"), centre__in=centre_ids)
        any_role = Membership.objects.filter(user=OuterRef("pk"))
        return queryset.filter(Exists(in_centres) | (~Exists(any_role) & Q(is_superuser=False)))

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return ["last_login", "date_joined"]
        # Rights beyond the centre roles are a superuser's decision.
        return ["is_superuser", "groups", "user_permissions", "last_login", "date_joined"]

    def _may_manage(self, request, obj) -> bool:
        """Change a person only when all their roles lie in centres the admin runs (no reach into others)."""
        if obj is None or request.user.is_superuser:
            return True
        if obj.is_superuser:
            return False
        return not Membership.objects.filter(user=obj).exclude(centre__in=admin_centre_ids(request.user)).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)


@admin.register(Membership)
class MembershipAdmin(CentreScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["user", "role", "partnership", "centre", "created_at"]
    list_filter = ["centre", "role"]
    search_fields = ["user__email", "user__full_name", "partnership__organisation__name"]
    list_select_related = ["user", "centre", "partnership__organisation", "partnership__centre"]
