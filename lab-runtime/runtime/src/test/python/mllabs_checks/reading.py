"""What a data scientist reads back from a lab's runs with MLflow's Python client: a run by name, its children, who
and what made it, a metric's history, its artifacts and a logged model's signature.

The expected values come from the lab itself (its `lab.yaml`, the experiment's name) or from the server, never from
constants the checks type in.
"""
import csv
import functools
import glob
import os
import re
import tempfile

import mlflow
import yaml
from mlflow import MlflowClient

from mllabs_checks.experiment import experiment, runs

PARENT_TAG = "mlflow.parentRunId"
# Where artifacts are downloaded to, deleted when Python exits.
_DOWNLOADS = tempfile.TemporaryDirectory(prefix="mllabs-checks-")


def client():
    """MLflow's client of the server MLFLOW_TRACKING_URI names."""
    return MlflowClient()


@functools.lru_cache(maxsize=None)
def lab_yaml():
    """The lab's `lab.yaml`, parsed: the lab MLLABS_LAB names, found next to MLLABS_DATASETS in the checkout."""
    root = os.path.dirname(os.path.normpath(os.environ["MLLABS_DATASETS"]))
    lab = os.environ["MLLABS_LAB"]
    found = glob.glob(os.path.join(root, "labs", lab + "-*", "lab.yaml"))
    assert len(found) == 1, "expected one labs/%s-*/lab.yaml, found %s" % (lab, found)
    with open(found[0], encoding="utf-8") as file:
        return yaml.safe_load(file)


@functools.lru_cache(maxsize=None)
def learner():
    """The learner whose experiment this is: `/mllabs/<learner>/<lab>`."""
    parts = experiment().name.strip("/").split("/")
    assert len(parts) == 3 and parts[0] == "mllabs", "not a lab experiment: " + experiment().name
    return parts[1]


def learner_model_name(model):
    """The learner's three-part registered model name, `mllabs.<learner>.<model>`, the learner's id with each character
    a name part cannot hold replaced by `_`."""
    return "mllabs.%s.%s" % (re.sub(r"[^\w-]", "_", learner()), model)


def run_named(name, nested=False):
    """The newest run called `name`: a top-level one, or with nested=True a child."""
    named = [run for run in runs() if run.info.run_name == name and (PARENT_TAG in run.data.tags) == nested]
    assert named, "no %s run named %r in %s" % ("child" if nested else "top-level", name, experiment().name)
    return named[0]


def children(parent):
    """The runs nested under `parent`, found with the search the MLflow UI makes to list them."""
    return mlflow.search_runs([parent.info.experiment_id], output_format="list",
                              filter_string="tags.`%s` = '%s'" % (PARENT_TAG, parent.info.run_id))


def assert_made_by_the_lab(run):
    """The run says who and what made it, as Python's mlflow.start_run would: the learner, the lab's entry class, a
    local program, and the lab's own tags."""
    tags = run.data.tags
    expected = {
        "mlflow.user": learner(),
        "mlflow.source.name": lab_yaml()["entry_class"],
        "mlflow.source.type": "LOCAL",
        "mllabs.lab": os.environ["MLLABS_LAB"],
        "mllabs.learner": learner(),
    }
    assert {key: tags.get(key) for key in expected} == expected, "run %s (%s)" % (run.info.run_name, run.info.run_id)


def history(run, key):
    """The metric's history, in the order of its steps, checked to be a curve over steps and wall time: the steps
    0, 1, 2 ... and every point later than the one before. Returns the values."""
    points = sorted(client().get_metric_history(run.info.run_id, key), key=lambda point: point.step)
    assert points, "run %s has no metric %s" % (run.info.run_name, key)
    assert [point.step for point in points] == list(range(len(points)))
    times = [point.timestamp for point in points]
    assert all(earlier < later for earlier, later in zip(times, times[1:])), "timestamps not increasing: %s" % times
    assert points[-1].value == run.data.metrics[key], "the run's latest %s is not its last step's" % key
    return [point.value for point in points]


def listed(run, path=None):
    """The paths of the files and folders right under the run's artifact path, as the UI lists them."""
    return [info.path for info in client().list_artifacts(run.info.run_id, path)]


def artifact_files(run, path=None):
    """Every file under the run's artifact path, relative to the run's artifact root."""
    files = []
    for info in client().list_artifacts(run.info.run_id, path):
        files.extend(artifact_files(run, info.path) if info.is_dir else [info.path])
    return files


def download(run, path):
    """Downloads an artifact file or folder of the run into a folder of its own; returns the local path."""
    return mlflow.artifacts.download_artifacts(run_id=run.info.run_id, artifact_path=path,
                                               dst_path=tempfile.mkdtemp(dir=_DOWNLOADS.name))


def read_text(run, path):
    """An artifact file of the run, downloaded and read as UTF-8 text."""
    with open(download(run, path), encoding="utf-8") as file:
        return file.read()


def model_info(uri):
    """The logged model's `ModelInfo`, whose signature has been parsed."""
    info = mlflow.models.get_model_info(uri)
    assert info.signature is not None, uri + " has no signature"
    return info


@functools.lru_cache(maxsize=None)
def dataset(name):
    """The dataset's `dataset.yaml` in MLLABS_DATASETS, parsed."""
    with open(os.path.join(os.environ["MLLABS_DATASETS"], name, "dataset.yaml"), encoding="utf-8") as file:
        return yaml.safe_load(file)


def dataset_file(name):
    """The path of the dataset's CSV file."""
    return os.path.join(os.environ["MLLABS_DATASETS"], name, dataset(name)["file"])


def dataset_rows(name):
    """The dataset's rows as dicts of strings, read from its CSV file."""
    with open(dataset_file(name), encoding="utf-8") as file:
        return list(csv.DictReader(file))


def caller_columns(name):
    """The columns of the dataset a model's caller sends, by name, with MLflow's type for each: every column but the
    key, the time, the dates and the label."""
    described = dataset(name)
    left_out = {described["key_column"], described["timestamp_column"], described["label"]}
    return {column["name"]: column["type"] for column in described["columns"]
            if column["name"] not in left_out and column["type"] not in ("date", "timestamp")}


def signature_columns(uri):
    """The logged model's signature inputs, by name, with their MLflow types."""
    return {spec.name: spec.type.name for spec in model_info(uri).signature.inputs.inputs}
