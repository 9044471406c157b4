"""Lab 10's AutoML experiment as a data scientist reads it in Python: the `automl` run within its time budget, its
trials listed under it (each finished one with its estimator, metric, model and generated source), the best trial and
`leaderboard.csv` against a search of the trials, `automl-top3` and `manual-model` against the same search, and
`extended-trial` with its edited source, its recorded validation keys and the AutoML trial it came from.
"""
import math

import mlflow
import pandas as pd
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, children, client, download, listed, model_info, read_text,
                                   run_named)

METRIC = "areaUnderROC"


@pytest.fixture(scope="module")
def automl():
    return run_named("automl")


@pytest.fixture(scope="module")
def ranked(automl):
    """The finished trials, best first, as MLflow's search ranks them."""
    found = mlflow.search_runs([automl.info.experiment_id], output_format="list", order_by=["metrics.%s DESC" % METRIC],
                               filter_string="tags.mlflow.parentRunId = '%s' AND attributes.status = 'FINISHED'"
                                             % automl.info.run_id)
    assert found, "no finished trial under the automl run"
    return found


def test_the_automl_run_kept_to_its_budget(automl):
    budget_ms = float(automl.data.params["budget_seconds"]) * 1000

    assert automl.info.status == "FINISHED" and automl.data.params["metric"] == METRIC
    assert automl.info.end_time - automl.info.start_time <= budget_ms * 1.1 + 1000
    assert all(trial.info.start_time - automl.info.start_time <= budget_ms for trial in children(automl))
    assert automl.data.metrics["trials"] == len(children(automl))
    assert_made_by_the_lab(automl)


def test_each_finished_trial_holds_its_estimator_metric_model_and_source(automl, ranked):
    assert len(ranked) == automl.data.metrics["trials"] - automl.data.metrics["failed_trials"]
    for trial in ranked:
        number = trial.data.tags["mllabs.search.trial"]
        assert trial.info.run_name == "trial-" + number and trial.data.params["estimator"]
        assert 0 <= trial.data.metrics[METRIC] <= 1
        assert "model/MLmodel" in listed(trial, "model")
        assert listed(trial, "trial") == ["trial/Trial_%s.java" % number]
        assert "class Trial_%s" % number in read_text(trial, "trial/Trial_%s.java" % number)


def test_the_best_trial_and_the_leaderboard_are_what_the_search_ranks(automl, ranked):
    board = pd.read_csv(download(automl, "leaderboard.csv"))
    best = client().get_run(automl.data.tags["mllabs.automl.best_run_id"])

    assert best.data.metrics[METRIC] == automl.data.metrics["best_" + METRIC] == ranked[0].data.metrics[METRIC]
    assert model_info(automl.data.tags["mllabs.automl.best_model_uri"]).run_id == best.info.run_id
    assert sorted(board["run_id"]) == sorted(trial.info.run_id for trial in ranked)
    assert list(board["rank"]) == list(range(1, len(ranked) + 1))
    assert all(math.isclose(row, trial.data.metrics[METRIC], abs_tol=1e-6) for row, trial in zip(board[METRIC], ranked))


def test_the_top_three_are_the_searchs(automl, ranked):
    top = run_named("automl-top3")

    assert top.data.tags["automl_run_id"] == automl.info.run_id
    for rank, trial in enumerate(ranked[:3], start=1):
        assert top.data.tags["rank_%d_run_id" % rank] == trial.info.run_id
        assert top.data.metrics["rank_%d_%s" % (rank, METRIC)] == trial.data.metrics[METRIC]
    assert "rank_%d_run_id" % (min(len(ranked), 3) + 1) not in top.data.tags
    assert_made_by_the_lab(top)


def test_the_manual_model_is_compared_with_the_best_trial(ranked):
    manual = run_named("manual-model")
    metrics = manual.data.metrics

    assert metrics["automl_best_auc"] == ranked[0].data.metrics[METRIC]
    assert manual.data.tags["winner"] == ("manual" if metrics["manual_auc"] > metrics["automl_best_auc"] else "automl")
    assert model_info("runs:/%s/model" % manual.info.run_id).signature.inputs.input_names()
    assert_made_by_the_lab(manual)


def test_the_extended_trial_edits_a_finished_trials_source(ranked):
    extended = run_named("extended-trial")
    trial = client().get_run(extended.data.tags["source_trial_run_id"])
    number = trial.data.tags["mllabs.search.trial"]
    source = "source/Trial_%s.java" % number

    assert extended.info.status == "FINISHED" and 0 <= extended.data.metrics[METRIC] <= 1
    assert trial.info.run_id in [run.info.run_id for run in ranked]
    assert listed(extended, "source") == [source] and "model/MLmodel" in listed(extended, "model")
    assert read_text(extended, source) != read_text(trial, "trial/Trial_%s.java" % number)
    assert read_text(extended, "split/validation_keys.txt").splitlines()
    assert_made_by_the_lab(extended)
