"""Helpers shared by the graders' Python checks (`graders/*/src/test/python`), on their PYTHONPATH through
PythonChecks: `experiment` (the learner's experiment and runs as MLflow's Python client returns them), `reading` (a
run by name, its children, system tags, metric histories, artifacts, signatures, the lab's and datasets'
descriptions), `delta_log` (a Delta table read from its commit log, without Spark), `scoring` (a model's pyfunc and
spark_udf predictions against Java's), `spark` (a local Spark session that reads Delta tables offline), `ui` (a
page of the MLflow UI in headless Chromium) and `worker` (the process that runs the graders' folders of checks one
after another, started by PythonChecks).

Variables (set by the Java test): MLFLOW_TRACKING_URI, MLLABS_EXPERIMENT, MLLABS_LAB, MLLABS_DATASETS and
MLLABS_SPARK_JARS, and MLLABS_JAVA_PREDICTIONS for `scoring`.
"""
