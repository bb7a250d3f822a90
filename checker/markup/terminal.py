"""Text for a terminal: control characters escaped, widths counted as a terminal does."""

from __future__ import annotations

import unicodedata

# control and format characters, lone surrogates (undecodable file names), line and paragraph
# separators: none of them reaches a terminal, a log or an XML report raw
_HIDDEN_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def printable(text: str, keep_newlines: bool = False) -> str:
    """Control characters from a checked file (or its name) shown as escapes, never sent to
    the terminal: ESC cannot recolour or rewrite the screen, NUL cannot cut a log line. With
    ``keep_newlines`` line feeds stay (for formats that escape them their own way)."""
    if keep_newlines:
        return "\n".join(printable(line) for line in text.split("\n"))
    if text.isascii() and text.isprintable():
        return text
    return "".join(
        ch
        if ch in "\t\u200b"
        or (unicodedata.category(ch) not in _HIDDEN_CATEGORIES and ch not in "\ufffe\uffff")
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 256
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def display_width(text: str) -> int:
    """Columns a terminal uses: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def abbreviated(text: str, limit: int = 60) -> str:
    """``text``, or its first part and its length when longer than ``limit`` characters: a
    5,000-digit number or a 300-character path quoted in a message stays one readable line."""
    if len(text) <= limit:
        return text
    return f"{text[: limit - 20]}…（共 {len(text)} 个字符）"
