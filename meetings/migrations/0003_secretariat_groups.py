"""Creates the groups "Secretariat editor" (reads and changes meetings, agendas, plans and
registrations) and "Secretariat viewer" (reads only)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Secretariat editor"
VIEWER = "Secretariat viewer"
APPS = ("meetings", "delegates")


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label__in=APPS)
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.set(permissions)
    viewer, _ = Group.objects.get_or_create(name=VIEWER)
    viewer.permissions.set(permissions.filter(codename__startswith="view_"))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, VIEWER]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_asem_members"),
        ("delegates", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
