"""`ragft cases`: the case library from the command line, run as a process."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.support.strategies import CONTENT


def ragft(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *argv], capture_output=True, text=True, timeout=60
    )


def test_cases_lists_the_whole_library_newest_first():
    done = ragft("cases")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].split() == ["Case", "Year", "Chose", "Organisation", "Title"]
    years = [int(line.split()[1]) for line in lines[1:-1]]
    assert len(years) == len(CONTENT.cases) and years == sorted(years, reverse=True)
    assert lines[-1].startswith(f"{len(CONTENT.cases)} of {len(CONTENT.cases)} cases.")


def test_the_filters_combine_and_json_carries_answers_and_source():
    done = ragft("cases", "--use-case", "code_generation", "--chose", "fine-tuning", "--json")
    assert done.returncode == 0, done.stderr
    cases = json.loads(done.stdout)
    assert cases and all(c["chose"] == "fine-tuning" for c in cases)
    assert all(c["answers"]["use_case"] == "code_generation" for c in cases)
    assert all(c["source"].startswith("https://") and c["outcome"] for c in cases)
    every = json.loads(ragft("cases", "--json").stdout)
    assert {c["case"] for c in every} == {c.id for c in CONTENT.cases}


def test_a_bad_filter_is_one_line_and_status_2():
    for argv, named in (
        (("--use-case", "chatbox"), "unknown kind of task 'chatbox'"),
        (("--chose", "finetune"), "unknown approach 'finetune'"),
    ):
        done = ragft("cases", *argv)
        assert done.returncode == 2 and done.stdout == ""
        assert done.stderr.count("\n") == 1 and named in done.stderr
        assert "allowed:" in done.stderr


def test_no_match_says_so():
    done = ragft("cases", "--use-case", "multimodal", "--chose", "hybrid")
    assert done.returncode == 0
    assert done.stdout.strip() == "No published case matches; ragft cases lists them all."
