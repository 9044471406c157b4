"""Lab 03's eight training runs as a data scientist reads them in Python: one finished run per dataset and model
family, named for both, its params, its metric (RMSE for the regression dataset, AUC for the other), its recorded
test keys, a signature that takes the dataset's numeric feature columns, and, on the best classifier, the saved
pipeline folder: listed and downloaded without Hadoop's `.crc` and `_SUCCESS` files, the same pipeline of stages as
the run's `model/sparkml/`.
"""
import glob
import json
import os

import pytest
from mllabs_checks.experiment import runs
from mllabs_checks.reading import (artifact_files, assert_made_by_the_lab, caller_columns, dataset,
                                   dataset_rows, download, listed, read_text, signature_columns)

SAVED = "saved_pipeline"


@pytest.fixture(scope="module")
def trained():
    """The newest run of each dataset and model family."""
    newest = {}
    for run in reversed(runs()):
        newest[(run.data.tags.get("dataset"), run.data.tags.get("model_family"))] = run
    assert sorted({data for data, _ in newest}) == ["customer_churn", "house_prices"]
    assert len(newest) == 8, "expected 4 model families a dataset, found %s" % sorted(newest)
    return list(newest.values())


def metric_of(run):
    return "test_rmse" if dataset(run.data.tags["dataset"])["problem_type"] == "regression" else "test_auc"


def pipeline_metadata(folder):
    """The PipelineModel's own metadata (class, params) in a downloaded Spark ML folder."""
    (part,) = glob.glob(os.path.join(folder, "metadata", "part-*"))
    with open(part, encoding="utf-8") as file:
        return json.loads(file.readline())


def test_each_run_is_named_for_its_dataset_and_family_and_finished(trained):
    for run in trained:
        assert run.info.run_name == "%s.%s" % (run.data.tags["dataset"], run.data.tags["model_family"])
        assert run.info.status == "FINISHED"
        assert run.data.tags["model_class"].endswith("Model")
        assert_made_by_the_lab(run)


def test_each_run_logs_its_params_and_its_datasets_metric(trained):
    for run in trained:
        assert run.data.params["labelCol"] == dataset(run.data.tags["dataset"])["label"]
        assert run.data.params["featuresCol"] == "features"
        assert list(run.data.metrics) in ([metric_of(run)], [metric_of(run), "reload_mismatches"])
        assert run.data.metrics[metric_of(run)] > 0


def test_each_run_records_a_fifth_of_the_datasets_rows_as_test_keys(trained):
    for run in trained:
        keys = read_text(run, "split/test_keys.txt").splitlines()
        data = dataset(run.data.tags["dataset"])
        assert set(keys) <= {row[data["key_column"]] for row in dataset_rows(data["name"])}
        assert abs(len(set(keys)) / data["rows"] - 0.2) < 0.03


def test_each_models_signature_takes_the_datasets_numeric_feature_columns(trained):
    for run in trained:
        numeric = {name: kind for name, kind in caller_columns(run.data.tags["dataset"]).items() if kind != "string"}
        assert signature_columns("runs:/%s/model" % run.info.run_id) == numeric


def test_the_best_classifier_saved_its_pipeline_without_hadoops_marker_files(trained):
    classifiers = [run for run in trained if metric_of(run) == "test_auc"]
    best = max(classifiers, key=lambda run: run.data.metrics["test_auc"])
    assert [run for run in trained if SAVED in listed(run)] == [best]
    assert best.data.metrics["reload_mismatches"] == 0

    files = artifact_files(best, SAVED)
    names = {os.path.basename(path) for path in files}
    assert not [name for name in names if name.endswith(".crc") or name == "_SUCCESS"], sorted(names)

    saved, logged = download(best, SAVED), download(best, "model/sparkml")
    saved_pipeline, logged_pipeline = pipeline_metadata(saved), pipeline_metadata(logged)
    assert saved_pipeline["class"] == logged_pipeline["class"] == "org.apache.spark.ml.PipelineModel"
    assert saved_pipeline["paramMap"]["stageUids"] == logged_pipeline["paramMap"]["stageUids"]
    assert sorted(os.listdir(os.path.join(saved, "stages"))) == sorted(os.listdir(os.path.join(logged, "stages")))
    last_stage = sorted(os.listdir(os.path.join(saved, "stages")))[-1]
    assert pipeline_metadata(os.path.join(saved, "stages", last_stage))["class"].endswith(
        "." + best.data.tags["model_class"])
