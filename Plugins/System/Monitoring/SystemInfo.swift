import Foundation
import PluginAPI
#if canImport(Glibc)
import Glibc
#endif

/// `/monitor/system-info` in the document's shape, from the real machine. Members that describe a
/// Node.js server in the document (`node`, `v8`, `heapTotal`…) carry the nearest fact of this one:
/// the Swift runtime, the process's data segment and resident memory (docs/DECISIONS.md 214).
enum SystemInfo {
    static func declare(_ plugin: inout PluginRegistrar) {
        plugin.route(.get, "/monitor/system-info", permission: "monitor:server:list", summary: "Server information: CPU, memory, disks, network, time",
                     answer: .data(.object(["project": .anyValue, "cpu": .anyValue, "memory": .anyValue, "network": .anyValue,
                                            "time": .anyValue, "system": .anyValue, "disk": .anyValue], name: "SystemInfo"))) { _, context in
            let before = ProcFiles.cpuTimes()
            try await Task.sleep(for: .milliseconds(200))
            return .success(describe(context, cpuBefore: before, cpuAfter: ProcFiles.cpuTimes()))
        }
    }

    static func describe(_ context: PluginContext, cpuBefore: [String: ProcFiles.CPUTimes], cpuAfter: [String: ProcFiles.CPUTimes]) -> JSONValue {
        let cpuInfo = ProcFiles.text("/proc/cpuinfo").split(separator: "\n")
        func cpuField(_ name: String) -> String? {
            cpuInfo.first { $0.hasPrefix(name) }.flatMap { $0.split(separator: ":", maxSplits: 1).last }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        let cores = cpuAfter.keys.filter { $0 != "cpu" }.sorted { (Int($0.dropFirst(3)) ?? 0) < (Int($1.dropFirst(3)) ?? 0) }
        let coreUsed = cores.map { core -> JSONValue in
            guard let now = cpuAfter[core], let then = cpuBefore[core], let usage = now.usage(since: then) else { return "0.00" }
            return .string(String(format: "%.2f", usage))
        }
        let memory = ProcFiles.kilobyteFields("/proc/meminfo"), process = ProcFiles.kilobyteFields("/proc/self/status")
        let total = memory["MemTotal"] ?? 0, available = memory["MemAvailable"] ?? 0
        var names = utsname()
        uname(&names)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let uptime = Double(ProcFiles.text("/proc/uptime").split(separator: " ").first ?? "") ?? 0
        let offset = TimeZone.current.secondsFromGMT()
        let disks = ProcFiles.disks().map { disk -> JSONValue in
            let used = disk.size - min(disk.size, disk.free)
            let percent = disk.size == 0 ? 0 : Int((Double(used) / Double(used + disk.available) * 100).rounded(.up))
            return ["size": .string(ProcFiles.size(disk.size)), "used": .string(ProcFiles.size(used)), "avail": .string(ProcFiles.size(disk.available)),
                    "pcent": .string("\(percent)%"), "target": .string(disk.target)]
        }
        let directory = FileManager.default.currentDirectoryPath
        return [
            "project": ["appDir": .string(directory), "env": "production", "name": "omc", "version": .string(context.host.version),
                        "dependencies": ["database": .string(context.host.databaseEngine)]],
            "cpu": ["model": .string(cpuField("model name") ?? field(names.machine)),
                    "speed": .string(cpuField("cpu MHz").flatMap(Double.init).map { "\(Int($0))MHz" } ?? ""),
                    "core": .number(Double(max(cores.count, 1))), "coreUsed": .array(coreUsed)],
            "memory": ["usage": .string(total == 0 ? "0.00" : String(format: "%.2f", Double(total - min(total, available)) / Double(total) * 100)),
                       "freemem": .string(ProcFiles.size(available)), "totalmem": .string(ProcFiles.size(total)),
                       "rss": .string(ProcFiles.size(process["VmRSS"] ?? 0)), "heapTotal": .string(ProcFiles.size(process["VmData"] ?? 0)),
                       "heapUsed": .string(ProcFiles.size(process["RssAnon"] ?? 0)), "external": .string(ProcFiles.size(process["RssFile"] ?? 0))],
            "network": .object(ProcFiles.interfaces().mapValues(JSONValue.string)),
            "time": ["current": .string(DocumentTime.format(context.clock.now())), "uptime": .string(duration(uptime)),
                     "timezone": .string("GMT" + (offset < 0 ? "-" : "+") + String(format: "%02d%02d", abs(offset) / 3600, abs(offset) % 3600 / 60)),
                     "timezoneName": .string(TimeZone.current.identifier)],
            "system": ["platform": "linux", "node": .string(swiftVersion), "v8": "", "processId": .number(Double(getpid())),
                       "arch": .string(field(names.machine)), "uname": .string(field(names.sysname)), "release": .string(field(names.release)),
                       "hostname": .string(field(names.nodename)), "homeDir": .string(NSHomeDirectory()), "cmd": .string(directory),
                       "execCommand": .string(CommandLine.arguments.first ?? "")],
            "disk": .array(disks),
        ]
    }

    static var swiftVersion: String {
        #if swift(>=6.2)
        "swift 6.2"
        #elseif swift(>=6.1)
        "swift 6.1"
        #else
        "swift 6.0"
        #endif
    }

    /// `3d 4h`, `8h`, `12m`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        let days = total / 86_400, hours = total % 86_400 / 3600, minutes = total % 3600 / 60
        if days > 0 { return "\(days)d \(hours)h" }
        if hours > 0 { return "\(hours)h" }
        return "\(minutes)m"
    }
}
