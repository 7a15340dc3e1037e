"""Real-name verification is a pluggable provider (docs/rules.md, rule 7).

A checksum only proves an ID number is well formed; whether it belongs to the named person is for a
payment institution or a government service to say. The sandbox accepts any valid number with a
non-empty name, which is what the demo and tests need.
"""

from importlib import import_module

from django.conf import settings


class SandboxVerifier:
    name = "sandbox"

    def verify(self, real_name: str, id_number: str) -> bool:
        return bool(real_name.strip()) and len(id_number) == 18


def verifier():
    path = getattr(settings, "IDENTITY_VERIFIER", "haitao.accounts.verification.SandboxVerifier")
    module, _, cls = path.rpartition(".")
    return getattr(import_module(module), cls)()
