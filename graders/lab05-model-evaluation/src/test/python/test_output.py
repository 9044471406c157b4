"""Lab 05's evaluation runs as a data scientist reads them in Python with pandas: each run's recorded split
(`split/train_keys.csv`, `split/test_keys.csv`) joined to the dataset's CSV gives again the class shares the run
logs, and, for the baselines that need no model, the baseline metrics it logs (a constant score's ROC and PR areas,
the majority class's accuracy, the mean price's RMSE and MAE); `beats_baseline` agrees with the metrics, and the
model and its baseline share one signature.
"""
import functools
import math

import pandas as pd
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, dataset, dataset_file, download, model_info, read_text,
                                   run_named, signature_columns)

TASKS = {"churn-binary": ("customer_churn", "churned", "roc_auc"),
         "contract-multiclass": ("customer_churn", "contract", "f1"),
         "price-regression": ("house_prices", "price", "rmse")}
LOWER_IS_BETTER = {"rmse", "mae"}
CLASSIFIED = sorted(name for name, (_, _, primary) in TASKS.items() if primary not in LOWER_IS_BETTER)


@functools.lru_cache(maxsize=None)
def read(name):
    """The task's run, label, primary metric, dataset and the two sides of its recorded split."""
    data_name, label, primary = TASKS[name]
    run = run_named(name)
    described = dataset(data_name)
    data = pd.read_csv(dataset_file(data_name), dtype=None if primary in LOWER_IS_BETTER else {label: str})
    sides = {side: data.merge(pd.read_csv(download(run, "split/%s_keys.csv" % side)), on=described["key_column"])
             for side in ("train", "test")}
    return run, label, primary, data, sides


@pytest.fixture(params=sorted(TASKS))
def task(request):
    return read(request.param)


def test_the_run_is_finished_and_made_by_the_lab(task):
    run = task[0]
    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)


def test_the_split_puts_every_row_on_one_side(task):
    run, _, _, data, sides = task
    assert len(sides["train"]) + len(sides["test"]) == len(data)
    assert set(sides["train"].iloc[:, 0]).isdisjoint(sides["test"].iloc[:, 0])
    assert read_text(run, "split/test_keys.csv").splitlines()[0] == data.columns[0]


@pytest.mark.parametrize("name", CLASSIFIED)
def test_the_logged_class_shares_are_the_recorded_sides_shares(name):
    run, label, _, data, sides = read(name)
    for side, rows in sides.items():
        shares = rows[label].value_counts(normalize=True)
        logged = {key[len(side) + 7:]: value for key, value in run.data.metrics.items()
                  if key.startswith(side + "_share_")}
        assert sorted(logged) == sorted(shares.index)
        for value, share in shares.items():
            assert math.isclose(logged[value], share, rel_tol=1e-9), "%s_share_%s" % (side, value)
    for value, count in data[label].value_counts().items():
        assert abs((sides["test"][label] == value).sum() - count * 0.2) <= 1, "not stratified by " + label


def test_the_baseline_metrics_are_what_the_simplest_guess_scores_on_the_test_rows(task):
    run, label, primary, _, sides = task
    test, metrics = sides["test"], run.data.metrics
    if primary == "rmse":
        error = test[label] - sides["train"][label].mean()
        assert math.isclose(metrics["baseline_rmse"], math.sqrt((error ** 2).mean()), rel_tol=1e-6)
        assert math.isclose(metrics["baseline_mae"], error.abs().mean(), rel_tol=1e-6)
    elif primary == "f1":
        majority = sides["train"][label].value_counts().idxmax()
        assert math.isclose(metrics["baseline_accuracy"], (test[label] == majority).mean(), rel_tol=1e-9)
    else:
        assert metrics["baseline_roc_auc"] == 0.5
        assert math.isclose(metrics["baseline_pr_auc"], (test[label] == "1").mean(), rel_tol=1e-9)


def test_beats_baseline_says_what_the_primary_metric_says(task):
    run, _, primary, _, _ = task
    model, baseline = run.data.metrics["test_" + primary], run.data.metrics["baseline_" + primary]
    beats = model < baseline if primary in LOWER_IS_BETTER else model > baseline
    assert run.data.tags["beats_baseline"] == str(beats).lower()


def test_the_model_and_its_baseline_take_the_same_columns(task):
    run = task[0]
    model, baseline = ("runs:/%s/%s" % (run.info.run_id, path) for path in ("model", "baseline"))
    assert signature_columns(model) == signature_columns(baseline)
    assert model_info(model).signature.outputs == model_info(baseline).signature.outputs
