"""Confining learners' code (DESIGN.md decision 7): every kernel that runs a notebook
we did not write ourselves (autograde, the review desk's autograde button,
`redschool check`, previews, packets) starts inside bubblewrap.

What the kernel gets, and nothing more:

- a read-only view of the system (``/usr``, ``/etc``) and of the Python it runs
  (the venv, its base Python, this project's code, for ``exercises``); no ``/home``,
  ``/root``, ``/srv``, ``/var``, ``/run`` or ``/tmp`` of the machine, and the data
  folder (hub database, cookie secret, proxy token, courses, exchange) hidden by an
  empty tmpfs even where it sits inside the project;
- one writable scratch folder, a copy of the folder the notebook runs in (the
  submission, or the unit being checked) plus the kernel's connection file and
  ZeroMQ socket files (``transport="ipc"``: Unix sockets, which still work without a
  network); the copy is deleted when the kernel stops, so nothing it writes survives;
- a clean environment (``--clearenv``: no tokens, no passwords), no network, no
  other processes to see (``--unshare-all``), a new session (no terminal to type into);
- rlimits (``prlimit``): address space, processes, file size, open files;
- never root: when we are root, the kernel drops to an unprivileged user
  (``setpriv``) after bubblewrap has mounted what it needs.

Only the kernel is confined; nbgrader's own process (which writes the gradebook and
the autograded folder) stays the operator's. Without ``bwrap`` nothing is run.
"""

from __future__ import annotations

import os
import pwd
import shutil
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from traitlets import Integer, List, Unicode

from .settings import PROJECT_ROOT, Settings

INSTALL_HINT = "install it: apt-get install bubblewrap (or `make setup`, which does)"
#: The read-only system the kernel sees; the machine's other top-level folders are absent.
SYSTEM_PATHS = ("/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
#: Errors a cell gets when it reaches for the network inside the sandbox.
NETWORK_ERRNOS = {101: "Network is unreachable", 99: "Cannot assign requested address"}
GiB = 1024**3
MiB = 1024**2


class SandboxError(RuntimeError):
    """Learners' code cannot be run confined, so it is not run at all."""


def bwrap_path() -> str:
    """The bubblewrap binary, or SandboxError saying how to install it."""
    found = shutil.which("bwrap") or ("/usr/bin/bwrap" if os.access("/usr/bin/bwrap", os.X_OK) else None)
    if not found:
        raise SandboxError(f"refusing to run learners' code unconfined: bubblewrap (`bwrap`) is not installed; {INSTALL_HINT}")
    return found


def require_sandbox() -> None:
    """Fail early (before any kernel) when the sandbox cannot be made."""
    bwrap_path()
    if os.geteuid() == 0:
        unprivileged_ids(DEFAULT_USER)


DEFAULT_USER = "nobody"


def unprivileged_ids(user: str) -> tuple[int, int]:
    """uid and gid of the account a kernel runs as when we are root; never 0."""
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        raise SandboxError(f"refusing to run learners' code as root: there is no system user {user!r} to run it as") from None
    if entry.pw_uid == 0 or entry.pw_gid == 0:
        raise SandboxError(f"refusing to run learners' code as root: the sandbox user {user!r} is root")
    return entry.pw_uid, entry.pw_gid


@dataclass(frozen=True)
class Limits:
    memory: int = 4 * GiB  # RLIMIT_AS: a kernel with pandas and plotly loaded uses about 1.5 GiB of address space
    processes: int = 128  # RLIMIT_NPROC: the kernel's threads count too
    file_size: int = 256 * MiB  # RLIMIT_FSIZE
    open_files: int = 1024  # RLIMIT_NOFILE
    cpu_seconds: int = 0  # RLIMIT_CPU, 0 = none (the notebook's time limit is NotebookTimeLimit's)

    def prlimit(self) -> list[str]:
        args = ["prlimit", f"--as={self.memory}:{self.memory}", f"--nproc={self.processes}:{self.processes}",
                f"--fsize={self.file_size}:{self.file_size}", f"--nofile={self.open_files}:{self.open_files}", "--core=0:0"]
        if self.cpu_seconds:
            args.append(f"--cpu={self.cpu_seconds}:{self.cpu_seconds}")
        return args + ["--"]


def code_paths() -> list[Path]:
    """What the kernel's Python needs to read: the venv, its base Python, our code."""
    paths = {Path(sys.prefix), Path(sys.base_prefix), Path(os.path.realpath(sys.executable)).parent.parent, PROJECT_ROOT}
    paths |= {Path(p) for p in sys.path if p and ("site-packages" in p or "dist-packages" in p) and Path(p).is_dir()}
    keep: list[Path] = []
    for path in sorted(paths, key=lambda p: len(p.parts)):
        if any(str(path).startswith(s + "/") or str(path) == s for s in SYSTEM_PATHS):
            continue
        if not any(parent in keep for parent in path.parents) and path != Path("/"):
            keep.append(path)
    return keep


def data_paths(extra: Sequence[Path] = ()) -> list[Path]:
    """Folders to hide even where they sit inside a folder the kernel may read."""
    hidden = [PROJECT_ROOT / ".redschool", *extra]
    try:
        hidden.append(Settings.from_env().data_dir)
    except Exception:  # a bad REDSCHOOL_ setting must not open the sandbox
        pass
    return sorted({Path(p).resolve() for p in hidden if Path(p).is_dir()})


def kernel_environment(scratch: Path, passed: Mapping[str, str] = {}) -> dict[str, str]:
    """The whole environment of a confined kernel: no token, password or secret of ours."""
    home = scratch / "home"
    env = {
        "PATH": f"{Path(sys.executable).parent}:/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TMPDIR": str(scratch / "tmp"),
        "MPLCONFIGDIR": str(home / ".matplotlib"),
        "IPYTHONDIR": str(home / ".ipython"),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local/share/jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / ".local/share/jupyter/runtime"),
        "PYTHONNOUSERSITE": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
        # The kernel's parent is the sandbox's init (pid 1): ipykernel then neither polls a
        # parent pid nor prints its stand-alone banner into the grader's output.
        "JPY_PARENT_PID": "1",
    }
    # nbgrader tells notebooks that they are being validated or autograded; nothing secret.
    env.update({k: v for k, v in passed.items() if k.startswith("NBGRADER_")})
    return env


