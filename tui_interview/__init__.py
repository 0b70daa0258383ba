"""tui-interview: rehearse a whole interview loop alone, offline, at the keyboard."""

__version__ = "0.1.0"
