"""Drives the serving API with Python MLflow's own Databricks deployments client, as a learner's notebook would.

Reads DATABRICKS_HOST and DATABRICKS_TOKEN (the client's own variables), MODEL (a three-part registered model name with
versions 1 and 2), ENDPOINT (a new endpoint name), RECORDS (rows to score, JSON) and EXPECTED (version 1's predictions
of them, JSON). Exits 0 when every step behaves as Databricks' API does.
"""

import json
import os
import time

from mlflow.deployments import get_deploy_client
from mlflow.exceptions import MlflowException
from requests.exceptions import HTTPError

client = get_deploy_client("databricks")
model = os.environ["MODEL"]
name = os.environ["ENDPOINT"]
short = model.split(".")[-1]


def wait(until):
    endpoint = None
    for _ in range(400):
        endpoint = client.get_endpoint(name)
        if until(endpoint):
            return endpoint
        time.sleep(0.05)
    raise AssertionError(f"the endpoint never got there: {endpoint}")


def refused(call, says):
    try:
        call()
    except (MlflowException, HTTPError) as error:
        assert says in str(error), str(error)
        return
    raise AssertionError("accepted, though it should have been refused: " + says)


created = client.create_endpoint(config={"name": name, "config": {"served_entities": [
    {"entity_name": model, "entity_version": "1", "workload_size": "Small", "scale_to_zero_enabled": False}]}})
assert created["name"] == name, created
assert created["state"] == {"ready": "NOT_READY", "config_update": "IN_PROGRESS"}, created
assert created["pending_config"]["config_version"] == 1, created

ready = wait(lambda endpoint: endpoint["state"]["ready"] == "READY")
entity = ready["config"]["served_entities"][0]
assert entity["name"] == f"{short}-1", entity
assert entity["state"]["deployment"] == "DEPLOYMENT_READY", entity
assert ready["config"]["traffic_config"]["routes"] == [
    {"served_entity_name": f"{short}-1", "traffic_percentage": 100}], ready
assert name in [endpoint["name"] for endpoint in client.list_endpoints()]

scored = client.predict(endpoint=name, inputs={"dataframe_records": json.loads(os.environ["RECORDS"])})
assert scored["predictions"] == json.loads(os.environ["EXPECTED"]), scored
refused(lambda: client.predict(endpoint=name, inputs={"dataframe_records": [{"tenure": 1.0}]}),
        "Model is missing inputs")

split = {"served_entities": [
    {"name": "champion", "entity_name": model, "entity_version": "1", "workload_size": "Small"},
    {"name": "challenger", "entity_name": model, "entity_version": "2", "workload_size": "Small"}],
    "traffic_config": {"routes": [{"served_entity_name": "champion", "traffic_percentage": 90},
                                  {"served_entity_name": "challenger", "traffic_percentage": 10}]}}
updating = client.update_endpoint_config(name, split)
assert updating["config"]["config_version"] == 1, updating
assert updating["pending_config"]["config_version"] == 2, updating

updated = wait(lambda endpoint: endpoint["state"]["config_update"] == "NOT_UPDATING")
assert updated["config"]["config_version"] == 2, updated
challenger = updated["config"]["served_entities"][1]
assert "without a signature" in challenger["state"]["deployment_state_message"], challenger

split["traffic_config"]["routes"][0]["traffic_percentage"] = 80
refused(lambda: client.update_endpoint_config(name, split), "must sum to 100")
split["traffic_config"]["routes"][0]["traffic_percentage"] = 90
refused(lambda: client.get_endpoint("no-such-endpoint"), "RESOURCE_DOES_NOT_EXIST")
refused(lambda: client.create_endpoint(config={"name": name, "config": split}), "already exists")

client.delete_endpoint(name)
assert name not in [endpoint["name"] for endpoint in client.list_endpoints()]
print("every step behaved")
