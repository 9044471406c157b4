"""Lab 06's registered model as a learner sees it in the MLflow UI: the model's page, after the UI's JavaScript ran,
lists every version the lab's runs registered, each with exactly the aliases (such as @Champion) the server gives it.
Which model, which versions and which aliases are read from the server's own records (the versions whose run is one of
the experiment's, the registered model's aliases), never typed in. The page is saved as lab06-model.png
(mllabs_checks.ui).
"""
import os
from urllib.parse import quote

from mlflow import MlflowClient
from mllabs_checks.experiment import runs
from mllabs_checks.ui import (MODEL_VERSION_ALIASES, UiPage, chromium, model_version_aliases, module_dir,
                              screenshot_dir, tracking_uri)


def registered_models():
    """The registered models that hold a version of one of the experiment's runs, by name, each with its versions."""
    client = MlflowClient()
    models = {}
    for run in runs():
        for version in client.search_model_versions("run_id = '%s'" % run.info.run_id):
            models.setdefault(version.name, []).append(version.version)
    assert models, "no run of %s registered a model version" % os.environ["MLLABS_EXPERIMENT"]
    return models


def test_the_model_page_shows_every_version_with_its_aliases():
    browser = chromium()
    client = MlflowClient()
    for name, versions in registered_models().items():
        aliases = client.get_registered_model(name).aliases
        assert aliases, "the registered model %s has no alias" % name
        expected = {version: sorted(a for a, v in aliases.items() if v == version) for version in versions}

        with UiPage(browser, "%s/#/models/%s" % (tracking_uri(), quote(name, safe=""))) as page:
            page.wait_for("(shown => Object.keys(shown).length >= %d && Object.values(shown).flat().length >= %d)(%s)"
                          % (len(versions), len(aliases), MODEL_VERSION_ALIASES),
                          "the %d versions and %d aliases" % (len(versions), len(aliases)))
            shown = model_version_aliases(page)
            page.screenshot(os.path.join(screenshot_dir(module_dir(__file__)), "lab06-model.png"))

        assert {version: tags for version, tags in shown.items() if version in expected} == expected, (
            "the page of %s shows the versions and aliases %s" % (name, shown))
