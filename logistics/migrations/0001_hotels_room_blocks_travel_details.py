"""Hotels with their room blocks per night, and each person's travel details; the
secretariat's editors manage them in the admin, its viewers read them."""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models


def grant_to_the_secretariat(apps, schema_editor):
    app_config = apps.get_app_config("logistics")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    logistics = Permission.objects.filter(content_type__app_label="logistics")
    for group in Group.objects.filter(name="Secretariat editor"):
        group.permissions.add(*logistics)
    for group in Group.objects.filter(name="Secretariat viewer"):
        group.permissions.add(*logistics.filter(codename__startswith="view_"))


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('delegates', '0009_honorific_free_text_import_columns'),
        ('meetings', '0005_action_plans_moved'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Hotel',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=200, verbose_name='name')),
                ('address', models.CharField(blank=True, max_length=300, verbose_name='address')),
                ('note', models.CharField(blank=True, help_text='For example the rate agreed, breakfast included, the walk to the venue.', max_length=300, verbose_name='note for delegates')),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='hotels', to='meetings.meeting', verbose_name='meeting')),
            ],
            options={
                'verbose_name': 'hotel',
                'verbose_name_plural': 'hotels',
                'ordering': ['meeting', 'name'],
            },
        ),
        migrations.CreateModel(
            name='RoomBlock',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('night', models.DateField(help_text='The date the night begins.', verbose_name='night of')),
                ('rooms', models.PositiveIntegerField(verbose_name='rooms')),
                ('hotel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='room_blocks', to='logistics.hotel', verbose_name='hotel')),
            ],
            options={
                'verbose_name': 'room block',
                'verbose_name_plural': 'room blocks',
                'ordering': ['hotel', 'night'],
            },
        ),
        migrations.CreateModel(
            name='TravelDetails',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('arrival_time', models.TimeField(blank=True, null=True, verbose_name='arrival time')),
                ('arrival_flight', models.CharField(blank=True, max_length=12, verbose_name='arrival flight')),
                ('arrival_airport', models.CharField(blank=True, max_length=100, verbose_name='arrival airport')),
                ('arrival_transfer', models.BooleanField(default=False, verbose_name='transfer from the airport')),
                ('departure_time', models.TimeField(blank=True, null=True, verbose_name='departure time')),
                ('departure_flight', models.CharField(blank=True, max_length=12, verbose_name='departure flight')),
                ('departure_airport', models.CharField(blank=True, max_length=100, verbose_name='departure airport')),
                ('departure_transfer', models.BooleanField(default=False, verbose_name='transfer to the airport')),
                ('check_in', models.DateField(blank=True, null=True, verbose_name='hotel check-in')),
                ('check_out', models.DateField(blank=True, null=True, verbose_name='hotel check-out')),
                ('diet', models.CharField(blank=True, choices=[('', 'No special diet'), ('vegetarian', 'Vegetarian'), ('vegan', 'Vegan'), ('halal', 'Halal'), ('kosher', 'Kosher'), ('no_pork', 'No pork'), ('no_beef', 'No beef'), ('gluten_free', 'Gluten free'), ('lactose_free', 'Lactose free'), ('allergy', 'Food allergy (say which)'), ('other', 'Other (say which)')], default='', max_length=20, verbose_name='diet')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('hotel', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='bookings', to='logistics.hotel', verbose_name='hotel')),
                ('registration', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='travel', to='delegates.registration', verbose_name='registration')),
                ('updated_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='updated by')),
            ],
            options={
                'verbose_name': 'travel details',
                'verbose_name_plural': 'travel details',
            },
        ),
        migrations.AddConstraint(
            model_name='hotel',
            constraint=models.UniqueConstraint(fields=('meeting', 'name'), name='hotel_one_name_per_meeting'),
        ),
        migrations.AddConstraint(
            model_name='roomblock',
            constraint=models.UniqueConstraint(fields=('hotel', 'night'), name='room_block_one_per_hotel_and_night'),
        ),
        migrations.AddConstraint(
            model_name='traveldetails',
            constraint=models.CheckConstraint(condition=models.Q(('hotel__isnull', True), models.Q(('check_in__isnull', False), ('check_out__gt', models.F('check_in'))), _connector='OR'), name='travel_hotel_nights_in_order'),
        ),
        migrations.RunPython(grant_to_the_secretariat, migrations.RunPython.noop),
    ]
