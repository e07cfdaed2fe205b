#!/usr/bin/env python3
"""Prints the API coverage table of docs/API.md from the API document's endpoint index.

    python3 docs/api_coverage.py /work/shared/spec/omc-rest-api.endpoints.json [openapi.json] > /tmp/table.md

The planned plugin follows DESIGN.md section 7; the status says what this repository serves today.
With `openapi.json` (the `/openapi.json` of an OMC running every bundled plugin), an entry that no
note in BUILT describes is "built" when the OMC serves its method and path (a `{parameter}` of the
served path matches any segment; literal segments match regardless of case), so a plugin that lands
needs no edit here. Update ISSUES when an issue is filed, then paste the output into docs/API.md.
"""
import json
import sys

MML = "/api/rest/opeartionManagement/v1/elementType/"

# Issue numbers of the plugins that have one.
ISSUES = {"Security": 4, "NE management": 3, "UDM": 5, "PCF": 6, "Trace": 6, "Fault": 12, "Performance": 13,
          "System": 14, "AMF": 15, "SMF": 15, "IMS": 15, "N3IWF": 15, "NE management (software, CM)": 15}

# Entries served today by a bundled plugin: (method, path) -> (plugin, status).
SYSTEM = "/api/rest/systemManagement/v1/elementType/"
NE_INFO = "built (`ne` plugin, generic `{neType}` route, with the `udm` plugin providing the UDM type)"
BUILT = {
    ("GET", SYSTEM + "ALL/objectType/systemState"): ("NE management (`ne`)", "built"),
    ("GET", SYSTEM + "udm/objectType/systemState"): (
        "NE management (`ne`)", "built (`ne` plugin, generic `{neType}` route; UDM fields from the NE)"),
    ("GET", SYSTEM + "omc/objectType/systemState"): ("NE management (`ne`)", "built"),
    ("GET", SYSTEM + "OMC/objectType/time"): ("NE management (`ne`)", "built"),
    ("POST", SYSTEM + "udm/objectType/neInfo"): ("NE management (`ne`)", NE_INFO),
    ("PUT", SYSTEM + "udm/objectType/neInfo"): ("NE management (`ne`)", NE_INFO),
    ("DELETE", SYSTEM + "udm/objectType/neInfo"): ("NE management (`ne`)", NE_INFO),
    ("GET", "/ne/info"): ("NE management (`ne`)", "built"),
    ("POST", "/ne/action/pushFile"): ("NE management (`ne`)", "built"),
    ("POST", "/api/rest/traceManagement/v1/subscriptions"): ("Trace (`trace`)", "built"),
    ("PUT", "/api/rest/traceManagement/v1/subscriptions"): ("Trace (`trace`)", "built"),
    ("DELETE", "/api/rest/traceManagement/v1/subscriptions"): ("Trace (`trace`)", "built"),
    ("POST", "/tcpdump/ne"): ("Trace (`trace`)", "built"),
    ("POST", "/tcpdump/neUPF"): ("Trace (`trace`)", "built (needs the bundled `upf` NE-type plugin enabled)"),
    ("GET", "/tcpdump/download"): ("Trace (`trace`)", "built"),
    ("GET", "/common/i18n"): ("host", "built (host endpoint, API.md §7)"),
}
# The Security plugin's core (login, sessions, profile, logs, online users).
BUILT.update({(method, path): ("Security", "built") for method, path in [
    ("GET", "/getInfo"), ("GET", "/getRouters"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/captchaImage"),
    ("POST", "/register"), ("GET", "/system/user/profile"), ("PUT", "/system/user/profile"),
    ("POST", "/system/user/profile/avatar"), ("PUT", "/system/user/profile/updatePwd"),
    ("GET", "/monitor/operlog/list"), ("POST", "/monitor/operlog/export"), ("DELETE", "/monitor/operlog/clean"),
    ("DELETE", "/monitor/operlog/{operIds}"), ("GET", "/monitor/logininfor/list"), ("POST", "/monitor/logininfor/export"),
    ("DELETE", "/monitor/logininfor/clean"), ("PUT", "/monitor/logininfor/unlock/{userName}"),
    ("DELETE", "/monitor/logininfor/{infoIds}"), ("GET", "/monitor/online/list"), ("DELETE", "/monitor/online/{tokenId}"),
]})

# The Security plugin's administration (departments, positions, roles, users).
BUILT.update({(method, path): ("Security", "built") for method, path in [
    ("GET", "/system/dept/list"), ("GET", "/system/dept/list/exclude/{deptId}"), ("GET", "/system/dept/treeSelect"),
    ("GET", "/system/dept/roleDeptTreeSelect/{roleId}"), ("POST", "/system/dept"), ("PUT", "/system/dept"),
    ("DELETE", "/system/dept/{deptId}"), ("GET", "/system/dept/{deptId}"),
    ("GET", "/system/post/list"), ("POST", "/system/post/export"), ("GET", "/system/post/{postId}"), ("POST", "/system/post"),
    ("PUT", "/system/post"), ("DELETE", "/system/post/{postIds}"),
    ("GET", "/system/role/list"), ("GET", "/system/role/authUser/allocatedList"), ("GET", "/system/role/{roleId}"),
    ("PUT", "/system/role"), ("POST", "/system/role"), ("DELETE", "/system/role/{roleIds}"), ("PUT", "/system/role/changeStatus"),
    ("PUT", "/system/role/dataScope"), ("POST", "/system/role/export"), ("PUT", "/system/role/authUser/checked"),
    ("POST", "/system/user/importTemplate"), ("GET", "/system/user/list"), ("GET", "/system/user/{userId}"), ("POST", "/system/user"),
    ("PUT", "/system/user"), ("POST", "/system/user/export"), ("POST", "/system/user/importData"), ("DELETE", "/system/user/{userIds}"),
    ("PUT", "/system/user/resetPwd"), ("PUT", "/system/user/changeStatus"),
]})


# The UDM plugin's routes under /ne/udm/{sub,auth}/: the fourth path segment and its methods.
UDM_ROUTES = {"{neId}", "list", "export", "import", "resetData"}
UDM_METHODS = {("GET", "{neId}"), ("DELETE", "{neId}"), ("POST", "{neId}"), ("PUT", "{neId}"), ("GET", "list"),
               ("POST", "export"), ("POST", "import"), ("PUT", "resetData")}

PCF_UE = "/api/rest/ueManagement/v1/elementType/pcf/objectType/ueInfo"
for method, suffix in [("GET", ""), ("POST", ""), ("PUT", ""), ("DELETE", ""), ("POST", "/{number}"), ("PUT", "/{number}")]:
    BUILT[(method, PCF_UE + suffix)] = ("PCF (`pcf`)", "built")
BUILT[("DELETE", PCF_UE + "/number")] = ("PCF (`pcf`)", "built as `DELETE …/ueInfo/{number}?imsi=` (API.md §11)")


# Entries a generic served route matches although the table behind them is not exposed yet: the
# System plugin's `/omc_db/{table}` answers only the tables plugins declare (API.md §14).
NOT_YET = {
    ("PUT", "/api/rest/dataManagement/v1/omc_db/user"): "missing (issue 14: the `user` table is not exposed, DECISIONS 213)",
}


def served_operations(openapi_path):
    """(method, path segments, owner) of every operation of an OMC's /openapi.json."""
    document = json.load(open(openapi_path))
    return [(method.upper(), path.strip("/").split("/"), (operation.get("tags") or ["host"])[0])
            for path, item in document.get("paths", {}).items() for method, operation in item.items()]


def served_by(method, path, operations):
    """The plugin id serving the document's `method path`, or None."""
    segments = path.split("?")[0].strip("/").split("/")
    for served_method, served, owner in operations:
        if served_method == method and len(served) == len(segments) and all(
                mine.startswith("{") or mine.lower() == theirs.lower() for mine, theirs in zip(served, segments)):
            return owner
    return None


def plan(method, path, section, operations=()):
    """(planned plugin, status) of one endpoint of the API document."""
    if path == "/":
        return "host core", "built"
    if path == MML + "omc/objectType/mml":
        return "host core (MML engine)", "built"
    if path.lower() == (MML + "udm/objectType/mml").lower():
        return "UDM (MML commands)", "built (generic MML endpoint; `udm` plugin's SUB/AUTHDAT commands, the rest forwarded)"
    built = BUILT.get((method, path))
    if built:
        return built
    if path.startswith(("/ne/udm/sub/", "/ne/udm/auth/")) and path.split("/")[4] in UDM_ROUTES \
            and (method, path.split("/")[4]) in UDM_METHODS:
        return "UDM (`udm`)", "built"
    if "/elementType/udm/objectType/config/" in path:
        return "UDM (`udm`)", "built (sections system, subsUEAmbr, smfSelection, authentication)"
    security_sections = ("Authentication", "Security/", "System/Logged in", "System/Online user",
                         "System/Operation log", "General APIs/User operation", "General APIs/Account registration")
    if section.startswith(security_sections) or path == "/captchaImage":
        plugin = "Security"
    elif "/traceManagement/" in path or path.startswith("/tcpdump/"):
        plugin = "Trace"
    elif "/elementType/pcf/" in path:
        plugin = "PCF"
    elif path.startswith("/ne/udm/") or "/elementType/udm/objectType/config/" in path:
        plugin = "UDM"
    elif "/objectType/systemState" in path or "/objectType/neInfo" in path or path.endswith("/objectType/time") \
            or path in ("/ne/info", "/ne/action/pushFile"):
        plugin = "NE management"
    elif "/software/" in path or path.endswith("/objectType/cm"):
        plugin = "NE management (software, CM)"
    elif "/faultManagement/" in path or (path.startswith("/api/rest/dataManagement/") and "alarm" in path):
        plugin = "Fault"
    elif "/performanceManagement/" in path:
        plugin = "Performance"
    elif "/elementType/amf/" in path:
        plugin = "AMF"
    elif "/elementType/smf/" in path:
        plugin = "SMF"
    elif "/elementType/ims/" in path:
        plugin = "IMS"
    elif "/elementType/n3iwf/" in path:
        plugin = "N3IWF"
    else:
        plugin = "System"
    if (method, path) in NOT_YET:
        return plugin, NOT_YET[(method, path)]
    owner = served_by(method, path, operations)
    if owner:
        return plugin, f"built (`{owner}`)"
    issue = ISSUES.get(plugin)
    return plugin, f"missing (issue {issue})" if issue else "missing (no issue yet)"


def main():
    entries = json.load(open(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/spec/omc-rest-api.endpoints.json"))
    operations = served_operations(sys.argv[2]) if len(sys.argv) > 2 else []
    current = None
    counts = {}
    for entry in entries:
        if entry["section"] != current:
            current = entry["section"]
            print(f"\n*Document section: {current}*\n")
            print("| method | path | planned plugin | status |")
            print("| --- | --- | --- | --- |")
        plugin, status = plan(entry["method"], entry["path"], entry["section"], operations)
        counts[status] = counts.get(status, 0) + 1
        print(f"| {entry['method']} | `{entry['path']}` | {plugin} | {status} |")
    print(f"\n**Summary of the {len(entries)} entries:**\n")
    print("| status | entries |")
    print("| --- | --- |")
    for status, count in sorted(counts.items(), key=lambda kv: (not kv[0].startswith("built"), -kv[1])):
        print(f"| {status} | {count} |")


if __name__ == "__main__":
    main()
