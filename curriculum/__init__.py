"""Red School's curriculum: programmes, units and readings, and the tools around them.

The content lives beside this code: one folder per programme (``bootcamp/``,
``little-red-school/``), one folder per unit inside it. Reading guides live in
``readings/`` at the top of the repository. The Python modules are the model of
that content and the tools that work on it:

- :mod:`curriculum.models`   typed manifests (pydantic), the fixed benchmark and capacity lists
- :mod:`curriculum.load`     ``load_curriculum()``, ``find_unit()``; ``Curriculum``, ``Programme``, ``Unit``
- :mod:`curriculum.readings` reading guides: front matter model, loader, index page
- :mod:`curriculum.cells`    what each cell kind is (read-only, exercise, test, reflection, code answer, task) and builders
- :mod:`curriculum.scaffold` ``new_unit()`` behind ``redschool unit new``
- :mod:`curriculum.placeholders` the ``(Writer: …)`` notes the scaffold leaves and the check finds
- :mod:`curriculum.importer` ``import_unit()`` behind ``redschool unit import``: existing notebooks into a unit
- :mod:`curriculum.advice`   commands in the check's advice, written to work where they are pasted
- :mod:`curriculum.check`    ``check_paths()`` behind ``redschool check``: targets, workers, the report
- :mod:`curriculum.rules`    the check's static rules (files only, fast)
- :mod:`curriculum.running`  running notebooks: the check's execution stage, previews, the process pool
- :mod:`curriculum.build`    ``build_assignment()``: the student version, through nbgrader
- :mod:`curriculum.render`   offline HTML for notebooks and Markdown (no CDN, no fonts)
- :mod:`curriculum.preview`  ``preview_unit()`` behind ``redschool preview``
- :mod:`curriculum.packet`   ``build_packet()`` behind ``redschool packet``: reading guides and the notebook, printable
- ``curriculum/templates/``  the pages they write: Jinja page templates and nbconvert templates
- :mod:`curriculum.reference` the generated format reference, ``docs/unit-format.md``

Importing this package is light: nbgrader, nbconvert and nbclient are imported
by the functions that need them.
"""

from curriculum.errors import CurriculumError

__all__ = ["CurriculumError"]
