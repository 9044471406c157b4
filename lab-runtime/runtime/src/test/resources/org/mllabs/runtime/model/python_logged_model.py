"""Fits a Spark pipeline in Python, logs it as an MLflow 3 logged model and registers it, as a data scientist would.

Usage: python python_logged_model.py TRAINING_CSV REGISTERED_NAME OUTPUT_TXT
The tracking server comes from MLFLOW_TRACKING_URI. The CSV has the columns tenure, charges, calls and label.
The model is logged with mlflow.models.Model.log(name=...), which creates a logged model (models:/m-...) and
registers a version whose source is that logged model. The first output line is the logged model's id; each
following line is the prediction and the class probabilities of one row, in the CSV's order, written with repr().
"""
import sys

import mlflow
import mlflow.spark
from mlflow.models import Model
from pyspark.ml import Pipeline
from pyspark.ml.classification import LogisticRegression
from pyspark.ml.feature import VectorAssembler
from pyspark.sql import SparkSession

FEATURES = ["tenure", "charges", "calls"]


def main(training_csv, registered_name, output_txt):
    spark = (SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false")
             .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "localhost")
             .getOrCreate())
    rows = spark.read.csv(training_csv, header=True, inferSchema=True).coalesce(1)
    pipeline = Pipeline(stages=[VectorAssembler(inputCols=FEATURES, outputCol="features"),
                                LogisticRegression(maxIter=50, labelCol="label")])
    model = pipeline.fit(rows)
    mlflow.set_experiment("python-logged-models")
    with mlflow.start_run():
        info = Model.log(artifact_path=None, name="model", flavor=mlflow.spark, spark_model=model,
                         registered_model_name=registered_name)
    with open(output_txt, "w") as out:
        out.write(info.model_id + "\n")
        for row in model.transform(rows).select("prediction", "probability").collect():
            values = [row.prediction] + list(row.probability.toArray())
            out.write(",".join(repr(float(v)) for v in values) + "\n")
    spark.stop()


if __name__ == "__main__":
    main(*sys.argv[1:4])
