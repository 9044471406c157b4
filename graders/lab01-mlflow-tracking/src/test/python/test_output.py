"""Lab 01's sweep as a data scientist reads it in Python: the parent run `regparam-sweep` with its params, the
candidates the UI lists under it (names, params, status, tags), each candidate's `train_loss` curve, its
`coefficients.json` keyed by the columns its logged model's signature takes, and the best candidate the parent
records, found again with MLflow's own search.
"""
import json

import mlflow
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, children, history, listed, read_text, run_named,
                                   signature_columns)


@pytest.fixture(scope="module")
def parent():
    return run_named("regparam-sweep")


@pytest.fixture(scope="module")
def candidates(parent):
    found = children(parent)
    assert len(found) == 3, "expected 3 candidates under the sweep, found %s" % [r.info.run_name for r in found]
    return found


def test_the_sweep_is_a_finished_parent_run_with_its_params(parent):
    assert parent.info.status == "FINISHED"
    assert sorted(parent.data.params) == ["dataset", "max_iter"]
    assert parent.data.params["dataset"] == "customer_churn"
    assert_made_by_the_lab(parent)


def test_each_candidate_is_a_finished_child_named_for_its_reg_param(parent, candidates):
    for run in candidates:
        assert run.info.run_name == "reg_param=" + run.data.params["reg_param"]
        assert run.info.status == "FINISHED"
        assert run.data.params["max_iter"] == parent.data.params["max_iter"]
        assert run.data.tags["model_family"] == "logistic_regression"
        assert 0.5 < run.data.metrics["test_auc"] <= 1
        assert_made_by_the_lab(run)
    assert len({run.data.params["reg_param"] for run in candidates}) == 3


def test_each_candidate_has_a_falling_loss_curve_over_steps(candidates):
    for run in candidates:
        losses = history(run, "train_loss")
        assert len(losses) > 1
        assert losses[-1] < losses[0]


def test_each_candidates_coefficients_name_the_columns_its_model_takes(candidates):
    for run in candidates:
        assert {"coefficients.json", "model", "split"} <= set(listed(run))
        assert "split/test_keys.txt" in listed(run, "split")
        coefficients = json.loads(read_text(run, "coefficients.json"))
        assert sorted(coefficients) == sorted(signature_columns("runs:/%s/model" % run.info.run_id))
        assert all(isinstance(value, float) for value in coefficients.values())


def test_the_parent_records_the_best_candidate_the_search_finds(parent, candidates):
    best = mlflow.search_runs([parent.info.experiment_id], output_format="list", max_results=1,
                              filter_string="tags.mlflow.parentRunId = '%s'" % parent.info.run_id,
                              order_by=["metrics.test_auc DESC"])[0]

    assert best.data.metrics["test_auc"] == max(run.data.metrics["test_auc"] for run in candidates)
    assert parent.data.tags["best_run_id"] == best.info.run_id
    assert parent.data.metrics["best_test_auc"] == best.data.metrics["test_auc"]
