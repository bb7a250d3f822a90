"""Characters that look like something else: full-width forms a Chinese input method types in
place of ASCII (``３``, ``：``, an ideographic space), and invisible control characters.

Messages name such a character by its code point, never by printing it raw.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that change how text reads without being seen: line and paragraph
# separators (YAML 1.1 tools read them as line breaks, YAML 1.2 tools as text), the byte order
# mark, and the bidirectional controls of "Trojan Source" (CVE-2021-42574).
_INVISIBLE = {
    "\u0085": "下一行符 NEL",
    "\u2028": "行分隔符",
    "\u2029": "段分隔符",
    "\ufeff": "字节顺序标记 BOM",
    "\u061c": "文字方向控制符",
    "\u200e": "文字方向控制符",
    "\u200f": "文字方向控制符",
    **{chr(c): "文字方向控制符" for c in range(0x202A, 0x202F)},
    **{chr(c): "文字方向控制符" for c in range(0x2066, 0x206A)},
}
_CONTROL_NAMES = {
    "\x00": "空字符 NUL",
    "\x07": "响铃 BEL",
    "\x08": "退格 BS",
    "\x0b": "垂直制表符 VT",
    "\x0c": "换页符 FF",
    "\x1b": "转义符 ESC",
    "\x7f": "删除符 DEL",
}
# Every character ``is_invisible`` accepts, for a fast search over whole texts.
INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]"
)


def is_invisible(ch: str) -> bool:
    """A control character (other than tab and the line ends LF and CR) or an invisible format
    character that changes how the text reads."""
    return ch in _INVISIBLE or (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")


def describe(ch: str) -> str:
    """``U+001B（转义符 ESC）``: a character named without printing it."""
    name = _INVISIBLE.get(ch) or _CONTROL_NAMES.get(ch) or "控制字符"
    return f"U+{ord(ch):04X}（{name}）"


def ascii_lookalikes(text: str) -> list[tuple[str, str]]:
    """(character, its ASCII form) for each distinct full-width or non-ASCII digit, letter,
    punctuation mark or space in ``text`` that stands for an ASCII one: ``３`` -> ``3``,
    ``：`` -> ``:``, U+3000 -> space, Arabic-Indic ``٣`` -> ``3``."""
    found: dict[str, str] = {}
    for ch in text:
        if ch.isascii() or ch in found:
            continue
        folded = unicodedata.normalize("NFKC", ch)
        if unicodedata.category(ch) == "Nd":
            folded = str(unicodedata.digit(ch))
        if len(folded) == 1 and folded.isascii() and folded.isprintable():
            found[ch] = folded
    return list(found.items())


def lookalike_hint(text: str) -> str:
    """A Chinese sentence naming each full-width character and what to type instead, or ''."""
    pairs = ascii_lookalikes(text)
    if not pairs:
        return ""
    named = "、".join(
        f"全角空格（U+{ord(ch):04X}）应为半角空格"
        if ascii == " "
        else f"「{ch}」（U+{ord(ch):04X}）应为半角的「{ascii}」"
        for ch, ascii in pairs
    )
    return f"这里有全角或非 ASCII 的字符：{named}。切换到半角（英文）输入后重新输入。"
