"""Secretariat editors set up side events and change sign-ups; viewers read them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_to_the_secretariat(apps, schema_editor):
    app_config = apps.get_app_config("side_events")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="side_events")
    for group in Group.objects.filter(name="Secretariat editor"):
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name="Secretariat viewer"):
        group.permissions.add(*permissions.filter(codename__startswith="view_"))


class Migration(migrations.Migration):
    dependencies = [
        ("side_events", "0001_side_events_and_signups"),
        ("meetings", "0003_secretariat_groups"),
    ]

    operations = [migrations.RunPython(grant_to_the_secretariat, migrations.RunPython.noop)]
