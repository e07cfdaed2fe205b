"""Runs schemathesis against a live OMC with the OMC's check (schemathesis_hooks.py).

Usage: schemathesis_run.py <openapi.json> --url <base URL> --token <session> [--max-examples N] [--seed S]

Operations that end the run's own session are left out (logout, the caller's password change,
forcing sessions out); everything else, the NE-facing routes included, is exercised with the
declared shapes and with shapes that break them.
"""
import argparse
import os
import subprocess
import sys

parser = argparse.ArgumentParser()
parser.add_argument("spec")
parser.add_argument("--url", required=True)
parser.add_argument("--token", required=True)
parser.add_argument("--max-examples", default="3")
parser.add_argument("--seed", default="1")
parser.add_argument("--workers", default="1")
arguments = parser.parse_args()

here = os.path.dirname(os.path.abspath(__file__))
environment = dict(os.environ)
environment["PYTHONPATH"] = here + os.pathsep + environment.get("PYTHONPATH", "")
environment["SCHEMATHESIS_HOOKS"] = "schemathesis_hooks"
command = [
    os.path.join(os.path.dirname(sys.executable), "schemathesis"), "run", arguments.spec,
    "--url", arguments.url,
    "--header", f"Authorization: Bearer {arguments.token}",
    "--checks", "no_omc_server_error",
    "--max-examples", arguments.max_examples,
    "--seed", arguments.seed,
    "--workers", arguments.workers,
    "--phases", "examples,fuzzing",
    "--request-timeout", "30",
    "--exclude-path", "/logout",
    "--exclude-path", "/system/user/profile/updatePwd",
    "--exclude-path-regex", "^/monitor/online/",
    "--exclude-path", "/system/user/resetPwd",
    "--exclude-path", "/system/user/changeStatus",
    "--generation-database", "none",
    "--no-color",
]
sys.exit(subprocess.call(command, env=environment))
