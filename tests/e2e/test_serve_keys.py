"""The pieces of `ragft serve` that need no network: reading authorized_keys,
the host key, and what a client may ask to run."""

from __future__ import annotations

import stat
import subprocess

import pytest

asyncssh = pytest.importorskip("asyncssh", reason="ragft serve needs the serve extra")

from tui.serve.child import command_line, move_old_folders  # noqa: E402
from tui.serve.keys import (  # noqa: E402
    AuthorizedKeys,
    KeysError,
    Person,
    host_key,
    parse_authorized_keys,
    person_folder,
)


def public_key(tmp_path, comment: str = "") -> str:
    path = tmp_path / f"k{len(list(tmp_path.iterdir()))}"
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)], check=True
    )
    return path.with_suffix(".pub").read_text().strip()


def test_a_person_is_named_by_the_option_else_by_the_comment(tmp_path):
    first, second, third = (public_key(tmp_path, c) for c in ("ana@laptop", "x", "Cy Young"))
    text = f'ragft-user="Ana Lima" {first}\n{third}\n# a comment\n\nragft-user=ana {second}\n'
    grants, problems = parse_authorized_keys(text, "keys")
    assert not problems
    names = sorted((g.person.name, g.person.folder) for g in grants.values())
    assert [(name, folder.rsplit("-", 1)[0]) for name, folder in names] == [
        ("Ana Lima", "ana-lima"),
        ("Cy Young", "cy-young"),
        ("ana", "ana"),
    ]
    assert all(g.fingerprint.startswith("SHA256:") for g in grants.values())


def test_lines_it_cannot_honour_are_left_out_with_a_reason(tmp_path):
    key = public_key(tmp_path, "")
    text = "\n".join(
        [
            f'from="10.0.0.0/8" {public_key(tmp_path, "eve")}',
            key,
            "ssh-ed25519 AAAAnotbase64",
            "hello world",
        ]
    )
    grants, problems = parse_authorized_keys(text, "keys")
    assert not grants
    assert problems == [
        "keys:1: option from is not supported; line left out",
        'keys:2: no person named (add ragft-user="Name" or a comment); left out',
        "keys:3: the key does not decode; line left out",
        "keys:4: not a public key line; left out",
    ]


def test_the_file_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "authorized_keys"
    keys = AuthorizedKeys(path)
    with pytest.raises(KeysError, match="does not exist: put your team's public keys there"):
        keys.require()
    path.write_text(public_key(tmp_path, "ana") + "\n")
    keys.require()
    assert [g.person.name for g in keys.grants.values()] == ["ana"]
    path.write_text(path.read_text() + public_key(tmp_path, "bob") + "\n")
    keys.refresh()
    assert sorted(g.person.name for g in keys.grants.values()) == ["ana", "bob"]


