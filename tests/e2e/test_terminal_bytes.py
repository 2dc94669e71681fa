"""What goes over the link: a highlight move repaints only what changed."""

from __future__ import annotations

from tests.support.terminal_bytes import measure


def test_a_highlight_move_does_not_repaint_the_whole_screen():
    traffic = measure()
    assert traffic.highlight_move > 0
    assert traffic.highlight_move < traffic.first_screen / 3


def test_no_mouse_sends_no_mouse_tracking_requests(tmp_path):
    from tests.support.pty_run import PtyProgram

    for flags, expect_tracking in (((), True), (("--no-mouse",), False)):
        # A name of its own each time: `new` refuses a name that is taken.
        program = PtyProgram(*flags, "new", f"mouse {expect_tracking}")
        try:
            program.wait_for(b"Step 1 of 18")
            tracking = b"\x1b[?1000h" in bytes(program.output)
        finally:
            program.kill()
        assert tracking == expect_tracking
