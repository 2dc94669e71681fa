"""Textual's Linux driver, except that losing the input ends the session cleanly
(and, with --ascii, that only ASCII reaches the terminal).

Textual's own input loop spins on an empty read (end of file) and panics with
a traceback on EIO (a terminal that hung up). Over SSH both mean the user is
gone, so this driver hands either to the app's hang_up(), which saves and exits.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from typing import Protocol

from textual._xterm_parser import XTermParser  # textual is pinned below 9 for this
from textual.drivers.linux_driver import LinuxDriver

from tui.app.ascii import to_ascii


class HangsUp(Protocol):
    ascii_only: bool

    def hang_up(self) -> None: ...


class HangUpDriver(LinuxDriver):
    def write(self, data: str) -> None:
        # --ascii: the last word on every character that reaches the terminal.
        app: HangsUp = self._app  # type: ignore[assignment]
        super().write(to_ascii(data) if app.ascii_only else data)

    def run_input_thread(self) -> None:
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        try:
            while not self.exit_event.is_set():
                for _key, mask in selector.select(0.1):
                    if not mask & selectors.EVENT_READ:
                        continue
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:
                        data = b""  # EIO: the terminal is gone
                    if not data:
                        app: HangsUp = self._app  # type: ignore[assignment]
                        app.hang_up()
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
