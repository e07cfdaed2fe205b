#!/usr/bin/env bash
# A longer schemathesis run against a running OMC than the suite's bounded one
# (OpenAPIToolTests): every operation of /openapi.json with MAX_EXAMPLES generated requests each,
# failing on any server error of the OMC's own making (scripts/openapi/schemathesis_hooks.py).
#
#   scripts/schemathesis.sh http://127.0.0.1:8080 admin 'Omc#Pass42y' [MAX_EXAMPLES] [SEED]
#
# Run it against a disposable OMC: it adds, changes and deletes records, NEs and accounts. The
# tools come from scripts/python-test-tools.txt (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?base URL}" user="${2:?user name}" password="${3:?password}"
examples="${4:-50}" seed="${5:-$RANDOM}"
scripts/install-python-test-tools.sh
venv="${OMC_PYTHON_TOOLS:-.build/python-test-tools}"
token="$("$venv/bin/python" - "$base" "$user" "$password" <<'PY'
import json, sys, urllib.request
base, user, password = sys.argv[1:4]
request = urllib.request.Request(base + "/login", data=json.dumps({"username": user, "password": password}).encode(),
                                 headers={"Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(request))["data"]["access_token"])
PY
)"
spec="$(mktemp --suffix=.json)"
trap 'rm -f "$spec"' EXIT
curl -fsS -H "Authorization: Bearer $token" "$base/openapi.json" -o "$spec"
echo "schemathesis: $examples examples per operation, seed $seed" >&2
"$venv/bin/python" scripts/openapi/schemathesis_run.py "$spec" --url "$base" --token "$token" --max-examples "$examples" --seed "$seed"
