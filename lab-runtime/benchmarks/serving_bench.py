"""Measures the serving service from a client's side; run by serving.sh, which serves lab 06's model first.

Reads MLFLOW_TRACKING_URI, DATABRICKS_HOST and MLLABS_HOME; prints one line a figure.
"""

import glob
import http.client
import json
import os
import statistics
import sys
import threading
import time
import urllib.parse

import mlflow
import pandas
import requests

MODEL = "mllabs.bench.churn_classifier"
HOST = os.environ["DATABRICKS_HOST"]
REQUESTS = int(sys.argv[1]) if len(sys.argv) > 1 else 200
CLIENTS = 4


def api(method, path, body=None):
    response = requests.request(method, f"{HOST}/api/2.0/serving-endpoints{path}", json=body, timeout=120)
    response.raise_for_status()
    return response.json()


def wait(name, until):
    for _ in range(1200):
        endpoint = api("GET", f"/{name}")
        if until(endpoint):
            return endpoint
        time.sleep(0.1)
    raise SystemExit(f"endpoint {name} never got there: {endpoint}")


def rows(count):
    signature = mlflow.models.get_model_info(f"models:/{MODEL}/1").signature
    values = {"long": 12, "integer": 12, "double": 42.5, "float": 42.5, "string": "Month-to-month", "boolean": True}
    row = {column.name: values[column.type.name] for column in signature.inputs.inputs}
    return [dict(row) for _ in range(count)]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def load(url, body, headers):
    """One-row requests from CLIENTS clients at once: the latencies (ms), the seconds it took, its window (epoch ms).

    Each client keeps one connection of the standard library's http.client, whose own cost per request is small
    beside the service's (the requests library's is several milliseconds on a busy 2-core machine), so that the
    figures are the service's.
    """
    latencies = []
    lock = threading.Lock()
    target = urllib.parse.urlsplit(url)

    def client():
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=120)
        mine = []
        for _ in range(REQUESTS):
            start = time.perf_counter()
            connection.request("POST", target.path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{url} answered {response.status}")
            mine.append((time.perf_counter() - start) * 1000)
        connection.close()
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    first = int(time.time() * 1000)
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - started, (first, int(time.time() * 1000))


def main():
    one = json.dumps({"dataframe_records": rows(1)})
    thousand = json.dumps({"dataframe_records": rows(1000)})
    started = time.perf_counter()
    api("POST", "", {"name": "bench", "config": {"served_entities": [{"entity_name": MODEL, "entity_version": "1",
        "workload_size": "Small", "scale_to_zero_enabled": True}], "auto_capture_config": {"catalog_name": "main",
        "schema_name": "bench"}}})
    wait("bench", lambda e: e["state"]["ready"] == "READY")
    print(f"endpoint ready after create: {time.perf_counter() - started:.2f} s")
    url = f"{HOST}/serving-endpoints/bench/invocations"
    headers = {"Content-Type": "application/json"}
    # This service's own header: score with Spark's transform, not the per-row path, as the reference.
    reference = dict(headers, **{"x-mllabs-scoring": "transform"})
    session = requests.Session()
    for _ in range(20):
        session.post(url, data=one, headers=headers, timeout=120).raise_for_status()
        session.post(url, data=one, headers=reference, timeout=120).raise_for_status()

    windows = {}
    for name, sent in (("per-row path", headers), ("Spark transform (reference)", reference)):
        latencies, elapsed, windows[name] = load(url, one, sent)
        print(f"{name}: one-row requests, {CLIENTS} clients x {REQUESTS}: p50 {percentile(latencies, 0.5):.1f} ms, "
              f"p99 {percentile(latencies, 0.99):.1f} ms, {len(latencies) / elapsed:.1f} requests/s")
    answers = []
    for name, sent in (("per-row path", headers), ("Spark transform (reference)", reference)):
        big = []
        for _ in range(5):
            start = time.perf_counter()
            response = session.post(url, data=thousand, headers=sent, timeout=120)
            big.append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
        answers.append(response.json())
        print(f"{name}: 1,000-row requests: median {statistics.median(big):.1f} ms (5 requests)")
    print(f"the two paths' predictions for 1,000 rows are the same: {answers[0] == answers[1]}")

    started = time.perf_counter()
    api("PUT", "/bench/config", {"served_entities": [{"entity_name": MODEL, "entity_version": "1",
        "workload_size": "Small", "scale_to_zero_enabled": True}], "auto_capture_config": {"catalog_name": "main",
        "schema_name": "bench"}})
    wait("bench", lambda e: e["state"]["config_update"] == "NOT_UPDATING")
    print(f"config update until served: {time.perf_counter() - started:.2f} s")

    wait("bench", lambda e: e["config"]["served_entities"][0]["state"]["deployment_state_message"]
         .startswith("Scaled to zero"))
    start = time.perf_counter()
    cold = session.post(url, data=one, headers=headers, timeout=120)
    cold.raise_for_status()
    print(f"cold start after scale to zero: request {(time.perf_counter() - start) * 1000:.0f} ms, of which "
          f"loading {cold.headers.get('x-mllabs-cold-start-ms')} ms")

    time.sleep(2)
    # The inference table is append-only, so its data files are its rows.
    table = os.path.join(os.environ["MLLABS_HOME"], "serving", "tables", "main.bench.bench_payload")
    frame = pandas.concat(pandas.read_parquet(file) for file in glob.glob(os.path.join(table, "*.parquet")))
    for name, (first, last) in windows.items():
        single = frame[(frame["request"].str.len() < 2000) & (frame["timestamp_ms"] >= first)
                       & (frame["timestamp_ms"] <= last)]["execution_time_ms"]
        print(f"{name}: model time per one-row request (inference table, execution_time_ms, whole ms): median "
              f"{single.median():.0f} ms, p99 {single.quantile(0.99):.0f} ms, {len(single)} requests")


if __name__ == "__main__":
    main()
