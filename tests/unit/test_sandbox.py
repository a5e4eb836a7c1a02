"""core/sandbox.py's pure parts: the bubblewrap command line, the kernel's environment,
how a cell's network failure is recognised, and the refusals. The sandbox itself
(kernels attacking it) is tested in tests/notebooks/test_sandbox.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from core import sandbox

SCRATCH = Path("/tmp/redschool-kernel-x")


def _cmd(**kw):
    defaults = dict(scratch=SCRATCH, workdir=SCRATCH / "work", env={"PATH": "/usr/bin", "HOME": str(SCRATCH / "home")},
                    expose=[Path("/work/project"), Path("/root/.pyenv/versions/3.11.7")], hide=[Path("/work/project/.redschool"), Path("/srv/elsewhere")])
    return sandbox.bwrap_command(["python", "-m", "ipykernel_launcher"], **{**defaults, **kw})


def test_as_root_the_kernel_drops_to_the_unprivileged_user_inside_the_sandbox():
    cmd = _cmd(run_as=(65534, 65534))
    assert cmd[:3] == ["bwrap", "--die-with-parent", "--new-session"]
    assert {"--unshare-net", "--unshare-pid", "--unshare-ipc", "--clearenv"} <= set(cmd)
    tail = cmd[cmd.index("--") + 1:]
    assert tail[:6] == ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"]
    assert tail[7] == "prlimit" and tail[-3:] == ["python", "-m", "ipykernel_launcher"]
    assert "--unshare-user" not in cmd


def test_not_root_a_user_namespace_and_no_setpriv():
    cmd = _cmd(run_as=None)
    assert "--unshare-user" in cmd and "setpriv" not in cmd and "--cap-add" not in cmd


def test_only_the_scratch_folder_is_writable_and_the_data_folder_is_hidden():
    cmd = _cmd()
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--bind"]
    assert binds == [str(SCRATCH)]
    tmpfs = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--tmpfs"]
    assert "/tmp" in tmpfs and "/work/project/.redschool" in tmpfs
    assert "/srv/elsewhere" not in tmpfs  # never mounted at all, nothing to hide
    ro = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--ro-bind"]
    assert not {"/", "/home", "/root", "/srv", "/var", "/run", "/tmp"} & set(ro)
    # folders on the way to an exposed path are made 0755 (the host's /root is 0700)
    assert cmd[cmd.index("/root") - 3: cmd.index("/root")] == ["--perms", "0755", "--dir"]
    # the data folder's tmpfs comes after the project it lies in, the scratch bind after /tmp's tmpfs
    assert cmd.index("/work/project/.redschool") > cmd.index("/work/project")
    assert cmd.index(str(SCRATCH)) > cmd.index("/tmp")


def test_the_kernel_environment_has_no_secrets():
    env = sandbox.kernel_environment(SCRATCH, {"JUPYTERHUB_API_TOKEN": "t", "CONFIGPROXY_AUTH_TOKEN": "p",
                                               "REDSCHOOL_DEMO_PASSWORD": "pw", "NBGRADER_EXECUTION": "autograde"})
    assert env["NBGRADER_EXECUTION"] == "autograde"
    assert not [k for k in env if "TOKEN" in k or "PASSWORD" in k or k.startswith("REDSCHOOL_")]
    assert all(v.startswith(str(SCRATCH)) for k, v in env.items() if k in ("HOME", "TMPDIR", "MPLCONFIGDIR", "IPYTHONDIR"))


def test_network_failures_are_recognised():
    assert sandbox.network_error("OSError", "[Errno 101] Network is unreachable")
    assert sandbox.network_error("gaierror", "[Errno -3] Temporary failure in name resolution")
    assert not sandbox.network_error("OSError", "[Errno 2] No such file or directory: 'x.csv'")
    assert not sandbox.network_error("ValueError", "Network is unreachable")


def test_without_bwrap_nothing_runs(monkeypatch):
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    monkeypatch.setattr(sandbox.os, "access", lambda path, mode: False)
    with pytest.raises(sandbox.SandboxError, match="apt-get install bubblewrap"):
        sandbox.require_sandbox()


def test_never_root():
    with pytest.raises(sandbox.SandboxError, match="as root"):
        sandbox.unprivileged_ids("root")
    with pytest.raises(sandbox.SandboxError, match="no system user"):
        sandbox.unprivileged_ids("no-such-user-here")


def test_the_jupyter_client_steps_the_sandbox_extends_still_exist():
    """SandboxedKernelManager extends two of jupyter_client's own steps (the command
    before launch, the clean-up after); an upgrade that renames them must fail here,
    not silently start kernels unconfined."""
    import inspect

    from jupyter_client.manager import AsyncKernelManager, KernelManager

    from core.sandbox import SandboxedKernelManager

    for name in ("_async_pre_start_kernel", "_async_cleanup_resources"):
        assert inspect.iscoroutinefunction(getattr(KernelManager, name)), name
        assert name in SandboxedKernelManager.__dict__
    start = inspect.getsource(KernelManager._async_start_kernel)
    assert "self._async_pre_start_kernel(" in start, "jupyter_client no longer starts kernels through the step we extend"
    assert issubclass(SandboxedKernelManager, AsyncKernelManager)
