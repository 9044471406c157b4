"""Writes what Python MLflow reads of a run: its system tags and the timestamps of one metric's history by step.

Usage: python run_tags.py RUN_ID METRIC OUTPUT_TXT
The tracking server comes from MLFLOW_TRACKING_URI. The output has a line `<tag>=<value>` for each of mlflow.user,
mlflow.source.name and mlflow.source.type, then `timestamps=<t0>,<t1>,...` in the order of the steps.
"""
import sys

from mlflow import MlflowClient

SYSTEM_TAGS = ("mlflow.user", "mlflow.source.name", "mlflow.source.type")


def main(run_id, metric, output_txt):
    client = MlflowClient()
    tags = client.get_run(run_id).data.tags
    history = sorted(client.get_metric_history(run_id, metric), key=lambda value: value.step)
    with open(output_txt, "w") as out:
        for tag in SYSTEM_TAGS:
            out.write(f"{tag}={tags.get(tag)}\n")
        out.write("timestamps=" + ",".join(str(value.timestamp) for value in history) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
