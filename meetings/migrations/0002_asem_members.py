"""Ships the ASEM partners (as of October 2017) and observer organisations as data."""

from django.db import migrations

from meetings.data.members import OBSERVERS, PARTNERS


def add_members(apps, schema_editor):
    Member = apps.get_model("meetings", "Member")
    for name, code, region, joined_year in PARTNERS:
        Member.objects.update_or_create(
            code=code,
            defaults={"name": name, "kind": "partner", "region": region,
                      "joined_year": joined_year},
        )
    for name, code in OBSERVERS:
        Member.objects.update_or_create(
            code=code, defaults={"name": name, "kind": "observer", "region": ""}
        )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(add_members, migrations.RunPython.noop)]
