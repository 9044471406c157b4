"""Lab 12 as a data scientist reads it in Python: the churn model's two versions, one whose signature Python MLflow
parses to exactly the columns the model reads and one without any, the feature-store model's version, and the runs
of the bad requests, the batch comparison and the skew check with what they logged.
"""
import mlflow
import pytest
from mllabs_checks.reading import (assert_made_by_the_lab, caller_columns, client, learner_model_name, run_named,
                                   signature_columns)

FEATURES = ["tenure_months", "monthly_charges", "total_charges", "support_calls", "contract", "payment_method"]


@pytest.fixture(scope="module")
def versions():
    name = learner_model_name("churn_realtime")
    found = client().search_model_versions("name = '%s'" % name)
    return {client().get_run(version.run_id).info.run_name: version.version for version in found}


def test_the_signed_version_declares_exactly_the_columns_the_model_reads(versions):
    uri = "models:/%s/%s" % (learner_model_name("churn_realtime"), versions["signed"])
    expected = {column: kind for column, kind in caller_columns("customer_churn").items() if column in FEATURES}

    assert signature_columns(uri) == expected


def test_the_unsigned_version_has_no_signature(versions):
    uri = "models:/%s/%s" % (learner_model_name("churn_realtime"), versions["unsigned"])

    assert mlflow.models.get_model_info(uri).signature is None


def test_the_feature_store_model_is_registered_from_its_training_run():
    name = learner_model_name("churn_by_key")
    found = client().search_model_versions("name = '%s'" % name)

    assert [client().get_run(version.run_id).info.run_name for version in found] == ["train-by-key"]


def test_the_bad_requests_run_holds_each_versions_answers():
    run = run_named("bad-requests")

    assert run.info.status == "FINISHED"
    assert_made_by_the_lab(run)
    assert run.data.params["signed_missing_column_status"] == "400"
    assert "monthly_charges" in run.data.params["signed_missing_column_message"]
    for entity in ("signed", "unsigned"):
        assert run.data.params[entity + "_wrong_type_status"].isdigit()


def test_batch_and_endpoint_agree_on_every_row():
    run = run_named("batch-vs-endpoint")

    assert run.info.status == "FINISHED"
    assert run.data.metrics["agreement"] == 1.0
    assert 0 < run.data.metrics["predicted_churners"] < run.data.metrics["rows"]


def test_the_skew_check_names_the_monthly_charge():
    run = run_named("skew-check")

    assert run.data.params["skewed_feature"] == "monthly_charges"
    assert run.data.metrics["serving_mean"] > 50 * run.data.metrics["training_mean"]
