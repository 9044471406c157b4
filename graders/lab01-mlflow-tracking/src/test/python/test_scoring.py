"""Lab 01's models scored from Python as a data scientist scores them: each candidate run's model under model/, loaded
with mlflow.pyfunc on the dataset read by pd.read_csv and with mlflow.pyfunc.spark_udf on a Spark DataFrame of it,
predict on every row what Java's loader predicts (mllabs_checks.scoring).

The lab trains on the rows whose features are all present (the given code drops the others) and its models have no
imputer, so they score those rows: the IT asks for them (ModelsToScore.onCompleteRows), and both sides drop the same;
the rows left out are refused by pyfunc exactly where Java refuses them (together, and a few alone).
"""
from mllabs_checks import scoring
from mllabs_checks.experiment import runs
from mllabs_checks.scoring import spark, test_pyfunc_predicts_what_java_predicts_on_every_row  # noqa: F401
from mllabs_checks.scoring import test_spark_udf_predicts_what_java_predicts_on_every_row  # noqa: F401
from mllabs_checks.scoring import test_pyfunc_refuses_the_rows_java_refuses  # noqa: F401


def test_java_scored_the_models_the_readme_asks_for():
    scoring.assert_java_scored(scoring.logged_model_uris("model", runs()))
