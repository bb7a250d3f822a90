"""A seeded mutator over the bundled playbooks, for the fuzz test (tests/test_fuzz.py).

Each mutation changes one file of a copy of ``playbooks/`` in one way a hurried editor, a
copy-paste or a hostile pull request would: a hostile value in place of a scalar, a line
deleted, duplicated or re-indented, a raw control character or invalid byte, a cut-off file,
a required key removed, an unknown key added. Some kinds of mutation always make the set
broken (``Mutation.breaks``): the checker must then fail, never pass.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

# values a scalar is replaced with: what input methods, copy-paste and attackers produce
HOSTILE_VALUES = (
    '"1３ working days"',
    '"０９:00"',
    '"3 working days\\n"',
    '"２０２６-10-01"',
    '"a\\0b"',
    '"\\e[2J清屏"',
    '"\\u202e反转"',
    '"\\u2028"',
    "9" * 5000,
    "1" + "0" * 20,
    "-1",
    "0",
    "1.0e999",
    "-0.0",
    ".inf",
    ".nan",
    '"0000-00-00"',
    '"2026-02-30"',
    '"9999-12-31"',
    '"0001-01-01"',
    '""',
    "~",
    "[]",
    "{}",
    "[[[[[[[[]]]]]]]]",
    "yes",
    "1:30",
    "010",
    "0x1F",
    "2026-10-01",
    '"x"',
    "x" * 10000,
    "nobody",
    "PRODUCT-QUALITY",
    '"0m"',
    '"3d"',
    '"999999 working days"',
    '"999999m"',
    '"1 working hour"',
    '"9999999 calendar days"',
    "&anchor value",
    "*alias",
    "!!binary aGk=",
    "!include other.yaml",
    '"{未声明的占位符}"',
    "|\n  多行\n  文字",
    "'单引号'",
    '"99.99.99"',
    '"1.0.0"',
    '"25:61"',
    '"23:59"',
    '"00:00"',
)
# raw characters inserted anywhere in a file
RAW_CHARACTERS = ("\t", "\u2028", "\u2029", "\u0085", "\ufeff", "\u202e", "\u3000", "：", "#")
# bytes that always make a file unreadable (a control character, an invalid UTF-8 byte)
BREAKING_BYTES = (b"\x00", b"\x1b", b"\xff", b"\xc3\x28", b"\x7f")

_SCALAR_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_][A-Za-z0-9_-]*: )(?![|>])(\S.*)$")
_TOP_KEY = re.compile(r"^([a-z_]+):")


@dataclass(frozen=True)
class Mutation:
    """What was done to which file; ``breaks``: the result is certainly not a valid set."""

    file: str
    description: str
    breaks: bool


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _replace_scalar(rng: random.Random, text: str) -> tuple[str, str, bool]:
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if _SCALAR_LINE.match(line)]
    if not candidates:
        return text, "no scalar", False
    index = rng.choice(candidates)
    match = _SCALAR_LINE.match(lines[index])
    assert match is not None
    value = rng.choice(HOSTILE_VALUES)
    indent = " " * (len(match.group(1)) - len(match.group(1).lstrip()) + 2)
    value = value.replace("\n", "\n" + indent)
    lines[index] = match.group(1) + value
    return "\n".join(lines), f"line {index + 1}: value -> {value[:40]!r}", False


def _delete_line(rng: random.Random, text: str) -> tuple[str, str, bool]:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    del lines[index]
    return "\n".join(lines), f"line {index + 1} deleted", False


def _duplicate_line(rng: random.Random, text: str) -> tuple[str, str, bool]:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    lines.insert(index, lines[index])
    return "\n".join(lines), f"line {index + 1} duplicated", False


def _swap_lines(rng: random.Random, text: str) -> tuple[str, str, bool]:
    lines = _lines(text)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return "\n".join(lines), f"lines {a + 1} and {b + 1} swapped", False


def _reindent(rng: random.Random, text: str) -> tuple[str, str, bool]:
    lines = _lines(text)
    index = rng.randrange(len(lines))
    if rng.random() < 0.5:
        lines[index] = "  " + lines[index]
        return "\n".join(lines), f"line {index + 1} indented", False
    lines[index] = lines[index][2:] if lines[index].startswith("  ") else lines[index]
    return "\n".join(lines), f"line {index + 1} dedented", False


def _insert_character(rng: random.Random, text: str) -> tuple[str, str, bool]:
    at = rng.randrange(len(text) + 1)
    ch = rng.choice(RAW_CHARACTERS)
    return text[:at] + ch + text[at:], f"U+{ord(ch):04X} inserted at {at}", False


def _truncate(rng: random.Random, text: str) -> tuple[str, str, bool]:
    at = rng.randrange(len(text) + 1)
    return text[:at], f"cut at {at}", False


def _line_endings(rng: random.Random, text: str) -> tuple[str, str, bool]:
    ending = rng.choice(("\r\n", "\r"))
    return text.replace("\n", ending), f"line endings {ending!r}", False


def _remove_top_key(rng: random.Random, text: str, required: set[str]) -> tuple[str, str, bool]:
    lines = _lines(text)
    starts = [i for i, line in enumerate(lines) if (m := _TOP_KEY.match(line)) and m[1] in required]
    if not starts:
        return text, "no required key", False
    start = rng.choice(starts)
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    key = _TOP_KEY.match(lines[start])
    del lines[start:end]
    return "\n".join(lines), f"required key {key[1] if key else '?'} removed", True


def _add_unknown_key(rng: random.Random, text: str) -> tuple[str, str, bool]:
    name = rng.choice(("unexpected_field", "sumary", "Title", "kind2"))
    body = text if text.endswith("\n") else text + "\n"
    return body + f"{name}: 1\n", f"unknown key {name} added", True


_TEXT_MUTATIONS = (
    _replace_scalar,
    _replace_scalar,
    _replace_scalar,
    _delete_line,
    _duplicate_line,
    _swap_lines,
    _reindent,
    _insert_character,
    _truncate,
    _line_endings,
    _add_unknown_key,
)


def mutate(folder: Path, rng: random.Random, required: dict[str, set[str]]) -> Mutation:
    """Apply one mutation to one YAML file of ``folder`` (a copy of the playbooks).

    ``required`` maps a file's path (relative to the folder) to the top-level keys its schema
    requires.
    """
    files = sorted(p for p in folder.rglob("*.yaml"))
    target = rng.choice(files)
    relative = target.relative_to(folder).as_posix()
    raw = target.read_bytes()
    roll = rng.random()
    if roll < 0.08:
        at = rng.randrange(len(raw) + 1)
        inserted = rng.choice(BREAKING_BYTES)
        target.write_bytes(raw[:at] + inserted + raw[at:])
        return Mutation(relative, f"bytes {inserted!r} inserted at {at}", True)
    text = raw.decode("utf-8")
    if roll < 0.16:
        new, description, breaks = _remove_top_key(rng, text, required.get(relative, set()))
    else:
        new, description, breaks = rng.choice(_TEXT_MUTATIONS)(rng, text)
    target.write_bytes(new.encode("utf-8"))
    return Mutation(relative, description, breaks)
