"""The JupyterHub side of Red School: settings, cohort roster, roles, services, templates, CLI."""
