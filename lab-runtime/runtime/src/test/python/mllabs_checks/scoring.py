"""A lab's models scored from Python as a data scientist scores them, compared with what Java predicts, row by row.

Java (GraderHarness with ModelsToScore, JavaPredictions) writes into MLLABS_JAVA_PREDICTIONS, before pytest runs, what
the runtime's own model loader predicts with each model to check on every row of the lab dataset its signature's
inputs come from: models.json (model_uri, dataset, file, key_column, predictions, rows, java_seconds per model) and
one CSV of key,prediction per model. Here the same models score the same rows twice, and each must give Java's
prediction for every row, by key (only the rows with every input present when the lab drops the others, as lab 01's
README does before training):
- mlflow.pyfunc.load_model(uri).predict(frame), the frame read by plain pd.read_csv from MLLABS_DATASETS;
- mlflow.pyfunc.spark_udf(spark, uri) on a Spark DataFrame of the same file (spark.read.csv with inferSchema).
How long each took is appended to python_seconds.txt in the same folder, which the Java test prints.
When only the rows with every input are scored, the rows left out are not skipped silently: Java records whether it
refuses them (all together, and the first few one at a time) and pyfunc must refuse exactly the same.

A grader's test_scoring.py imports the two checks and the spark fixture below (pytest collects them where they are
imported) and says which models its README asks for:

    from mllabs_checks.scoring import spark, test_pyfunc_predicts_what_java_predicts_on_every_row  # noqa: F401
    from mllabs_checks.scoring import test_spark_udf_predicts_what_java_predicts_on_every_row  # noqa: F401
    from mllabs_checks.scoring import test_pyfunc_refuses_the_rows_java_refuses  # noqa: F401  (complete rows only)

    def test_java_scored_the_models_the_readme_asks_for():
        scoring.assert_java_scored(scoring.logged_model_uris("model", runs()))
"""
import json
import math
import os
import time

import mlflow
import pandas as pd
import pytest
from mlflow import MlflowClient
from mllabs_checks.experiment import logged_model_paths
from mllabs_checks.spark import local_spark
from pyspark.sql import functions as F

JAVA_PREDICTIONS = "MLLABS_JAVA_PREDICTIONS"
TIMINGS = "python_seconds.txt"
# Python and Java run the same Spark ML code on the same values; allow only rounding noise.
RELATIVE_TOLERANCE = 1e-9


def folder():
    """The folder Java wrote its predictions in."""
    assert JAVA_PREDICTIONS in os.environ, JAVA_PREDICTIONS + " is not set: run the checks from the grader's IT"
    return os.environ[JAVA_PREDICTIONS]


def java_models():
    """The models Java scored, as the manifest lists them, in its order; fails when Java scored none."""
    with open(os.path.join(folder(), "models.json")) as manifest:
        models = json.load(manifest)
    assert models, "Java scored no model: ModelsToScore found none of the solution's models"
    return models


def assert_java_scored(expected_uris):
    """Java scored exactly the models found here with MLflow's client, and at least one."""
    assert sorted(model["model_uri"] for model in java_models()) == sorted(expected_uris)


def model_id(model):
    """A readable test id: the model's URI."""
    return model["model_uri"]


def dataset_path(model):
    return os.path.join(os.environ["MLLABS_DATASETS"], model["dataset"], model["file"])


def pandas_rows(model):
    """The dataset's file read by plain pd.read_csv; only the rows with every input present when Java scored those."""
    frame = pd.read_csv(dataset_path(model))
    return frame.dropna(subset=model["inputs"]) if model["complete_rows_only"] else frame


def spark_rows(spark, model):
    """The dataset's file read by spark.read.csv with inferred types, as pandas_rows selects them."""
    frame = spark.read.csv(dataset_path(model), header=True, inferSchema=True)
    return frame.dropna(subset=model["inputs"]) if model["complete_rows_only"] else frame


def java_predictions(model):
    """Java's prediction of every row, by key; fails unless Java scored every row of the dataset (with every input
    present, when the lab asks for only those)."""
    frame = pd.read_csv(os.path.join(folder(), model["predictions"]), dtype={model["key_column"]: str})
    predictions = dict(zip(frame[model["key_column"]], frame["prediction"]))
    rows = len(pandas_rows(model))
    assert len(predictions) == len(frame) == model["rows"] == rows, (
        "Java scored %d rows (%d keys) of %s, which has %d" % (len(frame), len(predictions), model["dataset"], rows))
    return predictions


def same(expected, found):
    """Whether two predictions agree, up to rounding noise."""
    return math.isclose(float(expected), float(found), rel_tol=RELATIVE_TOLERANCE, abs_tol=RELATIVE_TOLERANCE)


def assert_every_row_agrees(model, keys, found, how):
    """Each key's prediction is Java's; every row of the dataset was compared. Returns the number of rows compared."""
    expected = java_predictions(model)
    keys = list(keys)
    found = [float(value) for value in found]
    assert len(keys) == len(found) == len(expected), "%s gave %d predictions for %d keys, Java %d" % (
        how, len(found), len(keys), len(expected))
    assert set(keys) == set(expected), "%s scored other keys than Java" % how
    differing = [(key, value, expected[key]) for key, value in zip(keys, found) if not same(expected[key], value)]
    assert not differing, "%s of %s differs from Java on %d of %d rows, e.g. %s (key, Python, Java)" % (
        how, model["model_uri"], len(differing), len(keys), differing[:3])
    return len(keys)


