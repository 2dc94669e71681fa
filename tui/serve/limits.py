"""What a client may ask of a hosted wizard, whichever way it connects (SSH or
a browser): a terminal size within reason, and memory within a ceiling.

A client names its own terminal size. Textual keeps a buffer per screen cell,
so a 60000x60000 pty request once grew one wizard to 23 GB. Every size a
client sends is clamped here before a terminal is sized with it, and every
wizard process runs under an address-space ceiling so that whatever else goes
wrong, one connection cannot take more than its share of the host."""

from __future__ import annotations

import resource

# The widest and tallest terminal a wizard is given: a 4K screen in a small
# font is about 480 columns by 180 rows, and 1000x300 costs a wizard about
# 50 MB (measured), against 42 MB at 200x60.
MAX_COLUMNS = 1000
MAX_ROWS = 300
# A wizard's address space, not its resident memory: Python, Textual and
# their threads reserve about 260 MB of it and touch about 50 MB.
DEFAULT_MEMORY_MIB = 1024
MIN_MEMORY_MIB = 512  # below this the wizard cannot start at all


def clamp_size(width: int | None, height: int | None) -> tuple[int, int]:
    """A client's terminal size made safe: 80x24 for nothing or nonsense,
    and never above MAX_COLUMNS x MAX_ROWS."""
    columns = width if isinstance(width, int) and width > 0 else 80
    rows = height if isinstance(height, int) and height > 0 else 24
    return min(columns, MAX_COLUMNS), min(rows, MAX_ROWS)


def clamp_pixels(value: int | None) -> int:
    """A pixel size for the terminal's record: it must fit 16 bits."""
    return value if isinstance(value, int) and 0 <= value <= 0xFFFF else 0


def cap_memory(mebibytes: int) -> None:
    """In a wizard's process, before it runs: its address-space ceiling."""
    ceiling = mebibytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))


def memory_cap_command(mebibytes: int) -> str:
    """The same ceiling as a shell command, for a wizard a shell starts."""
    return f"ulimit -v {mebibytes * 1024}"
