"""Lab 02's pipeline run as a data scientist reads it in Python: the run `feature-pipeline`, its recorded split
(`split/train_keys.txt` held against the dataset's own CSV and the run's `train_fraction`), its `test_auc`, and the
logged model's signature, which takes the columns `dataset.yaml` says a caller sends: never the key, dates or label.
"""
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, caller_columns, dataset, dataset_rows,
                                   model_info, read_text, run_named, signature_columns)

DATASET = "customer_churn"


@pytest.fixture(scope="module")
def run():
    return run_named("feature-pipeline")


def test_the_run_is_finished_and_made_by_the_lab(run):
    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)
    assert 0.5 < run.data.metrics["test_auc"] <= 1


def test_the_recorded_training_keys_are_the_runs_fraction_of_the_datasets_rows(run):
    keys = read_text(run, "split/train_keys.txt").splitlines()
    key = dataset(DATASET)["key_column"]
    data_keys = {row[key] for row in dataset_rows(DATASET)}

    assert run.data.params["split_seed"].lstrip("-").isdigit()
    assert len(set(keys)) == len(keys), "a training key is listed twice"
    assert set(keys) <= data_keys, "keys that are no rows of the data: %s" % sorted(set(keys) - data_keys)[:5]
    assert abs(len(keys) / len(data_keys) - float(run.data.params["train_fraction"])) < 0.03


def test_the_model_takes_the_columns_a_caller_sends_and_predicts(run):
    uri = "runs:/%s/model" % run.info.run_id

    assert signature_columns(uri) == caller_columns(DATASET)
    assert "prediction" in model_info(uri).signature.outputs.input_names()
    assert "spark" in model_info(uri).flavors