def record_seconds(model, how, seconds, rows):
    with open(os.path.join(folder(), TIMINGS), "a") as timings:
        timings.write("%s %s: %d rows in %.1f s (Java %.1f s)\n" % (
            model["model_uri"], how, rows, seconds, model["java_seconds"]))


def assert_pyfunc_predicts_what_java_predicts(model):
    """mlflow.pyfunc.load_model(uri).predict(pd.read_csv(the dataset's file)) gives Java's prediction on every row."""
    start = time.monotonic()
    frame = pandas_rows(model)
    predictions = mlflow.pyfunc.load_model(model["model_uri"]).predict(frame)
    values = predictions.iloc[:, 0] if isinstance(predictions, pd.DataFrame) else predictions
    rows = assert_every_row_agrees(model, frame[model["key_column"]], values, "pyfunc predict")
    record_seconds(model, "pyfunc", time.monotonic() - start, rows)


def assert_spark_udf_predicts_what_java_predicts(spark, model):
    """mlflow.pyfunc.spark_udf(spark, uri) on spark.read.csv(the dataset's file) gives Java's prediction on every
    row."""
    start = time.monotonic()
    frame = spark_rows(spark, model)
    inputs = mlflow.models.get_model_info(model["model_uri"]).signature.inputs.input_names()
    udf = mlflow.pyfunc.spark_udf(spark, model["model_uri"], result_type="double")
    scored = frame.select(model["key_column"], udf(F.struct(*inputs)).alias("prediction")).collect()
    rows = assert_every_row_agrees(model, [row[0] for row in scored], [row[1] for row in scored], "spark_udf")
    record_seconds(model, "spark_udf", time.monotonic() - start, rows)


def refuses(loaded, frame):
    """Whether pyfunc's predict fails on the rows."""
    try:
        loaded.predict(frame)
        return False
    except Exception:  # noqa: BLE001 - any failure to score is a refusal, as on the Java side
        return True


def assert_pyfunc_refuses_what_java_refuses(model):
    """The rows left out for a missing input are as many as Java counted, and pyfunc refuses them, together and the
    sampled ones alone, exactly where Java does."""
    left_out = model["left_out"]
    frame = pd.read_csv(dataset_path(model))
    missing = frame[frame[model["inputs"]].isna().any(axis=1)]
    assert len(missing) == left_out["rows"], "pandas finds %d rows with a missing input, Java %d" % (
        len(missing), left_out["rows"])
    assert left_out["sample"], "Java sampled none of the rows left out"
    loaded = mlflow.pyfunc.load_model(model["model_uri"])
    assert refuses(loaded, missing) == left_out["java_refuses_them"], (
        "pyfunc and Java differ on the %d rows with a missing input together" % len(missing))
    for sampled in left_out["sample"]:
        row = frame[frame[model["key_column"]] == sampled["key"]]
        assert len(row) == 1, "no single row with key %s" % sampled["key"]
        assert refuses(loaded, row) == sampled["java_refuses"], (
            "pyfunc and Java differ on row %s, which has a missing input" % sampled["key"])


# The models a lab's README asks for, found here with MLflow's Python client, to compare with those Java scored.

def logged_model_uris(path, runs):
    """runs:/RUN_ID/PATH of each run that logged a model under the path, from its mlflow.log-model.history tag."""
    return sorted("runs:/%s/%s" % (run.info.run_id, path) for run in runs if path in logged_model_paths(run))


def registered_version_uris(runs):
    """models:/NAME/VERSION of each registered model version made from one of the runs."""
    return sorted("models:/%s/%s" % (v.name, v.version) for v in _versions_of(runs))


def aliased_uris(alias, runs):
    """models:/NAME@ALIAS of each registered model whose version with the alias was made from one of the runs."""
    client = MlflowClient()
    uris = set()
    for version in _versions_of(runs):
        if client.get_registered_model(version.name).aliases.get(alias) == version.version:
            uris.add("models:/%s@%s" % (version.name, alias))
    return sorted(uris)


def _versions_of(runs):
    client = MlflowClient()
    return [version for run in runs for version in client.search_model_versions("run_id = '%s'" % run.info.run_id)]


def tagged_model_uris(tag, runs):
    """The model URIs the runs name in the tag, such as mllabs.automl.best_model_uri."""
    return sorted(run.data.tags[tag] for run in runs if tag in run.data.tags)


# The checks every grader's test_scoring.py imports.

def _models_to_check():
    """Java's models when the variable is set; none otherwise, and assert_java_scored then fails."""
    return java_models() if JAVA_PREDICTIONS in os.environ else []


@pytest.fixture(scope="module")
def spark():
    return local_spark("scoring")


@pytest.mark.parametrize("model", _models_to_check(), ids=model_id)
def test_pyfunc_predicts_what_java_predicts_on_every_row(spark, model):
    assert_pyfunc_predicts_what_java_predicts(model)


def _models_with_rows_left_out():
    return [model for model in _models_to_check() if "left_out" in model]


@pytest.mark.parametrize("model", _models_with_rows_left_out(), ids=model_id)
def test_pyfunc_refuses_the_rows_java_refuses(spark, model):
    assert_pyfunc_refuses_what_java_refuses(model)


@pytest.mark.parametrize("model", _models_to_check(), ids=model_id)
def test_spark_udf_predicts_what_java_predicts_on_every_row(spark, model):
    assert_spark_udf_predicts_what_java_predicts(spark, model)
