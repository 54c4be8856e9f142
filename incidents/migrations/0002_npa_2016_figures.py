"""Load the child-victim totals that the 2016 report on community sites gives, with their source.

The report (Comprehensive Security Measures Conference, FY2016, citing the National Police Agency) states three
totals: 792 child victims in 2008, the first year of the statistics; 1,652 in 2015; and 889 in the first half
of 2016. It gives no breakdown by site type, offence type or age in figures, so none is loaded here. Running
the migration again leaves periods that already exist alone.
"""

from django.db import migrations

SOURCE_JA = (
    "警察庁の統計。平成28年度総合セキュリティ対策会議の報告書（英語版 \"Promoting Collaboration between "
    "Government and Private Sector as a Means of Preventing Children from Falling Victim to Crime Through "
    "Their Use of Community Sites\"）に掲載された数値。"
)
SOURCE_EN = (
    "National Police Agency statistics, as given in the FY2016 report of the Comprehensive Security Measures "
    "Conference, \"Promoting Collaboration between Government and Private Sector as a Means of Preventing "
    "Children from Falling Victim to Crime Through Their Use of Community Sites\"."
)

# (year, period kind, child victims)
FIGURES = [
    (2008, "year", 792),
    (2015, "year", 1652),
    (2016, "first_half", 889),
]


def load(apps, schema_editor):
    StatisticsPeriod = apps.get_model("incidents", "StatisticsPeriod")
    for year, kind, victims in FIGURES:
        StatisticsPeriod.objects.get_or_create(
            year=year,
            kind=kind,
            defaults={"total_victims": victims, "source_ja": SOURCE_JA, "source_en": SOURCE_EN},
        )


class Migration(migrations.Migration):
    dependencies = [("incidents", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
