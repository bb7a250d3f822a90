"""The toneless pinyin readings of the 6,763 GB2312 characters, for typo correction.

Staff type Chinese with a pinyin input method; a slip picks a character with the same sound
(退宽 for 退款, 漏点 for 漏电), or the method is off and the letters stay (tuikuan). The browser
compares sounds with this table (``pinyin-table.txt``: one syllable per line, then every
character read that way). The file is generated from pypinyin (a dev dependency) by
``python -m checker.site.search.pinyin_table --write`` and a test keeps it equal to pypinyin's
readings, so a build needs neither pypinyin nor its 3 s import.
"""

from __future__ import annotations

import argparse
import functools
from importlib import resources
from pathlib import Path

TABLE = "pinyin-table.txt"


def gb2312_characters() -> list[str]:
    """The GB2312 hanzi (levels 1 and 2) in code order: what a pinyin input method offers."""
    found = []
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                found.append(bytes([high, low]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def generate() -> str:
    """The table text from pypinyin (imported here only: the build reads the file)."""
    from pypinyin import Style, pinyin

    readings: dict[str, list[str]] = {}
    for char in gb2312_characters():
        for syllable in pinyin(char, style=Style.NORMAL, heteronym=True)[0]:
            if syllable.isascii() and syllable.isalpha():
                readings.setdefault(syllable, []).append(char)
    lines = [f"{s}\t{''.join(chars)}" for s, chars in sorted(readings.items())]
    return "\n".join(lines) + "\n"


@functools.cache
def syllables() -> dict[str, str]:
    """Syllable -> every character read that way (from the packaged table)."""
    text = resources.files(__package__).joinpath(TABLE).read_text(encoding="utf-8")
    table = {}
    for line in text.splitlines():
        syllable, _, chars = line.partition("\t")
        table[syllable] = chars
    return table


@functools.cache
def readings() -> dict[str, tuple[str, ...]]:
    """Character -> its syllables."""
    found: dict[str, list[str]] = {}
    for syllable, chars in syllables().items():
        for char in chars:
            found.setdefault(char, []).append(syllable)
    return {char: tuple(s) for char, s in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {TABLE} next to this file")
    args = parser.parse_args()
    text = generate()
    if args.write:
        Path(__file__).with_name(TABLE).write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
