"""The review desk's launcher (grading/desk.py) against the nbgrader and jupyter_server it
overrides: these fail when upstream renames what the desk relies on."""

from __future__ import annotations

from pathlib import Path

from nbgrader.server_extensions.formgrader import apihandlers, handlers
from nbgrader.server_extensions.formgrader.formgrader import FormgradeExtension

from grading import desk


def test_the_desk_serves_none_of_jupyter_servers_own_services():
    assert set(desk.DeskServerApp.default_services) == {"auth", "security"}
    assert desk.NoFilesContentsManager().get_extra_handlers() == []


def test_no_authoring_or_enrolment_handler_is_routed():
    routed = {route[1] for route in desk.desk_routes()}
    for upstream in (apihandlers.AssignHandler, apihandlers.ReleaseHandler, apihandlers.UnReleaseHandler,
                     apihandlers.AssignmentHandler, apihandlers.StudentHandler, handlers.FormgraderHandler,
                     handlers.ManageStudentsHandler, handlers.ManageStudentsAssignmentsHandler):
        assert upstream not in routed, upstream
    assert desk.AssignmentReadOnly.put is desk._refuse and desk.StudentReadOnly.put is desk._refuse


def test_upstream_still_has_what_the_desk_overrides():
    for name in ("load_config_file", "load_config", "initialize", "init_handlers", "init_tornado_settings", "build_extra_config"):
        assert hasattr(FormgradeExtension, name), name
    replaced = set(desk.REPLACED) | desk.LEFT_OUT
    upstream = {route[1] for route in handlers.default_handlers + apihandlers.default_handlers}
    assert replaced <= upstream
    script = Path(handlers.static_path, "js", "manage_assignments.js").read_text()
    assert "var insertRow = function (table)" in script and "var AssignmentUI = Backbone.View.extend" in script


def test_the_content_security_policy_allows_only_the_desks_own_scripts():
    directives = dict(d.split(" ", 1) for d in desk.CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def test_desk_templates_have_no_inline_script_or_handler():
    for path in desk.TEMPLATES.rglob("*.*"):
        text = path.read_text()
        assert "<script>" not in text and 'type="text/javascript">' not in text and "onclick=" not in text.lower(), path
