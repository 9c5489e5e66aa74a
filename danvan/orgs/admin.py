from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import OrgAlias, OrgEvent, OrgSuccession, OrgUnit, User


class OrgAliasInline(admin.TabularInline):
    model = OrgAlias
    extra = 0


@admin.register(OrgUnit)
class OrgUnitAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "code", "valid_from", "valid_to")
    list_filter = ("kind",)
    search_fields = ("name", "short_name", "search_text", "code")
    autocomplete_fields = ("parent", "territory")
    inlines = [OrgAliasInline]


class OrgSuccessionInline(admin.TabularInline):
    model = OrgSuccession
    extra = 0
    autocomplete_fields = ("predecessor", "successor")


@admin.register(OrgEvent)
class OrgEventAdmin(SimpleHistoryAdmin):
    list_display = ("kind", "date", "legal_basis")
    list_filter = ("kind",)
    inlines = [OrgSuccessionInline]


@admin.register(User)
class DanvanUserAdmin(UserAdmin):
    list_display = ("username", "full_name", "role", "org_unit", "is_active")
    list_filter = ("role", "is_active")
    autocomplete_fields = ("org_unit",)
    fieldsets = UserAdmin.fieldsets + ((_("danvan"), {"fields": ("full_name", "role", "org_unit")}),)
    add_fieldsets = UserAdmin.add_fieldsets + ((_("danvan"), {"fields": ("full_name", "role", "org_unit")}),)
