"""`ragft serve` on 127.0.0.1 for the tests: a config folder of its own, keys
for two people and one stranger, a free port, and the real OpenSSH client."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import time
from pathlib import Path

from tests.support.proc import children
from tests.support.ssh_server import free_port
from tests.support.terminal import RAGFT

PEOPLE = {"ana": "Ana Lima", "bob": "Bob"}


class RagftServer:
    def __init__(
        self,
        folder: Path,
        *options: str,
        people: dict[str, str] = PEOPLE,
        extra_keys: str = "",
    ) -> None:
        self.folder = folder
        self.people = people
        self.config = folder / "config"
        (self.config / "ragft").mkdir(parents=True)
        self.port = free_port()
        for who in (*people, "stranger"):
            subprocess.run(
                [
                    "ssh-keygen",
                    "-q",
                    "-t",
                    "ed25519",
                    "-N",
                    "",
                    "-C",
                    who,
                    "-f",
                    str(self.key(who)),
                ],
                check=True,
            )
        self.authorized = self.config / "ragft" / "authorized_keys"
        self.authorized.write_text(
            "".join(
                f'ragft-user="{name}" {self.key(who).with_suffix(".pub").read_text()}'
                for who, name in people.items()
            )
            + extra_keys
        )
        self.log = folder / "serve.log"
        self.process = subprocess.Popen(
            [RAGFT, "serve", "--host", "127.0.0.1", "--port", str(self.port), *options],
            env={**os.environ, "XDG_CONFIG_HOME": str(self.config)},
            stdout=subprocess.DEVNULL,
            stderr=open(self.log, "w"),  # noqa: SIM115 - lives as long as the server
        )
        self.wait_until_listening()

    def key(self, who: str) -> Path:
        return self.folder / f"{who}_key"

    def wait_until_listening(self) -> None:
        deadline = time.monotonic() + 15
        while True:
            try:
                probe = socket.create_connection(("127.0.0.1", self.port), timeout=0.2)
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(
                        f"ragft serve did not start: {self.log.read_text()}"
                    ) from None
                time.sleep(0.05)
                continue
            # The probe counts as a connection logging in until the server has
            # seen it go (tests of the login cap count from zero): wait for its line.
            seen_as = f"127.0.0.1:{probe.getsockname()[1]} "
            probe.close()
            deadline = time.monotonic() + 30
            while seen_as not in self.log.read_text():
                if time.monotonic() > deadline:
                    said = self.log.read_text()
                    raise RuntimeError(f"ragft serve never logged its probe: {said}")
                time.sleep(0.05)
            return

    def home(self, who: str) -> Path:
        from tui.serve.keys import person_folder

        return self.config / "ragft" / "people" / person_folder(self.people[who])

    def sessions(self, who: str) -> list[Path]:
        return sorted((self.home(who) / ".config" / "ragft" / "sessions").glob("*.toml"))

    def ssh(self, who: str, *remote: str, tty: bool = False, options: tuple = ()) -> list[str]:
        return [
            "ssh",
            "-tt" if tty else "-T",
            "-i", str(self.key(who)),
            "-p", str(self.port),
            "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes",
            *options,
            "127.0.0.1",
            *remote,
        ]  # fmt: skip

    def run(self, who: str, *remote: str, stdin: str = "", options: tuple = ()):
        return subprocess.run(
            self.ssh(who, *remote, options=options),
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    def shell_command(self, who: str, *remote: str) -> str:
        """A command line for tmux: `who` connecting with a terminal."""
        return "env -u COLORTERM " + shlex.join(self.ssh(who, *remote, tty=True))

    def children(self) -> list[int]:
        return children(self.process.pid)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=20)
