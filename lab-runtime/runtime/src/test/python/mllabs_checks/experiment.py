"""The learner's experiment and its runs, read with MLflow's Python client as a data scientist reads them."""
import json
import os

import mlflow

MODEL_HISTORY_TAG = "mlflow.log-model.history"


def experiment():
    """The experiment named by MLLABS_EXPERIMENT; fails when the server has none."""
    name = os.environ["MLLABS_EXPERIMENT"]
    found = mlflow.get_experiment_by_name(name)
    assert found is not None, "no experiment " + name
    return found


def runs():
    """Every run of the experiment, newest first, as mlflow.entities.Run."""
    return mlflow.search_runs([experiment().experiment_id], output_format="list",
                              order_by=["attributes.start_time DESC"])


def logged_model_paths(run):
    """The artifact paths under which the run logged models, from its mlflow.log-model.history tag."""
    return [logged.get("artifact_path") for logged in json.loads(run.data.tags.get(MODEL_HISTORY_TAG, "[]"))]
