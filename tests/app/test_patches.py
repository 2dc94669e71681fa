"""Textual's private API is used in tui/app/patches/ and nowhere else, and each
patch says, by name, when the Textual it was written against has changed
under it: a method it overrides takes other arguments, or a private name it
reads or writes is gone. (What each patch achieves is tested by its
behaviour elsewhere: test_one_frame, test_hangup, test_terminal_bytes.)"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import textwrap
import types
from pathlib import Path

import pytest
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.screen import Screen
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Input, OptionList, RadioButton

from tests.support.paths import REPO

Compositor = importlib.import_module("textual._compositor").Compositor
PACKAGE = REPO / "tui"
PATCHES = PACKAGE / "app" / "patches"


@functools.cache
def source_of(cls: type) -> str:
    try:
        return inspect.getsource(cls)
    except (OSError, TypeError):
        return ""


@functools.cache
def defines(owner: type, name: str) -> bool:
    """The class (or an ancestor) has the attribute, or assigns it in its code."""
    if hasattr(owner, name):
        return True
    return any(
        f"self.{name} =" in source_of(cls) or f"self.{name}:" in source_of(cls)
        for cls in owner.__mro__
    )


def parameters(owner: type, name: str) -> list[str]:
    return list(inspect.signature(getattr(owner, name)).parameters)


# patch -> (Textual class, private name, its parameters or None for an attribute)
RELIED_ON = {
    "one_frame": [
        (Screen, "_on_screen_resume", ["self", "event"]),
        (Screen, "_refresh_layout", ["self", "size", "scroll"]),
        (Screen, "_compositor_refresh", ["self"]),
        (Screen, "_on_update", ["self", "message"]),
        (Screen, "_compositor", None),
        (Screen, "_dirty_widgets", None),
        (Widget, "_size", None),
        (Widget, "_layout_required", None),
        (Widget, "_repaint_required", None),
        (Widget, "_layout_updates", None),
        (Widget, "_get_virtual_dom", ["self"]),
        (Widget, "_clear_arrangement_cache", ["self"]),
        (App, "_batch_count", None),
        (Compositor, "_dirty_regions", None),
    ],
    "option_list": [
        (OptionList, "_size_updated", ["self", "size", "virtual_size", "container_size", "layout"]),
        (OptionList, "_on_resize", ["self"]),
        (OptionList, "_clear_caches", ["self"]),
        (OptionList, "_update_lines", ["self"]),
    ],
    "digits_input": [(Input, "_on_key", ["self", "event"])],
    "driver": [
        (LinuxDriver, "run_input_thread", ["self"]),
        (LinuxDriver, "_app", None),
        (LinuxDriver, "_debug", None),
        (LinuxDriver, "exit_event", None),
        (LinuxDriver, "process_message", ["self", "message"]),
    ],
    "glyphs": [
        (ScrollBar, "renderer", None),
        (RadioButton, "BUTTON_INNER", None),
    ],
}


@pytest.mark.parametrize("patch", sorted(RELIED_ON))
def test_each_patch_finds_what_it_relies_on(patch):
    importlib.import_module(f"tui.app.patches.{patch}")
    for owner, name, wanted in RELIED_ON[patch]:
        where = f"patch {patch}: Textual's {owner.__name__}.{name}"
        assert defines(owner, name), f"{where} is gone"
        if wanted is not None:
            assert parameters(owner, name) == wanted, (
                f"{where} now takes {parameters(owner, name)}, not {wanted}"
            )


def test_the_driver_patch_finds_the_private_xterm_parser():
    parser = importlib.import_module("textual._xterm_parser").XTermParser
    for name in ("feed", "tick"):
        assert callable(getattr(parser, name, None)), f"patch driver: XTermParser.{name} is gone"


def test_the_glyphs_patch_finds_the_toggle_buttons_private_module():
    toggle = importlib.import_module("textual.widgets._toggle_button").ToggleButton
    for name in ("BUTTON_LEFT", "BUTTON_RIGHT"):
        assert isinstance(getattr(toggle, name, None), str), (
            f"patch glyphs: ToggleButton.{name} is gone"
        )


def textual_bases(cls: type) -> list[type]:
    return [c for c in cls.__mro__[1:] if c.__module__.split(".")[0] == "textual"]


def own_names(cls: type) -> set[str]:
    """What ragft's own classes in the MRO define or assign."""
    names: set[str] = set()
    for c in cls.__mro__:
        if not c.__module__.startswith("tui."):
            continue
        names |= set(vars(c))
        source = inspect.getsource(c)
        names |= {
            node.attr
            for node in ast.walk(ast.parse(textwrap.dedent(source)))
            if isinstance(node, ast.Attribute)
            and isinstance(node.ctx, ast.Store)
            and isinstance(node.value, ast.Name)
            and node.value.id == "self"
        }
    return names


def private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def modules_outside_the_patches() -> list[Path]:
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if PATCHES not in path.parents and "__pycache__" not in path.parts
    ]


def test_no_module_outside_the_patches_touches_textuals_private_api():
    found = []
    for path in modules_outside_the_patches():
        tree = ast.parse(path.read_text())
        where = path.relative_to(REPO)
        for node in ast.walk(tree):
            imported = node.module if isinstance(node, ast.ImportFrom) else None
            parts = imported.split(".") if imported else []
            if parts[:1] == ["textual"] and any(private(part) for part in parts):
                found.append(f"{where}: imports {imported}")
        module_name = ".".join(path.relative_to(REPO).with_suffix("").parts)
        if not module_name.startswith("tui.app"):
            continue  # only the app subclasses Textual
        module = importlib.import_module(module_name)
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            cls = getattr(module, node.name, None)
            if not isinstance(cls, type) or not textual_bases(cls):
                continue
            ours = own_names(cls) - {
                n for base in textual_bases(cls) for n in vars(base)
            }  # a name of ours that merely shares Textual's spelling is still Textual's
            for item in ast.walk(node):
                name = (
                    item.name
                    if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                    else item.attr
                    if isinstance(item, ast.Attribute)
                    else None
                )
                if name is None or not private(name):
                    continue
                if (
                    isinstance(item, ast.Attribute)
                    and isinstance(item.value, ast.Name)
                    and isinstance(getattr(module, item.value.id, None), types.ModuleType)
                ):
                    continue  # os._exit and the like: not Textual's
                if any(defines(base, name) for base in textual_bases(cls)) and (
                    name not in ours or isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef)
                ):
                    found.append(f"{where}: {node.name} uses Textual's {name}")
    assert not found, "\n".join(sorted(set(found)))
