"""The Textual shell over the core. Only the full-screen wizard imports this."""
