"""Roster parsing and validation: every bad row reported at once, with its line."""

from __future__ import annotations

import pytest

from core.cohort import RosterError, load_roster, parse_roster
from core.settings import DEMO_ROSTER

HEADER = "username,display_name,role,circle\n"
GOOD = HEADER + "learner1,Ana,learner,rosa\nfacilitator1,Ines,facilitator,rosa\nadmin,Lee,admin,\n"


def problems(text: str) -> list[str]:
    with pytest.raises(RosterError) as info:
        parse_roster(text, source="roster.csv")
    return info.value.problems


def test_the_demo_roster_has_two_circles_an_author_and_an_admin():
    cohort = load_roster(DEMO_ROSTER)
    assert set(cohort.circles) == {"rosa", "lucy"}
    assert cohort.circles["rosa"].learners == ("learner1", "learner2", "learner3", "learner4")
    assert cohort.circles["rosa"].facilitators == ("facilitator1",)
    assert cohort.circles["lucy"].learners == ("learner5", "learner6", "learner7", "learner8")
    assert cohort.circles["lucy"].facilitators == ("facilitator2",)
    assert [p.username for p in cohort.with_role("author")] == ["author1"]
    assert [p.username for p in cohort.with_role("admin")] == ["admin"]


def test_spreadsheet_quirks_are_accepted():
    text = "\ufeff# exported from a spreadsheet\n" + HEADER.upper().replace("USERNAME", "Username") + (
        "learner1 , Ana ,Learner, Rosa\n\n,,,\nfacilitator1,Ines,facilitator,rosa;lucy\nadmin,Lee,admin,\n"
        "learner2,,learner,lucy\n"
    )
    cohort = parse_roster(text)
    assert cohort.person("learner1").circles == ("rosa",)
    assert cohort.person("learner2").display_name == "learner2"  # falls back to the username
    assert cohort.circles["lucy"].facilitators == ("facilitator1",)
    assert cohort.circles["rosa"].facilitators == ("facilitator1",)


def test_author_who_also_facilitates():
    cohort = parse_roster(GOOD + "author1,Kai,author;facilitator,rosa\n")
    kai = cohort.person("author1")
    assert kai.is_author and kai.is_facilitator
    assert cohort.circles["rosa"].facilitators == ("facilitator1", "author1")


def test_every_bad_row_is_reported_at_once_with_its_line_number():
    text = HEADER + (
        "learner1,Ana,learner,rosa\n"  # line 2, fine
        "learner1,Ana,learner,rosa\n"  # 3 duplicate
        "Learner2,Ben,learner,rosa\n"  # 4 upper case
        "learner3,Cleo,student,rosa\n"  # 5 unknown role
        "learner4,Dev,learner,\n"  # 6 learner without circle
        "learner5,Esi,learner,lucy\n"  # 7: lucy has no facilitator
        "a/b,Bad,learner,rosa\n"  # 8 JupyterHub would reject '/'
        "learner6,Fay,learner,rosa;lucy\n"  # 9 two circles
        "facilitator1,Ines,facilitator,rosa\n"
        "facilitator2,Jo,facilitator,\n"  # 11 facilitator without circle
        "learner7,Gus,learner;author,rosa\n"  # 12 learner with another role
        "author1,Kai,author,rosa\n"  # 13 author with a circle
        "learner8,Hal,learner,Bad_Circle!\n"  # 14 invalid circle id
        "learner9,Ivy,,rosa\n"  # 15 no role
        "learner10,Jay,learner,idle-culler\n"  # 16 reserved circle id
        ",Nobody,learner,rosa\n"  # 17 empty username
        "admin,Lee,admin,\n"
    )
    found = problems(text)
    expected_lines = [3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17]
    assert [int(p.split(":")[0].removeprefix("line ")) for p in found] == expected_lines
    joined = "\n".join(found)
    assert "line 3: username 'learner1' is already on line 2" in joined
    assert "line 4: username 'Learner2' is not allowed (JupyterHub lower-cases names" in joined
    assert "line 5: unknown role 'student'; use one of: learner, facilitator, author, admin." in joined
    assert "line 6: learner 'learner4' has no circle" in joined
    assert "line 7: circle 'lucy' has no facilitator" in joined
    assert "line 8: username 'a/b' is not allowed" in joined
    assert "line 9: learner 'learner6' is in 2 circles" in joined
    assert "line 11: facilitator 'facilitator2' has no circle" in joined
    assert "line 12: a learner has no other role here" in joined
    assert "line 13: 'author1' is author and has a circle" in joined
    assert "line 14: circle 'bad_circle!' is not a valid circle id" in joined
    assert "line 15: learner9 has no role" in joined
    assert "line 16: circle 'idle-culler' is a name the hub uses itself" in joined
    assert "line 17: the username is empty" in joined


def test_system_accounts_and_the_platforms_own_names_are_refused_with_the_row():
    text = HEADER + (
        "root,Root,admin,\n"  # line 2
        "www-data,Web,learner,rosa\n"  # 3
        "grader-rosa,Grader,facilitator,rosa\n"  # 4: the account that owns rosa's course
        "nobody,No One,learner,rosa\n"  # 5
        "learner1,Ana,learner,rosa\n"
        "facilitator1,Ines,facilitator,rosa\n"
        "admin,Lee,admin,\n"
    )
    found = problems(text)
    assert [int(p.split(":")[0].removeprefix("line ")) for p in found] == [2, 3, 4, 5]
    for line, name in ((2, "root"), (3, "www-data"), (4, "grader-rosa"), (5, "nobody")):
        assert (
            f"line {line}: username {name!r} is the name of a system account or one the platform keeps for "
            "itself; give this person another username"
        ) in "\n".join(found)


def test_error_message_names_the_file_and_counts_the_problems():
    with pytest.raises(RosterError) as info:
        parse_roster(HEADER + "x,X,bad,\nadmin,A,admin,\n", source="/srv/roster.csv")
    assert str(info.value).startswith("The roster /srv/roster.csv has 1 problem(s)")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "line 1: the roster is empty"),
        ("name,role\nx,learner\n", "line 1: the header lacks column(s) username, display_name, circle"),
        (HEADER + "learner1,Ana,learner,rosa\nfacilitator1,I,facilitator,rosa\n", "nobody has the admin role"),
    ],
)
def test_structural_problems(text, expected):
    assert any(expected in p for p in problems(text))


def test_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(RosterError, match="does not exist; set REDSCHOOL_ROSTER"):
        load_roster(tmp_path / "nope.csv")
    latin = tmp_path / "latin1.csv"
    latin.write_bytes((HEADER + "learner1,Andr\xe9,learner,rosa\n").encode("latin-1"))
    with pytest.raises(RosterError, match="not UTF-8 text; save it from your spreadsheet as 'CSV UTF-8'"):
        load_roster(latin)
