#!/usr/bin/env bash
# Installs the pinned Python test tools of scripts/python-test-tools.txt into a virtual environment,
# .build/python-test-tools (or $OMC_PYTHON_TOOLS), when it is missing or the list changed since.
# `make test` (and so .ci/run) calls it; the Swift tests that need the tools look there.
# Quiet and fast when nothing changed (one file comparison).
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${OMC_PYTHON_TOOLS:-.build/python-test-tools}"
requirements=scripts/python-test-tools.txt
stamp="$venv/installed-requirements.txt"

if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp"; then
    exit 0
fi
python="$(command -v python3 || true)"
if [ -z "$python" ]; then
    echo "error: python3 is missing; it comes with the python3-venv package of scripts/system-packages.txt" >&2
    exit 1
fi
echo "installing the Python test tools of $requirements into $venv" >&2
rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
cp "$requirements" "$stamp"
