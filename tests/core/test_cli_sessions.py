"""ragft list, rm, and a session's name wherever a file is taken."""

from __future__ import annotations

import json

from tui.cli import main
from tui.core.store.session import Session
from tui.core.store.storage import Store


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def saved(content, name: str, **answers) -> Store:
    store = Store(content)
    store.save(Session(name=name, answers=answers, id=f"id{len(store.files())}"))
    return store


def test_list_shows_each_session_and_each_unreadable_file(capsys, content):
    store = saved(content, "Support bot", problem="knowledge", change_rate="daily")
    saved(content, "Triage", problem="behavior")
    (store.folder / "broken.toml").write_text("[answers\n")
    (store.folder / "future.toml").write_text("schema_version = 7\n[answers]\n")
    code, out, err = run(capsys, "list")
    assert (code, err) == (0, "")
    for expected in ("Support bot", "Triage", "broken.toml", "future.toml", "cannot be read"):
        assert expected in out
    code, out, _ = run(capsys, "list", "--json")
    rows = {row["name"]: row for row in json.loads(out)}
    assert rows["Support bot"]["recommendation"] == "rag"
    assert rows["Support bot"]["answered"] == 2
    assert rows["broken.toml"]["unreadable"].startswith("invalid TOML")
    assert "newer ragft" in rows["future.toml"]["unreadable"]


def test_list_with_no_sessions(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0 and "No saved sessions" in out
    assert run(capsys, "list", "--json")[1].strip() == "[]"


def test_decide_takes_a_session_name(capsys, content):
    saved(content, "Support bot", problem="knowledge", change_rate="weekly")
    code, out, _ = run(capsys, "decide", "Support bot", "--json")
    assert code == 0 and json.loads(out)["recommendation"] == "rag"


def test_a_name_matching_nothing_or_several_is_one_line(capsys, content):
    saved(content, "Twin")
    saved(content, "Twin")
    code, _, err = run(capsys, "decide", "Nobody")
    assert code == 2 and err == "ragft: error: no session named 'Nobody' (see 'ragft list')\n"
    code, _, err = run(capsys, "open", "Twin")
    assert code == 2 and err.startswith("ragft: error: 2 sessions are named 'Twin'")
    assert err.count("\n") == 1


def test_rm_moves_to_the_trash(capsys, content):
    store = saved(content, "Old idea")
    path = store.files()[0]
    code, out, _ = run(capsys, "rm", "Old idea")
    assert code == 0 and "moved" in out and "trash" in out
    assert not path.exists() and (store.folder / ".trash" / path.name).exists()
    code, _, err = run(capsys, "rm", "Old idea")
    assert code == 2 and "no session named" in err


def test_rm_refuses_files_outside_the_sessions_folder(capsys, tmp_path):
    outside = tmp_path / "answers.toml"
    outside.write_text("[answers]\n")
    code, _, err = run(capsys, "rm", str(outside))
    assert code == 2 and "is not a saved session" in err
    assert outside.exists()


def test_new_with_a_blank_name_is_refused(capsys):
    code, _, err = run(capsys, "new", "   ")
    assert code == 2 and err == "ragft: error: a session needs a name that is not blank\n"


def test_list_piped_prints_file_names_whole_and_json_names_no_question(capsys, content):
    name = "A decision with a long name about the support assistant for billing"
    store = saved(content, name, problem="knowledge")
    file_name = store.files()[0].name
    code, out, _ = run(capsys, "list")  # captured: not a terminal
    assert code == 0 and file_name in out
    code, out, _ = run(capsys, "list", "--json")
    (row,) = json.loads(out)
    assert "problem" not in row and row["unreadable"] is None


def test_new_with_a_name_taken_says_so_and_how_to_open_it(capsys):
    # #39.3: a second "Support bot" was made silently, and then neither could
    # be opened, exported or decided by name.
    from tui.core.content import load_content
    from tui.core.store.clock import now
    from tui.core.store.session import new_session

    content = load_content()
    store = Store(content)
    saved = store.save(new_session("Support bot", content, now()))
    for typed in ("Support bot", "support BOT"):
        assert main(["new", typed]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"ragft: error: a session named 'Support bot' exists ({saved.path.name}); "
            "open it with: ragft open 'Support bot'\n"
        )
    assert len(store.files()) == 1


def test_two_sessions_of_one_name_are_each_found_by_the_file_name_shown(capsys):
    from tui.core.content import load_content
    from tui.core.store.clock import now
    from tui.core.store.session import new_session

    content = load_content()
    store = Store(content)
    first = store.save(new_session("Twin", content, now()))
    store.save(new_session("Twin", content, now()))
    assert main(["export", "Twin", "-o", "-"]) == 2
    said = capsys.readouterr().err
    assert first.path.name in said and "give its file name instead" in said
    assert main(["export", first.path.name, "-o", "-"]) == 0
    assert capsys.readouterr().out.startswith("# Twin")
