"""Reads scoring requests with MLflow's own scoring server code, up to the model's prediction.

One JSON request a line on standard input: {"signature": <the signature's inputs as the MLmodel file writes them, or
null>, "body_base64": <the request body's bytes>, "content_type": <its Content-Type>}; a first line {"ready": true}
says the imports are done. One JSON answer a line on standard output:
for a request MLflow refuses, {"status": <HTTP status>, "content_type": ..., "body": <MLflow's response body>}; for
one it accepts, {"status": 200, "columns": [...], "dtypes": [...], "rows": [[...]]}, the data MLflow hands the model
once its schema is enforced. The model is a stand-in that stops at its input, so everything before prediction
(`invocations`, `PyFuncModel.predict`, `_enforce_schema`) is MLflow's code, unchanged.
"""

import base64
import datetime
import json
import logging
import math
import sys

from mlflow.exceptions import MlflowException
from mlflow.models import Model
from mlflow.models.signature import ModelSignature
from mlflow.pyfunc import PyFuncModel
from mlflow.pyfunc.scoring_server import invocations
from mlflow.types import Schema


class _ModelInput(BaseException):
    """Raised by the stand-in model with the data it is handed; a BaseException, so that no handler of MLflow's
    between the server and the model takes it for a failing model."""

    def __init__(self, data):
        super().__init__()
        self.data = data


class _StopAtInput:
    def predict(self, data, params=None):
        raise _ModelInput(data)


_models = {}


def _model(inputs):
    model = _models.get(inputs)
    if model is None:
        meta = Model()
        if inputs is not None:
            meta.signature = ModelSignature(inputs=Schema.from_json(inputs))
        model = PyFuncModel(model_meta=meta, model_impl=_StopAtInput())
        _models[inputs] = model
    return model


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (str, bool, int, float)):
        return value
    try:
        import pandas

        if value is pandas.NA or value is pandas.NaT:
            return None
    except ImportError:
        pass
    return repr(value)


def _frame(data):
    import pandas

    if not isinstance(data, pandas.DataFrame):
        data = pandas.DataFrame(data)
    return {
        "status": 200,
        "columns": [str(column) for column in data.columns],
        "dtypes": [str(dtype) for dtype in data.dtypes],
        "rows": [[_plain(value) for value in row] for row in data.itertuples(index=False, name=None)],
    }


def _answer(request):
    model = _model(request.get("signature"))
    body = base64.b64decode(request["body_base64"])
    try:
        response = invocations(body, request.get("content_type") or "application/json", model,
                               model.metadata.get_input_schema())
        return {"status": response.status, "content_type": response.mimetype, "body": response.response}
    except _ModelInput as stopped:
        return _frame(stopped.data)
    except MlflowException as e:
        return {"status": e.get_http_status_code(), "content_type": "application/json",
                "body": e.serialize_as_json()}


def main():
    logging.disable(logging.WARNING)
    sys.stdout.write(json.dumps({"ready": True}) + "\n")
    sys.stdout.flush()
    for line in sys.stdin:
        try:
            answer = _answer(json.loads(line))
        except Exception as e:  # a fault of this reader, not of the request
            answer = {"fault": repr(e)}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
