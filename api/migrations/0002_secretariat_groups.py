"""Secretariat editors register webhook endpoints, read and replay their deliveries, and
revoke API tokens; viewers read them (the admin hides the signing secret from them)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_group_permissions(apps, schema_editor):
    app_config = apps.get_app_config("api")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="api").exclude(
        codename__in=["add_webhookdelivery", "delete_webhookdelivery", "add_apitoken",
                      "change_apitoken"])
    for group in Group.objects.filter(name="Secretariat editor"):
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name="Secretariat viewer"):
        group.permissions.add(*permissions.filter(codename__startswith="view_"))


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0001_initial"),
        ("meetings", "0003_secretariat_groups"),
    ]

    operations = [migrations.RunPython(grant_group_permissions, migrations.RunPython.noop)]