def test_the_host_key_is_made_once_and_private(tmp_path):
    path = tmp_path / "folder" / "ssh_host_key"
    made = host_key(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert host_key(path).get_fingerprint() == made.get_fingerprint()
    path.write_text("not a key")
    with pytest.raises(KeysError, match="not a usable host key"):
        host_key(path)


@pytest.mark.parametrize(
    ("asked", "runs"),
    [
        (None, []),
        ("", []),
        ("list", ["list"]),
        ("list --json", ["list", "--json"]),
        ("decide -", ["decide", "-"]),
        ("export 'Support bot'", ["export", "Support bot", "-o", "-"]),
        ("export Ana's bot", ["export", "Ana's bot", "-o", "-"]),
    ],
)
def test_what_a_client_may_run(asked, runs):
    assert command_line(asked) == runs


@pytest.mark.parametrize(
    "asked",
    ["sh -c id", "rm x", "scp -t /tmp", "export /etc/passwd", "decide ~/x", "export a -o /tmp/x"],
)
def test_what_a_client_may_not_run(asked):
    assert isinstance(command_line(asked), str)


def test_a_hosted_wizard_exports_only_into_its_own_folder(tmp_path, monkeypatch):
    from tui.core import settings
    from tui.core.files import WriteError
    from tui.core.store.exports import write_export

    own = tmp_path / "people" / "ana"
    other = tmp_path / "people" / "bob"
    own.mkdir(parents=True)
    other.mkdir(parents=True)
    monkeypatch.setattr(settings, "_installed", settings.Settings(confine=own))
    write_export(own / "mine.md", "# mine\n", overwrite=False)
    assert (own / "mine.md").read_text() == "# mine\n"
    assert stat.S_IMODE((own / "mine.md").stat().st_mode) == 0o600  # as private as sessions
    for outside in (other / "x.md", own / ".." / "bob" / "y.md", tmp_path / "z.md"):
        with pytest.raises(WriteError, match="exports go in your own folder"):
            write_export(outside, "# no\n", overwrite=True)
    (own / "link.md").symlink_to(other / "through.md")
    with pytest.raises(WriteError, match="exports go in your own folder"):
        write_export(own / "link.md", "# no\n", overwrite=True)
    assert list(other.iterdir()) == []


def test_every_distinct_name_has_a_folder_of_its_own():
    alike = ["李明", "王芳", "Ana Lima", "ana-lima", "ÁNA  LIMA!", "ana lima", "a" * 40 + "x"]
    alike.append("a" * 40 + "y")  # a slug is cut at 40 characters
    folders = [person_folder(name) for name in alike]
    assert len(set(folders)) == len(alike)
    assert person_folder("Ana Lima").startswith("ana-lima-")
    # The same name in either Unicode form is one person, on every start.
    assert person_folder("A\u0301na") == person_folder("\u00c1na")
    assert person_folder("王芳") == person_folder("王芳")


def colliding_names(monkeypatch) -> tuple[str, str]:
    """Two names whose folders meet, with the hash cut to 3 digits so a
    search finds them in a few thousand tries."""
    monkeypatch.setattr("tui.serve.keys.FOLDER_HASH", 3)
    seen: dict[str, str] = {}
    for number in range(100_000):
        name = "".join(chr(0x4E00 + int(d)) for d in str(number))  # CJK: slug "session"
        other = seen.setdefault(person_folder(name), name)
        if other != name:
            return other, name
    raise AssertionError("no collision found")


def test_two_names_that_would_share_a_folder_stop_the_server(tmp_path, monkeypatch):
    first, second = colliding_names(monkeypatch)
    path = tmp_path / "authorized_keys"
    path.write_text(
        f'ragft-user="{first}" {public_key(tmp_path)}\n'
        f'ragft-user="{second}" {public_key(tmp_path)}\n'
    )
    keys = AuthorizedKeys(path)
    with pytest.raises(KeysError, match="would share the folder session-") as refused:
        keys.require()
    assert "\n" not in str(refused.value) and "rename one of them" in str(refused.value)


def test_an_old_folder_goes_to_its_one_owner_and_a_shared_one_stays(tmp_path):
    people = tmp_path / "people"
    (people / "ana-lima").mkdir(parents=True)
    (people / "ana-lima" / "mark").write_text("ana's")
    (people / "session").mkdir()
    persons = [Person(name, person_folder(name)) for name in ("Ana Lima", "李明", "王芳")]
    lines = move_old_folders(people, persons)
    assert (people / person_folder("Ana Lima") / "mark").read_text() == "ana's"
    assert (people / "session").is_dir()
    assert not (people / person_folder("李明")).exists()
    assert len(lines) == 2 and "could each own it; left as it is" in lines[1]
    assert move_old_folders(people, persons) == [lines[1]]  # done once


def test_only_terminal_and_locale_names_reach_the_wizard(tmp_path):
    from tui.serve.child import environment

    client = {
        "LANG": "../../etc/passwd",
        "LC_ALL": "de_DE@euro",
        "COLORTERM": "truecolor\x1b]0;owned\x07",
        "NO_COLOR": "1",
        "LD_PRELOAD": "/tmp/evil.so",
    }
    env = environment(tmp_path, client, "xterm\x1b[31m")
    assert env["TERM"] == "xterm-256color"
    assert env["LC_ALL"] == "de_DE@euro" and env["NO_COLOR"] == "1"
    assert env["LANG"] != "../../etc/passwd" and "COLORTERM" not in env
    assert "LD_PRELOAD" not in env
    assert environment(tmp_path, {"LANG": "en_US.UTF-8"}, "screen.xterm-256color")["TERM"] == (
        "screen.xterm-256color"
    )


def test_a_host_key_others_can_read_is_refused(tmp_path):
    path = tmp_path / "ssh_host_key"
    host_key(path)
    path.chmod(0o644)
    with pytest.raises(KeysError, match="readable by others; chmod 600"):
        host_key(path)


def test_authorized_keys_others_can_write_trusts_no_key(tmp_path):
    path = tmp_path / "authorized_keys"
    path.write_text(public_key(tmp_path, "ana") + "\n")
    path.chmod(0o666)
    keys = AuthorizedKeys(path)
    with pytest.raises(KeysError, match="writable by others, so no key in it is trusted"):
        keys.require()
    path.chmod(0o600)
    keys.require()  # mended: read again at once
    assert [g.person.name for g in keys.grants.values()] == ["ana"]
    path.chmod(0o620)
    assert "writable by others" in keys.refresh()[0] and not keys.grants
