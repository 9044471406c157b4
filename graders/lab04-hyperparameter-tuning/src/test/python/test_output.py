"""Lab 04's two tunings as a data scientist reads them in Python: the parent runs `cross-validation` and
`train-validation-split`, each with its settings, its grid (`param_grid.json`), one finished child per grid point
listed under it, the folds it validated on (`validation_keys/`), what it cost (`models_fitted` from the grid and the
folds), the best candidate it records (found again with a search of its children) and its best model's signature.
"""
import json

import mlflow
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, caller_columns, children, listed, read_text, run_named,
                                   signature_columns)

TUNERS = {"cross-validation": "CrossValidator", "train-validation-split": "TrainValidationSplit"}


@pytest.fixture(scope="module", params=sorted(TUNERS))
def parent(request):
    return run_named(request.param)


def grid_of(parent):
    return [{name: float(value) for name, value in point.items()}
            for point in json.loads(read_text(parent, "param_grid.json"))]


def folds_of(parent):
    return int(parent.data.params["num_folds"]) if "num_folds" in parent.data.params else 1


def test_the_parent_is_finished_with_its_tuners_settings(parent):
    assert parent.info.status == "FINISHED"
    assert parent.data.params["tuner"] == TUNERS[parent.info.run_name]
    assert parent.data.params["metric"] == "areaUnderROC"
    assert int(parent.data.params["grid_size"]) == len(grid_of(parent))
    assert_made_by_the_lab(parent)


def test_each_grid_point_is_a_finished_child_listed_under_the_parent(parent):
    candidates = children(parent)
    logged = [{name: float(value) for name, value in run.data.params.items()} for run in candidates]

    assert len(candidates) == len(grid_of(parent))
    assert sorted(logged, key=sorted_items) == sorted(grid_of(parent), key=sorted_items)
    for run in candidates:
        assert run.info.status == "FINISHED"
        assert 0 <= run.data.metrics["auc"] <= 1
        assert_made_by_the_lab(run)


def sorted_items(point):
    return sorted(point.items())


def test_the_cost_and_the_recorded_folds_follow_from_the_settings(parent):
    folds = folds_of(parent)
    fold_files = listed(parent, "validation_keys")
    keys = [set(read_text(parent, path).splitlines()) for path in fold_files]

    assert parent.data.metrics["models_fitted"] == len(grid_of(parent)) * folds + 1
    assert sorted(fold_files) == ["validation_keys/fold-%d.txt" % fold for fold in range(folds)]
    assert sum(len(fold) for fold in keys) == len(set().union(*keys)), "the folds overlap"
    assert parent.data.metrics["fit_seconds"] > 0


def test_the_parent_records_the_child_the_search_ranks_best(parent):
    best = mlflow.search_runs([parent.info.experiment_id], output_format="list", max_results=1,
                              filter_string="tags.mlflow.parentRunId = '%s'" % parent.info.run_id,
                              order_by=["metrics.auc DESC"])[0]
    tied = [run for run in children(parent) if run.data.metrics["auc"] == best.data.metrics["auc"]]

    assert parent.data.metrics["best_auc"] == best.data.metrics["auc"]
    assert {name: value for name, value in parent.data.params.items() if name.startswith("best_")} in [
        {"best_" + name: value for name, value in run.data.params.items()} for run in tied]


def test_the_best_models_signature_takes_churn_columns(parent):
    inputs = signature_columns("runs:/%s/model" % parent.info.run_id)

    assert inputs and inputs.items() <= caller_columns("customer_churn").items()
