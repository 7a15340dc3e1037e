"""Disjoint sets of strings (union–find with path halving): brand names grouped into brands, words
grouped by the pairs a learned map found. Pure: no Django."""

from __future__ import annotations


class DisjointSets:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        """The representative of ``item``'s set (a new item is a set of its own)."""
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> dict[str, list[str]]:
        """Representative → the members of its set, in the order they were first seen."""
        found: dict[str, list[str]] = {}
        for item in list(self.parent):
            found.setdefault(self.find(item), []).append(item)
        return found
