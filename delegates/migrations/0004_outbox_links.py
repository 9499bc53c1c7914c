"""The outbox keeps no live link: personal links are made when a mail is sent.

Stored bodies lose the links they carried (replaced by a placeholder, with what is needed to
make the link again for a message not yet sent); "Secretariat viewer" loses the outbox, which
only superusers and holders of `delegates.manage_outbox` read."""

import re

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.core import signing
from django.db import migrations, models
from django.utils.http import urlsafe_base64_decode

PLACEHOLDER = "[personal link, sent only to the recipient]"
REGISTRATION_LINK = re.compile(r"https?://[^\s]*?/registrations/(?P<token>[^/\s]+)/[^\s]*")
PASSWORD_LINK = re.compile(r"https?://[^\s]*?/reset/(?P<uid>[^/\s]+)/(?P<token>[^/\s]+)/")
VIEWER = "Secretariat viewer"


def _registration_link_version(token):
    try:
        return int(signing.loads(token, salt="delegates.registration-link")["v"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def _user_id(uidb64):
    try:
        return int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None


def mask_stored_links(apps, schema_editor):
    OutgoingEmail = apps.get_model("delegates", "OutgoingEmail")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    for email in OutgoingEmail.objects.filter(
        models.Q(body__contains="/registrations/") | models.Q(body__contains="/reset/")
    ).iterator():
        if match := REGISTRATION_LINK.search(email.body):
            email.link = "registration"
            email.link_version = _registration_link_version(match["token"])
        if match := PASSWORD_LINK.search(email.body):
            user_id = _user_id(match["uid"])
            email.link = "password_set"
            email.user = User.objects.filter(pk=user_id).first() if user_id else None
        email.body = PASSWORD_LINK.sub(PLACEHOLDER, REGISTRATION_LINK.sub(PLACEHOLDER, email.body))
        email.save(update_fields=["body", "link", "link_version", "user"])


def restrict_outbox(apps, schema_editor):
    app_config = apps.get_app_config("delegates")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="delegates",
                                     codename="view_outgoingemail")
    for group in Group.objects.filter(name=VIEWER):
        group.permissions.remove(*view)


def give_viewers_the_outbox_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    view = Permission.objects.filter(content_type__app_label="delegates",
                                     codename="view_outgoingemail")
    for group in Group.objects.filter(name=VIEWER):
        group.permissions.add(*view)


class Migration(migrations.Migration):

    dependencies = [
        ('delegates', '0003_passport_permission'),
        ("meetings", "0003_secretariat_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='outgoingemail',
            options={'ordering': ['created_at', 'id'], 'permissions': [('manage_outbox', 'Can read and manage the outbox')], 'verbose_name': 'outgoing email', 'verbose_name_plural': 'outgoing emails'},
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='link',
            field=models.CharField(blank=True, choices=[('', 'None'), ('registration', 'Registration link'), ('password_set', 'Password link')], default='', max_length=20, verbose_name='personal link'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='link_version',
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name='link version'),
        ),
        migrations.AddField(
            model_name='outgoingemail',
            name='user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='user'),
        ),
        migrations.RunPython(mask_stored_links, migrations.RunPython.noop),
        migrations.RunPython(restrict_outbox, give_viewers_the_outbox_back),
    ]
