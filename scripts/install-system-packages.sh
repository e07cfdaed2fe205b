#!/usr/bin/env bash
# Installs the Debian packages of scripts/system-packages.txt that are not installed yet, and
# nothing else. `make run`, `make test` and .ci/run call it before SwiftPM, so the README's two
# commands work on a fresh machine. Quiet and fast when nothing is missing (one dpkg query each).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
while IFS= read -r line; do
    package="${line%%#*}"
    package="${package//[[:space:]]/}"
    [ -n "$package" ] || continue
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done < scripts/system-packages.txt

[ "${#missing[@]}" -eq 0 ] && exit 0

echo "installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    run=()
elif command -v sudo >/dev/null 2>&1; then
    run=(sudo)
else
    echo "error: these packages are missing and this user cannot install them (not root, no sudo): ${missing[*]}" >&2
    echo "       install them with: apt-get install ${missing[*]}" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
${run[@]+"${run[@]}"} apt-get update -qq
${run[@]+"${run[@]}"} apt-get install -y -qq "${missing[@]}"
