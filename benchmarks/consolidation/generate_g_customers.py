"""Generator g: both sides' customers. haitao has its people; the acquired platform has some of the same people
(written its own way: pinyin or traditional names, +86 and spaced phones, lower-case x, a field left out), some
namesakes (same name, another person), some housemates (same phone and address, another person) and strangers."""

from __future__ import annotations

import json
import random
from pathlib import Path

from .generate_g_people import export_row, haitao_row, person

SHARES = {"linked": 0.42, "namesake": 0.08, "housemate": 0.05}


def write_customers(out: Path, size: int, seed: int, rng: random.Random) -> dict:
    """Write haitao-export/customers.jsonl, export/customers.jsonl and customers_truth.json; return counts."""
    n = max(60, size // 4)
    with (out / "haitao-export" / "customers.jsonl").open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(haitao_row(f"HC{100000 + i}", person(seed, i)), ensure_ascii=False) + "\n")
    counts = {role: round(n * share) for role, share in SHARES.items()}
    roles = [role for role, k in counts.items() for _ in range(k)]
    roles += ["stranger"] * (n - len(roles))
    rng.shuffle(roles)
    linked = rng.sample(range(n), counts["linked"])
    truth: dict[str, str | None] = {}
    with (out / "export" / "customers.jsonl").open("w", encoding="utf-8") as f:
        for j, role in enumerate(roles):
            cid = f"U{(j * 7907 + 31) % 9_000_000 + 1_000_000}"
            if role == "linked":
                i = linked.pop()
                row, truth[cid] = export_row(cid, person(seed, i), rng, True), f"HC{100000 + i}"
            else:
                p = person(seed, n + j)
                other = person(seed, rng.randrange(n))
                if role == "namesake":
                    p.update({k: other[k] for k in ("name", "surname", "given", "pinyin")})
                    p["email"] = "".join(other["pinyin"]) + p["email"].split("@")[0][-4:].lstrip("abcdefghijklmnopqrstuvwxyz") \
                        + "@" + p["email"].split("@")[1]
                elif role == "housemate":
                    p.update({k: other[k] for k in ("phone", "address")})
                row, truth[cid] = export_row(cid, p, rng, False), None
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out / "customers_truth.json").write_text(json.dumps(truth, ensure_ascii=False) + "\n", encoding="utf-8")
    return {"haitao": n, "export": n, **counts, "stranger": n - sum(counts.values())}
