"""Data tables (TOML and pint definitions); each file's header documents its syntax."""
