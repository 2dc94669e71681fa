"""Write an SVG of every screen of the real app into screenshots/.

Run from the repository root after the UI changes:
    .venv/bin/python -m screenshots.generate
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the scenes live with the tests
# The scenes save sessions: keep them away from the real user config.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ragft-screenshots-")

from tests.support.scenes import SCENES, still  # noqa: E402 (after the config folder is set)

# Every scene at 80x24; the ones with side panels again at 160x48.
SIZES = {"80x24": (80, 24)}
WIDE = {"question": (160, 48), "result": (160, 48), "costs": (160, 48)}


async def shoot(name: str, size: tuple[int, int], path: Path) -> None:
    build, keys = SCENES[name]
    app = build()
    async with app.run_test(size=size) as pilot:
        await still(keys)(pilot)
        app.save_screenshot(filename=path.name, path=str(path.parent))


async def main() -> None:
    for name in SCENES:
        await shoot(name, SIZES["80x24"], HERE / f"{name}.svg")
    for name, size in WIDE.items():
        await shoot(name, size, HERE / f"{name}-wide.svg")
    print(f"wrote {len(SCENES) + len(WIDE)} screenshots to {HERE}")


if __name__ == "__main__":
    asyncio.run(main())
