"""Progress reports record when they were submitted; official status changes of action
points are kept with their actor. The secretariat groups get the new model's permissions."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def grant_group_permissions(apps, schema_editor):
    app_config = apps.get_app_config("meetings")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="meetings", content_type__model="actionpointstatuschange"
    )
    for group in Group.objects.filter(name="Secretariat editor"):
        group.permissions.add(*permissions)
    for group in Group.objects.filter(name="Secretariat viewer"):
        group.permissions.add(*permissions.filter(codename__startswith="view_"))


class Migration(migrations.Migration):

    dependencies = [
        ('meetings', '0003_secretariat_groups'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalprogressreport',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submitted at'),
        ),
        migrations.AddField(
            model_name='progressreport',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='submitted at'),
        ),
        migrations.CreateModel(
            name='ActionPointStatusChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('from_status', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('carried_over', 'Carried over'), ('dropped', 'Dropped')], max_length=20, verbose_name='from status')),
                ('to_status', models.CharField(choices=[('not_started', 'Not started'), ('in_progress', 'In progress'), ('completed', 'Completed'), ('carried_over', 'Carried over'), ('dropped', 'Dropped')], max_length=20, verbose_name='to status')),
                ('effective_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='effective on')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('recorded_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded at')),
                ('action_point', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='status_changes', to='meetings.actionpoint', verbose_name='action point')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by')),
                ('report', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='status_changes', to='meetings.progressreport', verbose_name='progress report')),
            ],
            options={
                'verbose_name': 'action point status change',
                'verbose_name_plural': 'action point status changes',
                'ordering': ['action_point', 'effective_on', 'id'],
            },
        ),
        migrations.RunPython(grant_group_permissions, migrations.RunPython.noop),
    ]
