"""The secretariat (viewers and editors) reads the records of meetings in the admin; their
steps are taken on the record's page, by editors (`documents.change_document`)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

MODELS = ("meetingrecord", "recordcomment", "recorddecision")


def grant_view(apps, schema_editor):
    app_config = apps.get_app_config("documents")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="documents",
                                     codename__in=[f"view_{model}" for model in MODELS])
    for group in Group.objects.filter(name__in=["Secretariat editor", "Secretariat viewer"]):
        group.permissions.add(*view)


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_meeting_record"),
        ("meetings", "0003_secretariat_groups"),
    ]

    operations = [migrations.RunPython(grant_view, migrations.RunPython.noop)]
