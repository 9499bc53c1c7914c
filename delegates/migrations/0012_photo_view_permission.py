"""The secretariat (viewers and editors) reads the list of photos held in the admin: who
has one and when it came, never the image, which only the check-in staff see."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_view(apps, schema_editor):
    app_config = apps.get_app_config("delegates")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="delegates",
                                     codename="view_registrationphoto")
    for group in Group.objects.filter(name__in=["Secretariat editor", "Secretariat viewer"]):
        group.permissions.add(*view)


class Migration(migrations.Migration):
    dependencies = [
        ("delegates", "0011_registration_photo"),
        ("meetings", "0003_secretariat_groups"),
    ]

    operations = [migrations.RunPython(grant_view, migrations.RunPython.noop)]
