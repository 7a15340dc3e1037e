# The worker's idle pass finds its work through these partial indexes (docs/benchmarks.md, "Worker idle tick: index use").

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('payments', '0007_pay_callback_function'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='paymentdatarequest',
            index=models.Index(condition=models.Q(('status', 'pending')), fields=['id'], name='payment_data_to_answer'),
        ),
        migrations.AddIndex(
            model_name='paymentdeclaration',
            index=models.Index(condition=models.Q(('status', 'pending')), fields=['id'], name='payment_decl_to_push'),
        ),
        migrations.AddIndex(
            model_name='paymentdeclaration',
            index=models.Index(condition=models.Q(('status', 'submitted')), fields=['id'], name='payment_decl_to_poll'),
        ),
    ]
