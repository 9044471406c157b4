"""Lab 07's lineage as a data scientist reads it in Python: the run that logged the model names, as a dataset input,
the Delta table version it was trained on, and MLflow's own Delta source loads exactly that version back.

The expected rows are re-derived from the table's history (the version the UPDATE made), not from the input.
Variables (set by the Java test, PythonChecks): MLFLOW_TRACKING_URI, MLLABS_EXPERIMENT, and MLLABS_SPARK_JARS, the
Delta Lake jars pyspark loads without a download.
"""
import json
import os

import mlflow
import pytest
from mlflow.data.delta_dataset_source import DeltaDatasetSource
from mlflow.types import Schema
from mllabs_checks.experiment import logged_model_paths, runs
from mllabs_checks.spark import local_spark

TABLE_PATH_PARAM = "delta_table_path"


@pytest.fixture(scope="module")
def spark():
    return local_spark("lab07-lineage")


@pytest.fixture(scope="module")
def model_run():
    """The newest run of the experiment that logged a model under model/."""
    with_model = [run for run in runs() if "model" in logged_model_paths(run)]
    assert with_model, "no run of %s logged a model" % os.environ["MLLABS_EXPERIMENT"]
    return with_model[0]


@pytest.fixture(scope="module")
def delta_input(model_run):
    inputs = [i for i in model_run.inputs.dataset_inputs if i.dataset.source_type == "delta_table"]
    assert len(inputs) == 1, "expected one delta_table input, found %s" % model_run.inputs.dataset_inputs
    return inputs[0]


def update_version(spark, path):
    """The version the UPDATE made, from the table's own history."""
    history = spark.sql("DESCRIBE HISTORY delta.`%s`" % path).where("operation = 'UPDATE'").collect()
    assert history, "the table at %s has no UPDATE in its history" % path
    return max(row["version"] for row in history)


def test_the_input_is_a_delta_source_of_the_runs_table(model_run, delta_input):
    source = mlflow.data.get_source(delta_input)

    assert isinstance(source, DeltaDatasetSource)
    assert source.delta_table_name is None
    assert os.path.normpath(source.path) == os.path.normpath(model_run.data.params[TABLE_PATH_PARAM])
    assert isinstance(source.delta_table_version, int)


def test_loading_the_input_gives_exactly_the_pinned_versions_rows(spark, delta_input):
    source = mlflow.data.get_source(delta_input)
    pinned = spark.read.format("delta").option("versionAsOf", update_version(spark, source.path)).load(source.path)
    latest = spark.read.format("delta").load(source.path)

    loaded = source.load()

    assert loaded.count() == pinned.count(), "load() returned %d rows, the pinned version has %d (the latest %d)" % (
        loaded.count(), pinned.count(), latest.count())
    assert loaded.columns == pinned.columns
    assert loaded.exceptAll(pinned).count() == 0
    assert pinned.exceptAll(loaded).count() == 0
    # the check can tell the two apart: the latest version has other rows
    assert latest.count() != pinned.count()


def test_the_recorded_schema_and_profile_describe_the_loaded_rows(delta_input):
    loaded = mlflow.data.get_source(delta_input).load()

    schema = Schema.from_json(json.dumps(json.loads(delta_input.dataset.schema)["mlflow_colspec"]))
    assert schema.input_names() == loaded.columns
    assert json.loads(delta_input.dataset.profile) == {"approx_count": loaded.count()}
    assert {tag.key: tag.value for tag in delta_input.tags}.get("mlflow.data.context") == "training"
