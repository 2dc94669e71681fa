"""What each screen looks like, at 80x24 and at 160x48.

After a deliberate change of look, update them and the README's screenshots:
    .venv/bin/python -m pytest tests/app/test_snapshots.py --snapshot-update
    .venv/bin/python -m screenshots.generate
"""

from __future__ import annotations

import pytest

from tests.support.scenes import SCENES, still

SIZES = {"80x24": (80, 24), "160x48": (160, 48)}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scene", SCENES)
def test_screen_looks_right(snap_compare, scene, size):
    build, keys = SCENES[scene]
    assert snap_compare(build(), terminal_size=SIZES[size], run_before=still(keys))
