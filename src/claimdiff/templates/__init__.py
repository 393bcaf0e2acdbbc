"""Report templates (jinja2), its stylesheet and script."""
