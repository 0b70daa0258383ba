"""Question packs and stage definitions: the models, loading them from TOML, their problems and stats."""
