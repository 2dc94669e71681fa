"""Plain mode: the wizard as line-by-line prompts, with no full-screen drawing.

For screen readers, dumb terminals and links too poor for redrawing: every
line is printed once and read with input(). The same engine, the same saved
session files (every change saved at once), the same result and export.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from tui.core.content import Content
from tui.core.content.labels import answer_label, short_answer
from tui.core.errors import InputError
from tui.core.files import user_path
from tui.core.store.clock import now
from tui.core.store.config import EXPORT_FORMATS
from tui.core.store.exports import ExportExists, default_file_name, write_export
from tui.core.store.session import (
    NUMBER_ALLOWED,
    REVIEW,
    Session,
    new_session,
    parse_number,
    show_value,
)
from tui.core.store.storage import StorageError, Store
from tui.core.text import shown, visible
from tui.core.wizard import Wizard
from tui.core.words.export import render
from tui.core.words.report import print_result


def _user(text: str, *, lines: bool = False) -> str:
    """Text from a user or a file, printed as itself: no markup, no controls."""
    return escape(visible(text, lines=lines))


COMMANDS = (
    "b back · n next (over an answered step) · s skip · e note · v review · r result · "
    "x export · ? help · q quit"
)
HELP = (
    "Type the number of a choice and Enter to answer (a whole number for the monthly "
    "volume). Every answer and note is saved at once; q or the end of input leaves. "
    f"Commands: {COMMANDS}."
)


class _Quit(Exception):
    """The user asked to leave (or the input ended)."""


class PlainWizard:
    def __init__(
        self,
        content: Content,
        store: Store,
        console: Console,
        ask: Callable[[str], str],
        export_format: str = EXPORT_FORMATS[0],
    ) -> None:
        self.export_format = export_format  # the default offered, from the config file
        self.content = content
        self.store = store
        self.console = console
        self.ask = ask
        self.path: Path | None = None
        self.wizard: Wizard | None = None
        self._warned = False

    # Input and saving -------------------------------------------------------------

    def read(self, prompt: str) -> str:
        try:
            return self.ask(f"{prompt} > ").strip()
        except EOFError:
            raise _Quit from None

    def save(self, session: Session) -> None:
        try:
            saved = self.store.save(session, self.path)
        except StorageError as error:
            if not self._warned:
                self.console.print(
                    f"[red]Not saved: {_user(str(error))}. Answers are kept while ragft runs.[/]"
                )
            self._warned = True
            return
        self._warned = False
        self.path = saved.path
        assert self.wizard is not None
        self.wizard.adopt(saved.session)
        for message, warning in saved.notices():
            self.console.print(f"[yellow]{_user(message)}[/]" if warning else _user(message))

    # Choosing a session ---------------------------------------------------------------

    def choose_session(self) -> tuple[Session, Path | None]:
        entries = [e for e in self.store.entries() if e.session is not None][:9]
        self.console.print(Text("ragft · prompting, RAG, fine-tuning or a hybrid", "bold"))
        for number, entry in enumerate(entries, start=1):
            assert entry.session is not None
            self.console.print(f"  {number}) open “{_user(entry.session.name)}”")
        while True:
            hint = f"1-{len(entries)} to open, or " if entries else ""
            reply = self.read(f"{hint}a name for a new decision (q quits)")
            if reply.lower() == "q":
                raise _Quit
            if reply.isdigit() and 1 <= int(reply) <= len(entries):
                entry = entries[int(reply) - 1]
                assert entry.session is not None
                return entry.session, entry.path
            if reply:
                return new_session(reply, self.content, now()), None
            self.console.print("Type a name, or a number from the list.")

    # The steps --------------------------------------------------------------------------

    def run(self, session: Session | None, path: Path | None) -> None:
        if session is None:
            session, path = self.choose_session()
        self.path = path
        self.wizard = Wizard(self.content, session, self.save)
        if path is None:
            self.save(session)
        for question, value in session.unknown_answers.items():
            self.console.print(
                "Kept, not counted (unknown to this guidance): "
                f"{_user(question)} = {_user(show_value(value))}"
            )
        self.console.print(f"Session “{_user(session.name)}”. {HELP}")
        while True:
            if self.wizard.place == REVIEW:
                self.review()
            else:
                self.step()

    def step(self) -> None:
        wizard = self.wizard
        assert wizard is not None
        question = wizard.question
        self.console.print()
        self.console.print(
            Text.assemble(
                (f"Step {wizard.step_number} of {len(wizard.steps)}", "bold"),
                f" · {wizard.branch_label} · {question.title}",
            )
        )
        self.console.print(Text(question.prompt, "bold"))
        self.console.print(Text(question.help, "dim"))
        if question.is_number:
            for band in question.options:
                self.console.print(f"  {band.label}: {band.implies}")
        else:
            for number, option in enumerate(question.options, start=1):
                mark = "*" if option.id == wizard.answer else " "
                self.console.print(f" {mark}{number}) {option.label}")
        if wizard.answer is not None:
            self.console.print(
                f"Current answer: {answer_label(self.content, question.id, wizard.answer)}"
            )
        if wizard.note:
            self.console.print(f"Note: {_user(wizard.note, lines=True)}")
        expected = "a whole number" if question.is_number else f"1-{len(question.options)}"
        self.command(self.read(f"[{expected}] or b/n/s/e/v/r/x/?/q"))

    def command(self, reply: str) -> None:
        wizard = self.wizard
        assert wizard is not None
        question = wizard.question
        word = reply.lower()

        def back() -> None:
            if not wizard.back():
                self.console.print("This is the first question.")

        def forward() -> None:
            if not wizard.forward():
                self.console.print("Answer this question (or s to skip it) to move on.")

        actions: dict[str, Callable[[], object]] = {
            "q": self.quit,
            "?": lambda: self.console.print(HELP),
            "b": back,
            "n": forward,
            "s": wizard.skip,
            "v": lambda: wizard.show(REVIEW),
            "r": self.result,
            "e": self.note,
            "x": self.export,
        }
        if word in actions:
            actions[word]()
            return
        if question.is_number:
            try:
                wizard.choose(parse_number(reply))
            except ValueError as error:
                self.console.print(
                    f"'{_user(shown(reply))}' is {error}: enter {NUMBER_ALLOWED} "
                    f"({question.unit}); ? lists the commands."
                )
                return
            self.after_answer()
            return
        if reply in {str(number) for number in range(1, len(question.options) + 1)}:
            wizard.choose(question.options[int(reply) - 1].id)
            self.after_answer()
            return
        self.console.print(
            f"'{_user(shown(reply))}' is not one of 1-{len(question.options)}; "
            "? lists the commands."
        )

    def after_answer(self) -> None:
        """One line on where the scores stand now."""
        assert self.wizard is not None
        result = self.wizard.result
        ranked = sorted(result.evidence, key=lambda a: -result.evidence[a])
        parts = [
            f"{self.content.approaches[a].name} "
            + ("out" if a in result.excluded else f"{result.evidence[a]:.2f}")
            for a in ranked
        ]
        leading = self.content.approaches[result.recommendation].name
        self.console.print(f"Now recommending {leading} ({result.confidence}): " + ", ".join(parts))

    def note(self) -> None:
        assert self.wizard is not None
        text = self.read("Note for this answer (empty removes it)")
        self.wizard.set_note(text)

    def review(self) -> None:
        wizard = self.wizard
        assert wizard is not None
        self.console.print()
        self.console.print(Text("Review: every question that applies", "bold"))
        for number, question_id in enumerate(wizard.steps, start=1):
            question = self.content.questions[question_id]
            answer = wizard.session.answers.get(question_id)
            shown = (
                "not answered"
                if answer is None
                else short_answer(self.content, question_id, answer)
            )
            self.console.print(f" {number:>2}) {question.title}: {shown}")
        reply = self.read(
            f"[1-{len(wizard.steps)}] edit that step, r result, x export, b back, q quit"
        )
        word = reply.lower()
        if reply.isdigit() and 1 <= int(reply) <= len(wizard.steps):
            wizard.go_to(wizard.steps[int(reply) - 1])
        elif word == "b":
            wizard.back()
        elif word in ("r", "x", "q", "?"):
            {
                "r": self.result,
                "x": self.export,
                "q": self.quit,
                "?": lambda: self.console.print(HELP),
            }[word]()
        else:
            self.console.print(f"'{_user(reply)}' is not a step number or a command.")

    def result(self) -> None:
        assert self.wizard is not None
        print_result(
            self.content,
            self.wizard.session,
            self.wizard.result,
            self.wizard.costs,
            f"Result · {self.wizard.session.name}",
            self.console,
        )

    def export(self) -> None:
        assert self.wizard is not None
        session = self.wizard.session
        offered = self.export_format[0]
        fmt = self.read(f"Format: s summary, a decision record (MADR 4) [{offered}]").lower()
        fmt = fmt or offered
        if fmt not in ("s", "a"):
            self.console.print("Type s or a.")
            return
        target = self.read(f"Write to [{default_file_name(session)}]") or default_file_name(session)
        text = render(
            self.content,
            session,
            EXPORT_FORMATS[0] if fmt == "s" else EXPORT_FORMATS[1],
            date.today(),
        )
        try:
            path = user_path(target)
            try:
                write_export(path, text, overwrite=False)
            except ExportExists:
                if self.read("It exists; overwrite? [y/N]").lower() != "y":
                    return
                write_export(path, text, overwrite=True)
        except InputError as error:
            self.console.print(f"[red]{_user(str(error))}[/]")
            return
        self.console.print(f"Wrote {_user(target)}")

    def quit(self) -> None:
        raise _Quit


def run_plain(
    content: Content,
    store: Store,
    session: Session | None,
    path: Path | None,
    *,
    console: Console | None = None,
    ask: Callable[[str], str] = input,
    export_format: str = EXPORT_FORMATS[0],
) -> int:
    """Run plain mode until the user quits or the input ends; every change is on disk."""
    console = console or Console(highlight=False)
    plain = PlainWizard(content, store, console, ask, export_format)
    with contextlib.suppress(_Quit):
        plain.run(session, path)
    if plain.path is not None:
        console.print(f"Saved: {_user(str(plain.path))}")
    return 0
