"""Every use of Textual's private API, in one place (tests/app/test_patches.py
holds a test per patch that names it when Textual changes under it):

- one_frame: OneFrameScreen lays a change out fully, then paints once
  (Screen's resume handler, widgets' layout and repaint flags, the app's
  batch count).
- option_list: SteadyOptionList rewraps options within the layout and keeps
  them through the resize (OptionList's size hook and resize handler).
- digits_input: DigitsOnlyInput leaves letters to the screen (Input's key
  handler).
- driver: HangUpDriver ends the session cleanly when the terminal goes
  (LinuxDriver's input loop, the private xterm parser).
- glyphs: --ascii swaps Textual's own drawing characters (ToggleButton's
  private module).

No other module touches a Textual name that starts with an underscore.
"""
