import Foundation
import PluginAPI

/// The OMC's own host in the shape NEs report their system state, measured from the kernel
/// (`/proc`, `statvfs`, `uname`). Units: `memUsage` in kB, `hardwareInfo.memory` in bytes (as the
/// API document's example), disk in MB; `nfCpuUsage` is the OMC
/// process's average CPU percent since start, `sysCpuUsage` the one-minute load average as a
/// percent of all CPUs.
enum OMCHostState {
    static func measure(_ context: PluginContext) async throws -> JSONValue {
        let sqlite = try await context.database.read { db in try db.first("SELECT sqlite_version() AS v")?.string("v") } ?? "?"
        let memory = meminfo()
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        let disk = diskSpace(context.host.dataDirectory)
        return [
            "hostName": .string(ProcessInfo.processInfo.hostName),
            "osInfo": .string(osInfo()),
            "dbInfo": .string("SQLite \(sqlite)"),
            "version": .string(context.host.version),
            "ipAddr": .array(addresses().map(JSONValue.string)),
            "expiryDate": "-",
            "startTime": .string(Timestamp.format(context.host.startedAt)),
            "hardwareInfo": ["cpus": .number(Double(cpus)), "memory": .number(Double(memory["MemTotal"] ?? 0) * 1024)],
            "cpuUsage": ["nfCpuUsage": .number(processCPUPercent()),
                         "sysCpuUsage": .number(loadPercent(cpus: cpus))],
            "memUsage": ["totalMem": .number(Double(memory["MemTotal"] ?? 0)),
                         "nfUsedMem": .number(Double(residentKilobytes())),
                         "sysMemUsage": .number(Double((memory["MemTotal"] ?? 0) - (memory["MemAvailable"] ?? 0)))],
            "diskSpace": ["partitionNum": 1, "partitionInfo": [["total": .number(disk.total), "used": .number(disk.used)]]],
        ]
    }

    static func primaryAddress() -> String { addresses().first { $0 != "127.0.0.1" } ?? "127.0.0.1" }

    /// IPv4 addresses of the host's interfaces.
    static func addresses() -> [String] {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return [] }
        defer { freeifaddrs(list) }
        var result: [String] = []
        for pointer in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = pointer.pointee.ifa_addr, address.pointee.sa_family == UInt16(AF_INET) else { continue }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(address, socklen_t(MemoryLayout<sockaddr_in>.size), &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 {
                result.append(String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
        }
        return result
    }

    static func osInfo() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return ProcessInfo.processInfo.operatingSystemVersionString }
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return [text(name.sysname), text(name.nodename), text(name.release), text(name.version), text(name.machine)].joined(separator: " ")
    }

    /// `/proc/meminfo` in kB.
    static func meminfo() -> [String: Int] {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return [:] }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " })
            if parts.count >= 2, let value = Int(parts[1]) { values[String(parts[0])] = value }
        }
        return values
    }

    static func residentKilobytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// CPU time of this process over its lifetime, from `/proc/self/stat` and `/proc/uptime`; both
    /// count from the process's start, even when a launcher (`swift run`) exec'd into it.
    static func processCPUPercent() -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let uptime = Double(uptimeText.split(separator: " ").first ?? ""),
              let nameEnd = stat.lastIndex(of: ")") else { return 0 }
        // Fields after the command name, starting at field 3 (state): utime is 14, stime 15, starttime 22.
        let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
        guard fields.count > 19, let user = Double(fields[11]), let system = Double(fields[12]), let start = Double(fields[19]) else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let elapsed = uptime - start / ticks
        guard ticks > 0, elapsed > 0 else { return 0 }
        return ((user + system) / ticks / elapsed * 1000).rounded() / 10
    }

    static func loadPercent(cpus: Int) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let load = Double(text.split(separator: " ").first ?? "") else { return 0 }
        return (load / Double(max(cpus, 1)) * 1000).rounded() / 10
    }

    /// Size and use of the file system holding `path`, in MB.
    static func diskSpace(_ path: String) -> (total: Double, used: Double) {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 || statvfs(".", &stats) == 0 else { return (0, 0) }
        let block = Double(stats.f_frsize)
        let total = Double(stats.f_blocks) * block / 1_048_576
        let free = Double(stats.f_bfree) * block / 1_048_576
        return (total.rounded(), (total - free).rounded())
    }
}
