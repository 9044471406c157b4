"""Loads an MLflow model with mlflow.pyfunc and writes its predictions for the rows of a CSV file.

Usage: python pyfunc_predict.py MODEL_URI INPUT_CSV OUTPUT_TXT
The tracking server comes from MLFLOW_TRACKING_URI. Each output line is one prediction, written with repr()
so that no precision is lost.
"""
import sys

import mlflow.pyfunc
import pandas as pd


def main(model_uri, input_csv, output_txt):
    model = mlflow.pyfunc.load_model(model_uri)
    rows = pd.read_csv(input_csv, float_precision="round_trip")
    predictions = model.predict(rows)
    values = predictions.iloc[:, 0] if isinstance(predictions, pd.DataFrame) else predictions
    with open(output_txt, "w") as out:
        for value in values:
            out.write(repr(float(value)) + "\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
