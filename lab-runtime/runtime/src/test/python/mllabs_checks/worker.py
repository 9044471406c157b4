"""Runs folders of checks one after another in one Python process, so that Python's imports and pyspark's driver JVM
start once for every folder the process runs, not once a folder (the JVM each of Spark's Python workers starts to
load a Spark ML model still ends with its worker, which Spark stops after a minute without a task). PythonChecks
(Java) keeps a few of these processes for a test JVM.

    python -m mllabs_checks.worker WORKER_LOG

Starts pyspark's local session (mllabs_checks.spark) with its output in WORKER_LOG, then reads one JSON request a
line from standard input until it ends:

    {"tests": folder of test_*.py, "cwd": folder to run in, "log": file for pytest's output, "env": {name: value}}

and answers each with one JSON line on standard output, {"exit_code": pytest's exit code}, once pytest has run the
folder with the process's variables plus the request's, in its folder, with its output in the log. Before each
folder, the checks' own modules (mllabs_checks, the folder's test modules) are imported again, so that a folder
sees nothing a former one left in them; the Spark session stays, as in one pytest run of several files.
"""
import json
import os
import sys
import traceback

# Modules imported again for each folder: they read the request's variables when imported.
CHECKS_PACKAGE = "mllabs_checks"
WORKER_MODULE = CHECKS_PACKAGE + ".worker"
# An exit code for a request pytest could not even start on, distinct from pytest's own (0 to 5).
NOT_RUN = 99


def _checks_modules(tests):
    """The modules of the checks package, and the test modules of this folder or of any former one, to import
    again."""
    folder = os.path.join(os.path.realpath(tests), "")
    found = []
    for name, module in list(sys.modules.items()):
        path = getattr(module, "__file__", None)
        if name == WORKER_MODULE:
            continue
        if name == CHECKS_PACKAGE or name.startswith(CHECKS_PACKAGE + "."):
            found.append(name)
        elif path and (os.path.realpath(path).startswith(folder)
                       or os.path.basename(path).startswith(("test_", "conftest"))):
            found.append(name)
    return found


def _run(request, environment, pytest):
    """Runs pytest over the request's folder, its output in the request's log; returns pytest's exit code."""
    os.environ.clear()
    os.environ.update(environment)
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    for name in _checks_modules(request["tests"]):
        del sys.modules[name]
    return int(pytest.main(["-q", "-p", "no:cacheprovider", "--import-mode=importlib", request["tests"]]))


def _redirect(fd):
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)


def main(worker_log):
    answers = os.fdopen(os.dup(1), "w", buffering=1)
    quiet = os.open(worker_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    _redirect(quiet)
    environment = dict(os.environ)
    home = os.getcwd()
    import pytest
    from mllabs_checks.spark import local_spark
    local_spark("checks")
    for line in sys.stdin:
        request = json.loads(line)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        _redirect(log)
        try:
            exit_code = _run(request, environment, pytest)
        except BaseException:  # noqa: BLE001 - whatever stops pytest is the request's answer, not the worker's end
            traceback.print_exc()
            exit_code = NOT_RUN
        finally:
            _redirect(quiet)
            os.close(log)
            os.chdir(home)
        answers.write(json.dumps({"exit_code": exit_code}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
