"""Generator g: shuffling more rows than memory should hold. Rows go to randomly chosen bucket files as they are
made; draining reads one bucket at a time, shuffles it and yields its rows, then deletes the files."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from pathlib import Path


class Shuffler:
    def __init__(self, folder: Path, buckets: int, rng: random.Random) -> None:
        self.folder, self.rng = folder, rng
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        self.files = [(folder / f"{i}.jsonl").open("w", encoding="utf-8") for i in range(buckets)]

    def add(self, item) -> None:
        self.rng.choice(self.files).write(json.dumps(item, ensure_ascii=False) + "\n")

    def drain(self) -> Iterator:
        for handle in self.files:
            handle.close()
        for handle in self.files:
            with open(handle.name, encoding="utf-8") as f:
                rows = [json.loads(line) for line in f]
            self.rng.shuffle(rows)
            yield from rows
        shutil.rmtree(self.folder)
