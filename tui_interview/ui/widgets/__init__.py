"""Widgets of our own, each owning its styles: the stage clocks."""
