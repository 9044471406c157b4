"""Lab 08's run `churn-feature-store` as a data scientist reads it in Python: the model's `feature_spec.yaml`
(parsed with PyYAML), the feature table's dataset input (the same table and version, through MLflow's Delta source),
a signature that takes the spec's features, and the logged training rows, each of which has the features a
point-in-time lookup (pandas' `merge_asof`) of that table version finds at the label's time, read without Spark.
"""
import mlflow
import pandas as pd
import pytest
import yaml
from mlflow.data.delta_dataset_source import DeltaDatasetSource
from mllabs_checks import delta_log
from mllabs_checks.reading import assert_made_by_the_lab, download, read_text, run_named, signature_columns


@pytest.fixture(scope="module")
def run():
    return run_named("churn-feature-store")


@pytest.fixture(scope="module")
def spec(run):
    return yaml.safe_load(read_text(run, "model/feature_spec.yaml"))


@pytest.fixture(scope="module")
def lookup(spec):
    assert len(spec["lookups"]) == 1, spec
    return spec["lookups"][0]


def test_the_run_is_finished_and_made_by_the_lab(run):
    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)


def test_the_feature_spec_names_a_point_in_time_lookup_of_the_feature_table(spec, lookup):
    assert spec["label"] == "churned"
    assert lookup["table_name"] == "customer_features"
    assert lookup["primary_keys"] == lookup["lookup_keys"] == ["customer_id"]
    assert lookup["timestamp_key"] == "snapshot_time" and lookup["timestamp_lookup_key"] == "label_time"
    assert set(lookup["features"]) <= set(delta_log.columns(lookup["table_path"], lookup["table_version"]))
    assert "MERGE" in [commit["info"]["operation"] for commit in delta_log.commits(lookup["table_path"])]


def test_the_dataset_input_is_the_specs_table_version(run, lookup):
    (table,) = run.inputs.dataset_inputs
    source = mlflow.data.get_source(table)

    assert table.dataset.name == lookup["table_name"]
    assert isinstance(source, DeltaDatasetSource)
    assert (source.path, source.delta_table_version) == (lookup["table_path"], lookup["table_version"])
    assert {tag.key: tag.value for tag in table.tags}.get("mlflow.data.context") == "training"


def test_the_model_takes_the_specs_features(run, lookup):
    assert sorted(signature_columns("runs:/%s/model" % run.info.run_id)) == sorted(lookup["features"])


def test_each_training_row_has_the_features_known_at_its_labels_time(run, spec, lookup):
    rows = pd.read_json(download(run, "training_set/rows.jsonl"), lines=True)
    table = delta_log.frame(lookup["table_path"], lookup["table_version"])
    time, key, features = lookup["timestamp_lookup_key"], lookup["lookup_keys"][0], lookup["features"]
    rows[time] = pd.to_datetime(rows[time], utc=True).astype("datetime64[us, UTC]")
    table[lookup["timestamp_key"]] = pd.to_datetime(table[lookup["timestamp_key"]], utc=True).astype(
        "datetime64[us, UTC]")

    looked_up = pd.merge_asof(rows[[key, time, spec["label"]]].sort_values(time),
                              table.sort_values(lookup["timestamp_key"]), left_on=time,
                              right_on=lookup["timestamp_key"], by=key, direction="backward")

    assert sorted(rows.columns) == sorted([key, time, spec["label"]] + features)
    expected = looked_up.sort_values([key, time])[features].reset_index(drop=True)
    actual = rows.sort_values([key, time])[features].reset_index(drop=True)
    pd.testing.assert_frame_equal(actual, expected, check_dtype=False)
