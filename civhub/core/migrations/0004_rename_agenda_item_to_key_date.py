# The centre's public dates are key dates, not an agenda: the events app has the agenda and a
# governance meeting has agenda items. A rename, so the rows stay.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0003_regulations_exact_shares_award_and_obligations'),
    ]

    operations = [
        migrations.RenameModel(old_name='AgendaItem', new_name='KeyDate'),
        migrations.AlterModelOptions(
            name='keydate',
            options={'ordering': ['centre', 'starts_on'], 'verbose_name': 'key date', 'verbose_name_plural': 'key dates'},
        ),
        migrations.AlterField(
            model_name='keydate',
            name='centre',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='key_dates', to='core.centre', verbose_name='centre'),
        ),
        migrations.RemoveConstraint(model_name='keydate', name='unique_agenda_item'),
        migrations.AddConstraint(
            model_name='keydate',
            constraint=models.UniqueConstraint(fields=('centre', 'starts_on', 'title'), name='unique_key_date'),
        ),
    ]
