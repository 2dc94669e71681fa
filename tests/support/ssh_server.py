"""A real OpenSSH server on 127.0.0.1 for the tests: its own host key, one
authorized client key, a free port, and nothing written outside a temp folder
(but /run/sshd, which sshd insists on)."""

from __future__ import annotations

import getpass
import os
import shlex
import socket
import subprocess
import time
from pathlib import Path

SSHD = "/usr/sbin/sshd"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SshServer:
    def __init__(self, folder: Path) -> None:
        if not Path(SSHD).exists():
            raise RuntimeError(
                "no sshd: run tests/system-deps.sh first (it installs openssh-server)"
            )
        self.folder = folder
        self.port = free_port()
        self.user = getpass.getuser()
        self.key = folder / "client_key"
        for key in (folder / "host_key", self.key):
            subprocess.run(
                ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True
            )
        authorized = folder / "authorized_keys"
        authorized.write_text((folder / "client_key.pub").read_text())
        authorized.chmod(0o600)
        config = folder / "sshd_config"
        config.write_text(
            "\n".join(
                [
                    f"Port {self.port}",
                    "ListenAddress 127.0.0.1",
                    f"HostKey {folder / 'host_key'}",
                    f"AuthorizedKeysFile {authorized}",
                    f"PidFile {folder / 'sshd.pid'}",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "PubkeyAuthentication yes",
                    "PermitRootLogin prohibit-password",
                    "UsePAM no",
                    "StrictModes no",
                    "LogLevel ERROR",
                    "",
                ]
            )
        )
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
        self.process = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)],
            stdout=subprocess.DEVNULL,
            stderr=open(folder / "sshd.log", "w"),  # noqa: SIM115 - lives as long as sshd
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    log = (folder / "sshd.log").read_text()
                    raise RuntimeError(f"sshd did not start: {log}") from None
                time.sleep(0.05)

    def ssh_command(self, remote: str, *, tty: bool = True, term: str | None = None) -> str:
        """A shell command that runs `remote` on the server over ssh."""
        options = [
            "-i", str(self.key),
            "-p", str(self.port),
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "LogLevel=ERROR",
            "-o", "BatchMode=yes",
        ]  # fmt: skip
        tty_flag = ["-tt"] if tty else ["-T"]
        client = ["ssh", *tty_flag, *options, f"{self.user}@127.0.0.1", remote]
        prefix = f"env -u COLORTERM TERM={term} " if term else "env -u COLORTERM "
        return prefix + shlex.join(client)

    def remote(self, ragft_args: str, cwd: Path, extra_env: dict[str, str] | None = None) -> str:
        """The remote side: ragft in `cwd`, with the test's config folder."""
        environment = {"XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"], **(extra_env or {})}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
        from tests.support.terminal import RAGFT

        return f"cd {shlex.quote(str(cwd))} && exec env {exports} {RAGFT} {ragft_args}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
