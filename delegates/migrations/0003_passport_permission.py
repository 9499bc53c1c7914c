"""A dedicated permission for reading passport details back, given to "Secretariat editor"."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = "Secretariat editor"


def grant_to_editors(apps, schema_editor):
    app_config = apps.get_app_config("delegates")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="delegates", codename="see_passport_details"
    )
    editor, _ = Group.objects.get_or_create(name=EDITOR)
    editor.permissions.add(permission)


def revoke(apps, schema_editor):
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="delegates", codename="see_passport_details"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("delegates", "0002_outgoing_email"),
        ("meetings", "0003_secretariat_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="registration",
            options={
                "ordering": ["meeting", "member__name", "family_name", "given_name"],
                "permissions": [("see_passport_details", "Can see passport details")],
                "verbose_name": "registration",
                "verbose_name_plural": "registrations",
            },
        ),
        migrations.RunPython(grant_to_editors, revoke),
    ]
