from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def bind_each_id_number_to_its_first_account(apps, schema_editor):
    """Accounts that already share an ID number: the first one verified keeps it; the others may no
    longer reserve that person's quota (the owner sees their unpaid orders and can release them)."""
    Identity = apps.get_model("accounts", "Identity")
    first = {}
    for pk, id_hash in Identity.objects.order_by("verified_at", "id").values_list("id", "id_hash"):
        first.setdefault(id_hash, pk)
    Identity.objects.exclude(id__in=list(first.values())).update(owner=False)


def expire_existing_tokens(apps, schema_editor):
    """Tokens issued before expiry existed run out a TTL after they were made (NULL would never expire)."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    ttl = timedelta(days=settings.API_TOKEN_TTL_DAYS)
    for token in ApiToken.objects.filter(expires_at__isnull=True).only("id", "created_at"):
        ApiToken.objects.filter(pk=token.pk).update(expires_at=token.created_at + ttl)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_verbose_names'),
    ]

    operations = [
        migrations.CreateModel(
            name='IdentityAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('id_hash', models.CharField(db_index=True, max_length=64, verbose_name='ID number hash')),
                ('real_name_masked', models.CharField(max_length=60, verbose_name='real name (masked)')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
            ],
            options={
                'verbose_name': 'identity attempt',
                'verbose_name_plural': 'identity attempts',
                'ordering': ['-created_at'],
            },
        ),
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(help_text='refused from then on (settings.API_TOKEN_TTL_DAYS)', null=True, verbose_name='expires at'),
        ),
        migrations.AddField(
            model_name='identity',
            name='owner',
            field=models.BooleanField(default=True, help_text="the account this ID number is bound to: only its orders may use the person's quota (one per ID number)", verbose_name='owner'),
        ),
        migrations.RunPython(bind_each_id_number_to_its_first_account, migrations.RunPython.noop),
        migrations.RunPython(expire_existing_tokens, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='identity',
            constraint=models.UniqueConstraint(condition=models.Q(('owner', True)), fields=('id_hash',), name='one_owner_account_per_id_number'),
        ),
        migrations.AddField(
            model_name='identityattempt',
            name='customer',
            field=models.ForeignKey(help_text='the account that tried', on_delete=django.db.models.deletion.CASCADE, related_name='identity_attempts', to='accounts.customer', verbose_name='customer'),
        ),
    ]
