"""Helpers shared by the graders' Python checks (`graders/*/src/test/python`), on their PYTHONPATH through
PythonChecks: the learner's experiment and runs as MLflow's Python client returns them, and a local Spark session
that reads Delta tables offline.

Variables (set by the Java test): MLFLOW_TRACKING_URI, MLLABS_EXPERIMENT, MLLABS_LAB, MLLABS_DATASETS and
MLLABS_SPARK_JARS.
"""