def bwrap_command(
    argv: Sequence[str],
    *,
    scratch: Path,
    workdir: Path,
    env: Mapping[str, str],
    limits: Limits = Limits(),
    run_as: tuple[int, int] | None = None,
    expose: Sequence[Path] = (),
    hide: Sequence[Path] = (),
    bwrap: str = "bwrap",
) -> list[str]:
    """The command line that runs `argv` confined (pure: nothing is checked or made here)."""
    cmd = [bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-net", "--unshare-ipc",
           "--unshare-uts", "--unshare-cgroup-try", "--hostname", "sandbox"]
    if run_as is not None:
        # bwrap runs as root (no user namespace) to mount the Python that root installed;
        # it may only change uid, which setpriv does below, dropping every capability.
        cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
    else:
        cmd += ["--unshare-user"]
    for path in SYSTEM_PATHS:
        if os.path.islink(path):
            cmd += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            cmd += ["--ro-bind", path, path]
    made: set[str] = set()
    for path in expose:
        # Folders on the way keep their host mode unless made here: /root is 0700.
        for parent in reversed(path.parents):
            if str(parent) != "/" and str(parent) not in made:
                cmd += ["--perms", "0755", "--dir", str(parent)]
                made.add(str(parent))
        cmd += ["--ro-bind", str(path), str(path)]
        made.add(str(path))
    cmd += ["--dev", "/dev", "--proc", "/proc", "--tmpfs", "/tmp", "--tmpfs", "/dev/shm"]
    for path in hide:
        if any(path == e or e in path.parents for e in expose):
            cmd += ["--tmpfs", str(path)]
    cmd += ["--bind", str(scratch), str(scratch), "--chdir", str(workdir), "--clearenv"]
    for key, value in sorted(env.items()):
        cmd += ["--setenv", key, value]
    cmd += ["--"]
    if run_as is not None:
        uid, gid = run_as
        cmd += ["setpriv", f"--reuid={uid}", f"--regid={gid}", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"]
    return cmd + limits.prlimit() + list(argv)


def copy_folder(source: Path, target: Path) -> None:
    """A copy of the folder the notebook runs in; symbolic links are copied as links,
    never followed (a learner's link to a secret stays a dangling link in the sandbox)."""
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))


