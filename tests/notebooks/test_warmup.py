"""The first chart without the wait (exercises/warmup.py, loaded as the learners' kernel
spec loads it): pandas and plotly are imported while the learner reads, and a cell run
before that is done says so in one line, which goes once the tools are ready."""

from __future__ import annotations

from jupyter_client.manager import start_new_kernel

from exercises.warmup import WAITING
from hub.workspace import WARMUP, learner_kernel_spec


def iopub_until_idle(kc, msg_id: str) -> list[dict]:
    messages = []
    while True:
        message = kc.get_iopub_msg(timeout=120)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return messages


def test_the_learner_kernel_spec_loads_the_warmup():
    assert f"--ext={WARMUP}" in learner_kernel_spec("/venv/bin/python")["argv"]


def test_a_cell_run_at_once_waits_under_one_line_then_finds_the_tools_imported():
    km, kc = start_new_kernel(kernel_name="python3", extra_arguments=[f"--ext={WARMUP}"])
    try:
        # Run at once, while the warm-up still imports: the line shows, then is cleared.
        first = kc.execute("print('mine')")
        said = [(m["msg_type"], m["content"].get("text")) for m in iopub_until_idle(kc, first)
                if m["msg_type"] in ("stream", "clear_output")]
        assert said == [("stream", WAITING + "\n"), ("clear_output", None), ("stream", "mine\n")]
        # The cell imported nothing itself, yet pandas, plotly and the house style are there.
        second = kc.execute("import sys, plotly.io as pio\n"
                            "print('pandas' in sys.modules, 'plotly.graph_objects' in sys.modules, pio.renderers.default)")
        (text,) = [m["content"]["text"] for m in iopub_until_idle(kc, second) if m["msg_type"] == "stream"]
        assert text.startswith("True True ") and "redschool_notebook" in text
        # Once ready, a cell says nothing extra.
        third = kc.execute("1 + 1")
        assert not [m for m in iopub_until_idle(kc, third) if m["msg_type"] in ("stream", "clear_output")]
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
