"""Lab 08's models scored from Python as a data scientist scores them: the model trained on the feature table, logged
under model/, loaded with mlflow.pyfunc on the dataset read by pd.read_csv and with mlflow.pyfunc.spark_udf on a
Spark DataFrame of it, predict on every row what Java's loader predicts (mllabs_checks.scoring).

The model takes feature columns that are customer_churn's columns at the same types (CustomerHistory's snapshots
use the dataset's schema), so it is scored on the dataset's file, every customer, as pandas reads it.
"""
from mllabs_checks import scoring
from mllabs_checks.experiment import runs
from mllabs_checks.scoring import spark, test_pyfunc_predicts_what_java_predicts_on_every_row  # noqa: F401
from mllabs_checks.scoring import test_spark_udf_predicts_what_java_predicts_on_every_row  # noqa: F401


def test_java_scored_the_models_the_readme_asks_for():
    scoring.assert_java_scored(scoring.logged_model_uris("model", runs()))
