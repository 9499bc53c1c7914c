"""The secretariat (viewers and editors) reads the follow-up's log entries in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_view(apps, schema_editor):
    app_config = apps.get_app_config("action_plans")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="action_plans",
                                     codename="view_actionplanlogentry")
    for group in Group.objects.filter(name__in=["Secretariat editor", "Secretariat viewer"]):
        group.permissions.add(*view)


class Migration(migrations.Migration):
    dependencies = [
        ("action_plans", "0002_log_entries"),
        ("meetings", "0003_secretariat_groups"),
    ]

    operations = [migrations.RunPython(grant_view, migrations.RunPython.noop)]
