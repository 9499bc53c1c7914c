"""The seats held get their names, and the secretariat (viewers and editors) reads them in the
admin: a list to check when a count looks wrong; only the trigger writes them."""

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
                                     codename="view_heldseats")
    for group in Group.objects.filter(name__in=["Secretariat editor", "Secretariat viewer"]):
        group.permissions.add(*view)


class Migration(migrations.Migration):

    dependencies = [
        ("delegates", "0015_held_seats"),
        ("meetings", "0003_secretariat_groups"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="heldseats",
            options={"verbose_name": "Seats held", "verbose_name_plural": "Seats held"},
        ),
        migrations.RunPython(grant_view, migrations.RunPython.noop),
    ]
