"""Text for a terminal: control characters escaped, widths counted as a terminal does."""

from __future__ import annotations

import unicodedata


def printable(text: str) -> str:
    """Control characters from a checked file shown as escapes, never sent to the terminal."""
    return "".join(
        ch
        if ch in "\t" or unicodedata.category(ch) not in ("Cc", "Cf") or ch == "\u200b"
        else f"\\x{ord(ch):02x}"
        if ord(ch) < 256
        else f"\\u{ord(ch):04x}"
        for ch in text
    )


def display_width(text: str) -> int:
    """Columns a terminal uses: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
