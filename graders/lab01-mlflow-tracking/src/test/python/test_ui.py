"""Lab 01's runs as a learner sees them in the MLflow UI: the experiment's runs page, after the UI's JavaScript ran,
lists the top-level runs by name, keeps each parent's child runs folded under it, and shows them, indented right below
the parent, once its row is unfolded. What the page must show is read from the server's own records (the runs and
their mlflow.parentRunId tags), never typed in. The unfolded page is saved as lab01-runs.png (mllabs_checks.ui).
"""
import os

from mllabs_checks.experiment import experiment, runs
from mllabs_checks.ui import (RUNS_TABLE_ROWS, UiPage, chromium, click_expander, module_dir, runs_table_rows,
                              screenshot_dir, tracking_uri)

PARENT_TAG = "mlflow.parentRunId"


def test_the_runs_page_shows_the_runs_and_their_nesting():
    browser = chromium()
    every_run = runs()
    children = {}
    for run in every_run:
        if PARENT_TAG in run.data.tags:
            children.setdefault(run.data.tags[PARENT_TAG], []).append(run)
    top_level = {run.info.run_id: run.info.run_name for run in every_run if PARENT_TAG not in run.data.tags}
    parents = [run_id for run_id in top_level if run_id in children]
    assert parents, "no run of %s has child runs" % os.environ["MLLABS_EXPERIMENT"]

    url = "%s/#/experiments/%s/runs" % (tracking_uri(), experiment().experiment_id)
    with UiPage(browser, url) as page:
        page.wait_for("(%s).length >= %d" % (RUNS_TABLE_ROWS, len(top_level)), "the %d top-level runs" % len(top_level))
        folded = runs_table_rows(page)
        assert {row["id"]: row["name"] for row in folded} == top_level, "the folded table shows other runs"
        assert all(row["expander"] for row in folded if row["id"] in parents), "a parent has no button to unfold it"

        for parent in parents:
            click_expander(page, parent)
        page.wait_for("(%s).length >= %d" % (RUNS_TABLE_ROWS, len(every_run)), "the child runs once unfolded")
        unfolded = runs_table_rows(page)
        page.screenshot(os.path.join(screenshot_dir(module_dir(__file__)), "lab01-runs.png"))

    assert [row["index"] for row in unfolded] == list(range(len(every_run))), "rows missing from the table"
    shown = {row["id"]: row for row in unfolded}
    assert {run_id: row["name"] for run_id, row in shown.items()} == {
        run.info.run_id: run.info.run_name for run in every_run}
    for parent in parents:
        below = unfolded[shown[parent]["index"] + 1:shown[parent]["index"] + 1 + len(children[parent])]
        assert {row["id"] for row in below} == {run.info.run_id for run in children[parent]}, (
            "the child runs of %s are not the rows right below it: %s" % (top_level[parent], unfolded))
        assert all(row["left"] > shown[parent]["left"] for row in below), (
            "the child runs of %s are not indented under it: %s" % (top_level[parent], unfolded))
