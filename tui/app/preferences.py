"""The config file's theme and keys, applied to the running app; a theme
picked in the palette is written back to the file."""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from collections.abc import Callable, Mapping

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.keys import _normalize_key_list  # how Textual itself reads a keymap
from textual.theme import Theme

import tui.app.screens
from tui.core.store.config import DEFAULT_THEME, ConfigNotSaved, config_path, save_theme
from tui.core.text import shown, shown_path


@functools.cache
def _bindings(app_class: type[App[None]]) -> dict[str, list[Binding]]:
    """The bindings with ids of the app and of each screen, by class name
    (read once: they are fixed in the classes)."""
    classes: list[type[DOMNode]] = [app_class]
    package = tui.app.screens
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        classes += [
            member
            for _, member in inspect.getmembers(module, inspect.isclass)
            if issubclass(member, DOMNode) and member.__module__ == module.__name__
        ]
    found = {
        node_class.__name__: [
            binding
            for binding in node_class.__dict__.get("BINDINGS", ())
            if isinstance(binding, Binding) and binding.id
        ]
        for node_class in classes
    }
    return {name: bindings for name, bindings in found.items() if bindings}


def binding_ids(app_class: type[App[None]]) -> list[str]:
    """Every binding id a [keys] table may name: the app's and every screen's."""
    return sorted({b.id for bindings in _bindings(app_class).values() for b in bindings if b.id})


def _clashes(app_class: type[App[None]], keymap: Mapping[str, str]) -> list[str]:
    """Where the keymap gives one key to two actions of the same screen: Textual
    would quietly drop one of them."""
    found = []
    for name, bindings in _bindings(app_class).items():
        holders: dict[str, dict[str, str]] = {}  # key -> binding id -> action
        for binding in bindings:
            assert binding.id is not None
            for key in keymap.get(binding.id, binding.key).split(","):
                holder = holders.setdefault(_normalize_key_list(key.strip()), {})
                holder[binding.id] = binding.action
        place = name.removesuffix("Screen").lower() or "every"
        found += [
            f"{key} is given to both {' and '.join(sorted(ids))} on the {place} screen"
            for key, ids in holders.items()
            if len(set(ids.values())) > 1 and any(i in keymap for i in ids)
        ]
    return found


def apply(app: App[None], theme: str, keymap: Mapping[str, str]) -> list[str]:
    """Use the configured theme and keys; one line for each that cannot be."""
    where = shown_path(config_path())
    problems = []
    if theme in app.available_themes:
        app.theme = theme
    else:
        known = ", ".join(sorted(app.available_themes))
        problems.append(
            f"{where}: theme: {shown(repr(theme))} is not one of {known}; using {DEFAULT_THEME}"
        )
    if keymap:
        known_ids = binding_ids(type(app))
        unknown = [binding for binding in keymap if binding not in known_ids]
        for binding in unknown:
            problems.append(
                f"{where}: keys: {shown(repr(binding))} is not a binding id "
                f"(known: {', '.join(known_ids)}); it is left out"
            )
        known_keymap = {k: v for k, v in keymap.items() if k not in unknown}
        problems += [
            f"{where}: keys: {clash}; give one of them another key"
            for clash in _clashes(type(app), known_keymap)
        ]
        app.set_keymap(known_keymap)
    return problems


def keep_picked_themes(app: App[None], notify_problem: Callable[[str], None]) -> None:
    """From now on, a theme the user picks is saved to the config file."""
    saved = app.theme

    def picked(theme: Theme) -> None:
        nonlocal saved
        if theme.name == saved:
            return
        saved = theme.name
        try:
            save_theme(theme.name)
        except ConfigNotSaved as error:
            notify_problem(str(error))

    app.theme_changed_signal.subscribe(app, picked)
