"""Drawing with ASCII only, for terminals whose fonts lack block and box
characters (the Linux console, some PuTTY set-ups): `ragft --ascii`."""

from __future__ import annotations

KEY_NAMES = {"←": "left", "→": "right", "↑": "up", "↓": "down", "⏎": "enter"}

# One character for one, so nothing on screen moves.
_SINGLE = {
    "·": "|",
    "—": "-",
    "–": "-",
    "…": ".",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "◆": "*",
    "•": "*",
    "●": "*",
    "◐": "o",
    "○": "o",
    "⭘": "o",
    "▲": "^",
    "▼": "v",
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "✓": "v",
    "✗": "x",
    "✕": "x",
    "▸": ">",
    "░": ".",
    "▁": "_",
    "▔": "-",
    "▏": "|",
    "▕": "|",
    "▎": "|",
    "▍": "|",
    "▐": "|",
    "▌": "|",
}
_HORIZONTAL = "─━═╌╍┄┅┈┉╴╶╸╺╼╾"
_VERTICAL = "│┃║╎╏┆┇┊┋╵╷╹╻╽╿"


def _table() -> dict[int, str]:
    table = {ord(c): "-" for c in _HORIZONTAL} | {ord(c): "|" for c in _VERTICAL}
    for code in range(0x2500, 0x2580):  # the rest of box drawing: corners, tees, crosses
        table.setdefault(code, "+")
    for code in range(0x2580, 0x25A0):  # block elements
        table.setdefault(code, "#")
    return table | {ord(c): ascii_ for c, ascii_ in _SINGLE.items()}


ASCII_TABLE = _table()


def to_ascii(output: str) -> str:
    """Terminal output with drawing characters swapped for ASCII, cell for cell
    (escape sequences are ASCII already and pass through)."""
    return output.translate(ASCII_TABLE)


def ascii_key(display: str) -> str:
    """A key as shown in the footer and help, with arrows spelled out."""
    for glyph, name in KEY_NAMES.items():
        display = display.replace(glyph, name)
    return display
