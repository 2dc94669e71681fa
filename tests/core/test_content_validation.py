"""A broken content folder gives one exact error per fault, naming file, key
and problem; RAGFT_CONTENT loads another folder with the same checks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.cli import main
from tui.core import contract
from tui.core.content import ContentError, bundled_content_dir, load_content, load_content_from

QUESTIONS = (
    "problem, use_case, change_rate, corpus, data_sources, citations, labeled_data, prompting, "
    "output_format, domain_language, latency, privacy, deployment, stakes, budget, timeline, "
    "monthly_queries, request_data"
)
APPROACHES = "prompting, rag, fine-tuning, hybrid"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(bundled_content_dir(), copy)
    return copy


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1))


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_content_from(folder)
    return [str(p).removeprefix(f"{folder}/") for p in caught.value.problems]


FAULTS = [
    (
        "unknown-key",
        ("questions.toml", 'id = "problem"\n', 'id = "problem"\ncolour = "red"\n'),
        "questions.toml: question[problem].colour: unknown key (allowed: id, title, prompt, "
        "help, sources, kind, unit, choice, band, skip_when, skip_why)",
    ),
    (
        "missing-field",
        ("questions.toml", 'title = "Problem"\n', ""),
        "questions.toml: question[problem].title: missing",
    ),
    (
        "unknown-source",
        ("guidance.toml", 'sources = ["001", "003"]', 'sources = ["001", "999"]'),
        "guidance.toml: hybrid_pattern[medical-assistant].sources[1]: unknown source '999' "
        "(known: 000, 001, 002, 003, ..., 057, 058 (59 in all))",
    ),
    (
        "unknown-approach-in-weights",
        (
            "questions.toml",
            "weights = { prompting = -0.5, rag = 2.0,",
            "weights = { prompting = -0.5, rag2 = 2.0,",
        ),
        "questions.toml: question[problem].choice[knowledge].weights.rag2: unknown approach "
        f"'rag2' (known: {APPROACHES})",
    ),
    (
        "weight-of-wrong-type",
        (
            "questions.toml",
            "weights = { prompting = -0.5, rag = 2.0,",
            'weights = { prompting = "lots", rag = 2.0,',
        ),
        "questions.toml: question[problem].choice[knowledge].weights.prompting: expected a "
        "number, got string",
    ),
    (
        "rule-on-unknown-question",
        (
            "rules.toml",
            'when = { change_rate = ["daily", "weekly"] }',
            'when = { change_speed = ["daily", "weekly"] }',
        ),
        "rules.toml: rule[fast-knowledge-never-fine-tune].when.change_speed: unknown question "
        f"'change_speed' (known: {QUESTIONS})",
    ),
    (
        "rule-on-unknown-choice",
        (
            "rules.toml",
            'when = { citations = ["required"] }',
            'when = { citations = ["mandatory"] }',
        ),
        "rules.toml: rule[citations-need-retrieval].when.citations[0]: unknown answer to "
        "citations 'mandatory' (known: required, helpful, not_needed, unanswered)",
    ),
    (
        "rule-excludes-unknown-approach",
        ("rules.toml", 'exclude = ["fine-tuning"]', 'exclude = ["finetuning"]'),
        "rules.toml: rule[fast-knowledge-never-fine-tune].exclude[0]: unknown approach "
        f"'finetuning' (known: {APPROACHES})",
    ),
    (
        "share-rule-takes-unknown-approach",
        ("rules.toml", 'takes = "hybrid"', 'takes = "hybird"'),
        "rules.toml: rule[hybrid-retrieves-as-rag-does].takes: unknown approach 'hybird' "
        f"(known: {APPROACHES})",
    ),
    (
        "share-rule-on-unknown-question",
        ("rules.toml", 'questions = ["corpus", "citations"', 'questions = ["corpora", "citations"'),
        "rules.toml: rule[hybrid-retrieves-as-rag-does].questions[0]: unknown question "
        f"'corpora' (known: {QUESTIONS})",
    ),
    (
        "factor-on-unknown-question",
        ("factors.toml", 'questions = ["change_rate"]', 'questions = ["changes"]'),
        f"factors.toml: factor[knowledge_updates].questions[0]: unknown question 'changes' "
        f"(known: {QUESTIONS})",
    ),
    (
        "bad-rating",
        ("factors.toml", 'rating = "good"', 'rating = "great"'),
        "factors.toml: factor[knowledge_updates].cells.rag.rating: unknown rating 'great' "
        "(allowed: good, fair, poor)",
    ),
    (
        "invalid-toml",
        ("flow.toml", 'root = "problem"', "root = "),
        "flow.toml: (file): invalid TOML: Invalid value (at line 6, column 8)",
    ),
    (
        "flow-misses-a-question",
        (
            "flow.toml",
            'order = ["problem", "use_case", "labeled_data",',
            'order = ["problem", "labeled_data",',
        ),
        "flow.toml: branch.behavior.order: must list 'use_case' exactly once (found 0 times)",
    ),
    (
        "claim-without-sources",
        (
            "approaches.toml",
            '{ text = "Costs almost nothing and ships in days.", sources = ["002"] }',
            '"Costs almost nothing."',
        ),
        "approaches.toml: approach[prompting].strengths[0]: expected a table with text and "
        "sources, got string",
    ),
    (
        "gap-between-number-bands",
        ("questions.toml", "min = 10000", "min = 20000"),
        "questions.toml: question[monthly_queries].band[medium].min: bands must be contiguous "
        "from 0: expected 10000",
    ),
    (
        "disagreement-side-unknown-approach",
        (
            "disagreements.toml",
            'favours = "fine-tuning", sources = ["000", "004"]',
            'favours = "finetune", sources = ["000", "004"]',
        ),
        f"disagreements.toml: disagreement[privacy].sides[0].favours: unknown approach 'finetune' "
        f"(known: {APPROACHES})",
    ),
    (
        "prior-of-wrong-type",
        ("model.toml", "rag = 0.23", 'rag = "high"'),
        "model.toml: scoring.prior.rag: expected a number, got string",
    ),
    (
        "skip-on-unknown-choice",
        (
            "questions.toml",
            'skip_when = { problem = ["knowledge"] }',
            'skip_when = { problem = ["facts"] }',
        ),
        "questions.toml: question[output_format].skip_when.problem[0]: unknown answer to problem "
        "'facts' (known: knowledge, behavior, both, unsure)",
    ),
    (
        "assumption-set-by-no-such-question",
        ("costs.toml", 'question = "change_rate"', 'question = "churn"'),
        "costs.toml: assumption[retrains_per_year].question: unknown question 'churn'",
    ),
    (
        "plan-step-for-no-approach",
        ("test_plan.toml", 'rung = "hybrid"', 'rung = "both"'),
        "test_plan.toml: step[tuned-with-retrieval].rung: unknown approach 'both' "
        f"(known: {APPROACHES})",
    ),
    (
        "plan-without-a-metric",
        ("test_plan.toml", 'multimodal = "accuracy on labelled examples of each input type"\n', ""),
        "test_plan.toml: metric: no metric for 'multimodal'",
    ),
    (
        "assumption-negative",
        ("costs.toml", "default = 7000", "default = -7000"),
        "costs.toml: assumption[record_bytes].default: must be at least 0, got -7000",
    ),
    (
        "assumption-undated",
        (
            "costs.toml",
            'default = 2.69\nchecked = "2026-12-08"',
            'default = 2.69\nchecked = "soon"',
        ),
        "costs.toml: assumption[gpu_hour].checked: expected a date as YYYY-MM-DD, got 'soon'",
    ),
    (
        "assumption-without-checked",
        ("costs.toml", 'default = 2.69\nchecked = "2026-12-08"\n', "default = 2.69\n"),
        "costs.toml: assumption[gpu_hour].checked: missing",
    ),
    (
        "assumption-citing-a-source-without-an-address",
        ("costs.toml", 'sources = ["055"]', 'sources = ["004"]'),
        "costs.toml: assumption[gpu_hour].sources: source '004' has no url in sources.toml",
    ),
    (
        "assumption-by-an-answer-that-is-not",
        ("costs.toml", "{ none = 0, dozens = 50,", "{ none = 0, dozen = 50,"),
        "costs.toml: assumption[examples_on_hand].by_answer.dozen: not an answer of 'labeled_data'",
    ),
    (
        "case-with-an-answer-that-is-not",
        (
            "cases.toml",
            'corpus = "small"\nchange_rate = "rarely"',
            'corpus = "tiny"\nchange_rate = "rarely"',
        ),
        "cases.toml: case[gemini-kalamang].answers.corpus: 'tiny' is not an answer "
        "(allowed: none, small, large, vast)",
    ),
    (
        "case-without-a-choice",
        ("cases.toml", 'chose = "prompting"\nsituation = "Kalamang', 'situation = "Kalamang'),
        "cases.toml: case[gemini-kalamang].chose: missing",
    ),
    (
        "case-citing-no-such-source",
        ("cases.toml", 'source = "025"', 'source = "925"'),
        "cases.toml: case[gemini-kalamang].source: unknown source '925'",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"), [f[1:] for f in FAULTS], ids=[f[0] for f in FAULTS]
)
def test_each_fault_gives_one_exact_error(folder, change, expected):
    edit(folder, *change)
    assert problems(folder) == [expected]


def test_contract_choice_renamed(folder):
    edit(folder, "questions.toml", 'id = "per_user"', 'id = "per_person"')
    found = problems(folder)
    assert (
        "questions.toml: question[data_sources].choice: "
        "choice 'per_user' of the decision model is missing" in found
    )


def test_use_case_category_without_guidance(folder):
    edit(folder, "use_cases.toml", 'id = "multimodal"', 'id = "video"')
    assert problems(folder) == [
        "use_cases.toml: use_case[video].id: 'video' is not a choice of use_case (known: "
        "question_answering, classification, summarization, code_generation, "
        "content_generation, chatbot, document_extraction, multimodal, other)",
        "use_cases.toml: use_case: no guidance for the task category 'multimodal'",
    ]


def test_missing_file(folder):
    (folder / "figures.toml").unlink()
    assert problems(folder) == ["figures.toml: (file): no such file"]


def test_every_problem_is_reported_at_once(folder):
    edit(folder, "questions.toml", 'title = "Problem"\n', "")
    edit(folder, "factors.toml", 'rating = "good"', 'rating = "great"')
    assert len(problems(folder)) == 2


def test_not_a_folder(tmp_path):
    with pytest.raises(ContentError, match="not a folder"):
        load_content_from(tmp_path / "nowhere")


def test_environment_selects_another_content_folder(folder, monkeypatch, capsys, tmp_path):
    edit(folder, "model.toml", 'content_version = "', 'content_version = "team-')
    monkeypatch.setenv("RAGFT_CONTENT", str(folder))
    assert load_content().version.startswith("team-")
    answers = tmp_path / "a.toml"
    answers.write_text("[answers]\n")
    assert main(["decide", str(answers), "--json"]) == 0
    assert '"content_version": "team-' in capsys.readouterr().out


def test_broken_environment_content_is_reported_by_the_command(
    folder, monkeypatch, capsys, tmp_path
):
    edit(folder, "questions.toml", 'title = "Problem"\n', "")
    monkeypatch.setenv("RAGFT_CONTENT", str(folder))
    answers = tmp_path / "a.toml"
    answers.write_text("[answers]\n")
    assert main(["decide", str(answers)]) == 2
    _, err = capsys.readouterr()
    assert (
        err == f"ragft: content error: {folder}/questions.toml: question[problem].title: missing\n"
    )


def test_bundled_content_is_complete(content):
    assert list(content.approaches) == ["prompting", "rag", "fine-tuning", "hybrid"]
    assert set(content.use_cases) == set(content.questions["use_case"].choice_ids)
    assert {"retrieval-latency", "lora-gap", "hallucination-reduction"} <= set(content.figures)
    # One cost model: no figure prices a request or dates a break-even beside it.
    assert "break-even" not in content.figures
    assert len(content.assumptions) == len(contract.ASSUMPTIONS)
    privacy = next(d for d in content.disagreements if d.id == "privacy")
    assert {side.favours for side in privacy.sides} == {"fine-tuning", "rag"}
    assert len(content.factors) >= 12


def test_parsed_content_is_cached_and_revalidated(folder, monkeypatch):
    import marshal
    import tomllib

    from tui.core.content import CONTENT_FILES
    from tui.core.content.cache import ParseCache

    load_content_from(folder)  # parses and caches
    cache = ParseCache(folder, CONTENT_FILES)._path()
    assert cache.exists()

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again")

    with monkeypatch.context() as patched:
        patched.setattr(tomllib, "loads", no_parsing)
        assert load_content_from(folder).version  # from the cache

    # An edited file is parsed again, and its faults are found.
    edit(folder, "questions.toml", 'title = "Problem"\n', "")
    assert problems(folder) == ["questions.toml: question[problem].title: missing"]

    # Cached data is validated like parsed data: a doctored cache is caught.
    edit(folder, "questions.toml", 'id = "problem"\n', 'id = "problem"\ntitle = "Problem"\n')
    load_content_from(folder)
    stored = marshal.loads(cache.read_bytes())
    stored["files"]["model.toml"]["content_version"] = 7
    cache.write_bytes(marshal.dumps(stored))
    assert problems(folder) == ["model.toml: content_version: expected a string, got integer"]

    # A cache that cannot be read is only slower.
    cache.write_bytes(b"not marshal at all")
    assert load_content_from(folder).version


HOSTILE_CONTENT = [
    (
        "escape-in-a-title",
        (
            "cases.toml",
            'title = "An assistant for',
            'title = "\\u001b]0;owned\\u0007An assistant for',
        ),
        "cases.toml: case[morgan-stanley-advisors].title: holds a control character: "
        "'\\x1b]0;owned\\x07An assistant for financial advisors over th…'",
    ),
    (
        "a-number-too-large-to-be-a-figure",
        ("costs.toml", "default = 100000\n", "default = 1e308\n"),
        "costs.toml: assumption[monthly_queries].default: must be at most "
        "1,000,000,000,000,000, got 1e+308",
    ),
    (
        "a-number-with-400-digits",
        ("costs.toml", "default = 100000\n", "default = 1" + "0" * 400 + "\n"),
        "costs.toml: assumption[monthly_queries].default: must be at most "
        "1,000,000,000,000,000, got a number of 401 digits",
    ),
    (
        "a-script-for-an-address",
        (
            "sources.toml",
            'url = "https://www.anthropic.com/news/contextual-retrieval"',
            'url = "javascript:alert(1)"',
        ),
        "sources.toml: sources.005.url: must start with https:// or http://, "
        "got 'javascript:alert(1)'",
    ),
]


@pytest.mark.parametrize(
    ("change", "expected"),
    [f[1:] for f in HOSTILE_CONTENT],
    ids=[f[0] for f in HOSTILE_CONTENT],
)
def test_hostile_content_is_one_exact_error(folder, change, expected):
    # #38.8 and #38.9: an escape sequence in a case title retitled the terminal;
    # 1e308 gave Infinity in decide --json; a javascript: address became a link.
    edit(folder, *change)
    assert problems(folder) == [expected]


def test_a_question_needs_two_choices(folder):
    path = folder / "questions.toml"
    text = path.read_text()
    start = text.index('id = "domain_language"')
    somewhat = text.index('[[question.choice]]\nid = "somewhat"', start)
    after_no = text.index("[[question", text.index('id = "no"', somewhat))
    path.write_text(text[:somewhat] + text[after_no:])
    assert (
        "questions.toml: question[domain_language].choice: a question needs at least two "
        "choices, got 1"
    ) in problems(folder)
