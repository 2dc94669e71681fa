"""`python -m tui` runs the `ragft` command."""

import sys

from tui.cli import main

sys.exit(main())
