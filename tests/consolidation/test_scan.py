"""NameScanner finds names as a regex alternation of them (longest first) would."""

import re

from haitao.consolidation.scan import NameScanner


def test_leftmost_then_longest():
    scanner = NameScanner(["奥尼", "奥尼堂", "nike", "nikeland"])
    assert scanner.search("正品 奥尼堂 牙膏") == "奥尼堂"
    assert scanner.search("nikeland 奥尼") == "nikeland"
    assert scanner.search("nothing here") is None


def test_latin_names_are_whole_words_when_bounded():
    scanner = NameScanner(["nike", "奥尼"], bounded=True)
    assert scanner.search("nikeair 奥尼") == "奥尼"  # 'nike' inside 'nikeair' is no name; a Chinese one needs no bounds
    assert scanner.search("the nike shoe") == "nike"
    assert NameScanner(["nike"]).search("nikeair") == "nike"  # unbounded


def test_agrees_with_the_regex_it_replaces():
    names = ["swisse", "斯维诗", "a2", "a2牌", "blackmores", "bio", "bioisland", "澳佳宝"]
    pattern = re.compile("|".join(re.escape(n) if n[0] >= "\u3400" else rf"(?<![0-9a-z]){re.escape(n)}(?![0-9a-z])"
                                  for n in sorted(names, key=len, reverse=True)))
    scanner = NameScanner(names, bounded=True)
    for text in ["a2牌 奶粉", "bioisland 鱼油", "澳佳宝blackmores", "xa2 swisse", "bio island", "斯维诗 a2", "无"]:
        match = pattern.search(text)
        assert scanner.search(text) == (match.group(0) if match else None), text
