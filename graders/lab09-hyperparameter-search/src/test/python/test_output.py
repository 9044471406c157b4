"""Lab 09's searches as a data scientist reads them in Python: the parent runs `search-random` and `search-tpe` with
their settings, their `max_evals` trials listed under them (values in the search space, loss = 1 - val_auc, the best
trial's model), the `search-comparison` run whose best losses and best run a search of the trials finds again, and the
registered model whose `@Champion` is that best trial's `model/`.
"""
import math

import mlflow
import pytest
from mllabs_checks.experiment import logged_model_paths
from mllabs_checks.reading import (assert_made_by_the_lab, children, client, learner, learner_model_name, run_named,
                                   signature_columns)

SEARCHES = {"search-random": "RANDOM", "search-tpe": "TPE"}


@pytest.fixture(scope="module", params=sorted(SEARCHES))
def search(request):
    return run_named(request.param)


def best_trial(parent):
    """The trial MLflow's search ranks first: finished, lowest loss."""
    return mlflow.search_runs([parent.info.experiment_id], output_format="list", max_results=1,
                              filter_string="tags.mlflow.parentRunId = '%s' AND attributes.status = 'FINISHED'"
                                            % parent.info.run_id, order_by=["metrics.loss ASC"])[0]


def test_the_search_is_finished_with_its_settings(search):
    assert search.info.status == "FINISHED"
    assert search.data.params["algorithm"] == SEARCHES[search.info.run_name]
    assert search.data.params["seed"] == run_named("search-random").data.params["seed"]
    assert "validation_keys.txt" in [info.path for info in client().list_artifacts(search.info.run_id)]
    assert_made_by_the_lab(search)


def test_each_trial_is_a_finished_child_with_values_in_the_space_and_loss_one_minus_auc(search):
    trials = children(search)

    assert sorted(run.info.run_name for run in trials) == sorted(
        "trial-%d" % trial for trial in range(int(search.data.params["max_evals"])))
    for run in trials:
        params = run.data.params
        assert run.info.status == "FINISHED"
        assert 1e-4 <= float(params["reg_param"]) <= 1 and 0 <= float(params["elastic_net"]) <= 1
        assert float(params["max_iter"]) in (10, 20, 30)
        assert math.isclose(run.data.metrics["loss"], 1 - run.data.metrics["val_auc"], abs_tol=1e-12)
        assert_made_by_the_lab(run)
    assert search.data.metrics["best_loss"] == min(run.data.metrics["loss"] for run in trials)


def test_the_best_trial_logged_its_model(search):
    best = best_trial(search)

    assert "model" in logged_model_paths(best)
    assert signature_columns("runs:/%s/model" % best.info.run_id)


def test_the_comparison_records_what_a_search_of_the_trials_finds():
    comparison = run_named("search-comparison")
    best = {name: best_trial(run_named(name)) for name in SEARCHES}
    lowest = min(run.data.metrics["loss"] for run in best.values())

    assert comparison.info.status == "FINISHED"
    assert comparison.data.metrics["random_best_loss"] == best["search-random"].data.metrics["loss"]
    assert comparison.data.metrics["tpe_best_loss"] == best["search-tpe"].data.metrics["loss"]
    assert client().get_run(comparison.data.tags["best_run_id"]).data.metrics["loss"] == lowest
    assert_made_by_the_lab(comparison)


def test_the_champion_is_the_best_trials_model():
    name = learner_model_name("churn_search")
    champion = client().get_model_version_by_alias(name, "Champion")
    trial = client().get_run(run_named("search-comparison").data.tags["best_run_id"])

    assert client().get_registered_model(name).tags.get("mllabs.learner") == learner()
    assert champion.run_id == trial.info.run_id
    assert champion.source == trial.info.artifact_uri + "/model"
    assert signature_columns("models:/%s@Champion" % name) == signature_columns("runs:/%s/model" % trial.info.run_id)
