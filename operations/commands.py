"""`redschool` sub-commands of operations: backup, restore, learner export/erase, upgrade, status."""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import OperationsError

USER_ERRORS = (OperationsError,)


def add_commands(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="write one archive of the whole cohort (safe while the hub runs)",
        description="Hub database and gradebooks (consistent snapshots), homes, courses, exchange, "
        "roster and settings, in one .tar.gz. Secrets are left out unless --include-secrets.",
    )
    backup.add_argument("--to", type=Path, default=None, metavar="FILE",
                        help="archive to write, or a folder for it (default: <data folder>/backups/)")
    backup.add_argument("--include-secrets", action="store_true",
                        help="also the cookie secret, proxy and service tokens and demo passwords")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore",
        help="rebuild the data folder from a backup archive",
        description="Checks the whole archive first; refuses a damaged or truncated one, or one from "
        "another schema, without touching anything. Restores into REDSCHOOL_DATA_DIR.",
    )
    restore.add_argument("archive", type=Path, metavar="FILE")
    restore.add_argument("--force", action="store_true", help="move a non-empty data folder aside first")
    restore.set_defaults(func=run_restore)

    learner = subparsers.add_parser("learner", help="a learner's own data: export it, or erase it")
    actions = learner.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="one zip of a learner's notebooks, submissions, reflections, comments, feedback")
    export.add_argument("name", metavar="NAME")
    export.add_argument("--to", type=Path, default=None, metavar="FILE", help="zip to write (default: ./NAME-red-school-DATE.zip)")
    export.set_defaults(func=run_export)
    erase = actions.add_parser("erase", help="remove a learner's files, submissions, grades and comments everywhere")
    erase.add_argument("name", metavar="NAME")
    erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    erase.set_defaults(func=run_erase)

    upgrade = subparsers.add_parser(
        "upgrade",
        help="after `git pull` and `make setup`: migrate the hub database and gradebooks (hub stopped)",
    )
    upgrade.add_argument("--no-backup", action="store_true", help="skip the backup made first")
    upgrade.set_defaults(func=run_upgrade)

    status = subparsers.add_parser("status", help="is everything up? exit 1 if something is down")
    status.set_defaults(func=run_status)


def _settings():
    from core.settings import Settings

    return Settings.from_env()


def run_backup(args) -> int:
    from .backup import backup

    result = backup(_settings(), to=args.to, include_secrets=args.include_secrets)
    print(result.line())
    if result.skipped:
        print(f"Not backed up ({len(result.skipped)} links or special files): {', '.join(result.skipped[:5])}"
              + (" ..." if len(result.skipped) > 5 else ""))
    if result.secrets_included:
        print(
            "\n  !! THIS BACKUP HOLDS SECRETS: the hub's cookie secret, the proxy and service tokens\n"
            "  !! and any demo passwords. Whoever reads it can act as the hub. Keep it encrypted.\n",
            file=sys.stderr,
        )
    else:
        print("Secrets were left out (the hub makes new ones after a restore). The archive still holds "
              "everyone's writing and password hashes: keep it where only admins can read it.")
    return 0


def run_restore(args) -> int:
    from .restore import restore

    result = restore(_settings(), args.archive, force=args.force)
    print(f"Restored {result.files} files of the backup made {result.created} into {result.data_dir}.")
    if result.moved_aside:
        print(f"The folder that was there is now {result.moved_aside}.")
    for note in result.notes:
        print(f"  note: {note}")
    print("Start the hub as usual; if Red School was upgraded since, run `redschool upgrade` first.")
    return 0


def run_export(args) -> int:
    from .learner_data import export

    path = export(_settings(), args.name, to=args.to)
    print(f"{args.name}'s writing is in {path}: notebooks, submissions, reflections with comments, and "
          "feedback pages, readable without Red School. Give it to them; it is theirs.")
    return 0


def run_erase(args) -> int:
    from .learner_data import erase, erase_refusal, find_learner_data, still_on_roster

    settings = _settings()
    refusal = erase_refusal(settings, args.name)
    if refusal:
        raise OperationsError(refusal)
    data = find_learner_data(settings, args.name)
    print(f"This removes, for good, everything of {args.name}:")
    for line in data.lines():
        print(f"  {line}")
    print("  the hub's user (their server is stopped first)")
    if not args.yes:
        if not sys.stdin.isatty():
            raise OperationsError("not confirmed: run it in a terminal to confirm, or add --yes")
        typed = input(f"Type {args.name} to erase it all (anything else stops): ").strip()
        if typed != args.name:
            print("Nothing was erased.")
            return 1
    result = erase(settings, data)
    print(f"Erased: {len(result.removed_paths)} files and folders, {len(result.gradebooks)} gradebook(s); {result.hub_user}.")
    print("Databases rewritten so nothing of theirs stays in free pages: " + ", ".join(map(str, result.vacuumed)))
    if still_on_roster(settings, args.name):
        print(f"  note: {args.name} is still on the roster: they can log in again and start afresh. "
              "Remove their row to keep them out. Backups made before today still hold their data.")
    else:
        print("  note: backups made before today still hold their data.")
    return 0


def run_upgrade(args) -> int:
    from .upgrade import upgrade

    result = upgrade(_settings(), backup_first=not args.no_backup)
    if result.backup:
        print(result.backup.line())
    for change in result.changes:
        print(change)
    print("Upgraded. Start the hub again (it starts every desk and service).")
    return 0


def run_status(args) -> int:
    from core.cohort import load_roster

    from .health import gather, healthy

    settings = _settings()
    checks = gather(settings, load_roster(settings.roster))
    for check in checks:
        print(check.line())
    return 0 if healthy(checks) else 1