def _chown_tree(root: Path, uid: int, gid: int) -> None:
    for folder, dirs, files in os.walk(root):
        os.lchown(folder, uid, gid)
        for name in dirs + files:
            os.lchown(os.path.join(folder, name), uid, gid)


def remove_tree(root: Path) -> None:
    def make_writable(func, path, _exc):
        try:
            os.chmod(os.path.dirname(path), stat.S_IRWXU)
            os.chmod(path, stat.S_IRWXU)
            func(path)
        except OSError:
            pass

    shutil.rmtree(root, onerror=make_writable)


class SandboxedKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels run confined by bubblewrap (see the module's docstring).

    Give it to nbclient or nbconvert's ExecutePreprocessor as `kernel_manager_class`;
    the notebook's folder (nbclient's `resources["metadata"]["path"]`, the `cwd` of
    the kernel) is copied into the scratch folder and the kernel runs in the copy.
    """

    sandbox_user = Unicode(
        DEFAULT_USER,
        help="System user a kernel runs as when the grader runs as root, e.g. `nobody`. "
        "Server mode will give each learner's submission their own system user.",
    ).tag(config=True)
    memory_limit = Integer(Limits.memory, help="Bytes of address space a kernel may use (RLIMIT_AS), e.g. 4294967296.").tag(config=True)
    process_limit = Integer(Limits.processes, help="Processes and threads (RLIMIT_NPROC), e.g. 128.").tag(config=True)
    file_size_limit = Integer(Limits.file_size, help="Bytes of the largest file a kernel may write (RLIMIT_FSIZE), e.g. 268435456.").tag(config=True)
    hidden_paths = List(Unicode(), help="More folders to hide from kernels, besides the data folder.").tag(config=True)

    _scratch: Path | None = None

    async def _async_pre_start_kernel(self, **kw):
        bwrap = bwrap_path()
        run_as = unprivileged_ids(self.sandbox_user) if os.geteuid() == 0 else None
        self._remove_scratch()
        scratch = Path(tempfile.mkdtemp(prefix="redschool-kernel-"))
        self._scratch = scratch
        source = Path(kw.get("cwd") or os.getcwd())
        workdir = scratch / "work"
        if source.is_dir():
            copy_folder(source, workdir)
        else:
            workdir.mkdir()
        for name in ("home", "tmp", "run"):
            (scratch / name).mkdir()
        # The kernel's messaging over Unix sockets in the scratch folder: it has no network.
        self.transport = "ipc"
        self.ip = str(scratch / "run" / "kernel")
        self.connection_file = str(scratch / "run" / "kernel.json")
        # A kernel in its own session cannot be sent SIGINT by us: interrupt it by message.
        self.kernel_spec.interrupt_mode = "message"
        env = kw.get("env") or os.environ
        kernel_cmd, kw = await super()._async_pre_start_kernel(**kw)
        if run_as is not None:
            _chown_tree(scratch, *run_as)
        limits = Limits(memory=self.memory_limit, processes=self.process_limit, file_size=self.file_size_limit)
        kernel_cmd = bwrap_command(
            kernel_cmd, scratch=scratch, workdir=workdir, env=kernel_environment(scratch, env), limits=limits,
            run_as=run_as, expose=code_paths(), hide=data_paths([Path(p) for p in self.hidden_paths]), bwrap=bwrap,
        )
        self.log.debug("confined kernel: %s", kernel_cmd)
        kw["cwd"] = str(scratch)
        kw["env"] = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
        return kernel_cmd, kw

    def _remove_scratch(self) -> None:
        if self._scratch is not None:
            remove_tree(self._scratch)
            self._scratch = None

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            self._remove_scratch()

    cleanup_resources = _async_cleanup_resources


def network_error(ename: str, evalue: str) -> bool:
    """Did a cell fail because the sandbox has no network?"""
    if ename == "gaierror":
        return True
    return ename in ("OSError", "ConnectionError", "ConnectionRefusedError", "TimeoutError", "URLError") and any(
        f"[Errno {n}]" in evalue or text in evalue for n, text in NETWORK_ERRNOS.items()
    )
