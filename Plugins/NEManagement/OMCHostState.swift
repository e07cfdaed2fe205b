import Foundation
import PluginAPI

/// The OMC's own host in the shape NEs report their system state, measured from the kernel
/// (`/proc`, `statvfs`, `uname`), in the API document's units, which the simulator's NEs use too:
/// `totalMem` and `nfUsedMem` in kB, `sysMemUsage` and both CPU figures in hundredths of a percent
/// (of the machine's memory, of all its CPUs), `hardwareInfo.memory` in kB (the document's 8167360), disk in MB.
enum OMCHostState {
    static let cpu = CPUSampler()

    static func measure(_ context: PluginContext) async throws -> JSONValue {
        let memory = meminfo()
        let cpus = ProcessInfo.processInfo.activeProcessorCount
        let disk = diskSpace(context.host.dataDirectory)
        let usage = cpu.sample(cpus: cpus)
        let total = memory["MemTotal"] ?? 0
        return [
            "hostName": .string(ProcessInfo.processInfo.hostName),
            "osInfo": .string(osInfo()),
            "dbInfo": .string(context.host.databaseEngine),
            "version": .string(context.host.version),
            "ipAddr": .array(addresses().map(JSONValue.string)),
            "expiryDate": "-",
            "startTime": .string(DocumentTime.format(context.host.startedAt)),
            "hardwareInfo": ["cpus": .number(Double(cpus)), "memory": .number(Double(total))],
            "cpuUsage": ["nfCpuUsage": .number(Double(usage.nf)), "sysCpuUsage": .number(Double(usage.sys))],
            "memUsage": ["totalMem": .number(Double(total)),
                         "nfUsedMem": .number(Double(residentKilobytes())),
                         "sysMemUsage": .number(Double(usedMemoryHundredthsOfPercent(memory)))],
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

    /// `MemTotal` − `MemAvailable` in hundredths of a percent of `MemTotal` (the document's 436 of 8167360 kB).
    static func usedMemoryHundredthsOfPercent(_ memory: [String: Int]) -> Int {
        guard let total = memory["MemTotal"], total > 0 else { return 0 }
        let used = max(0, total - (memory["MemAvailable"] ?? memory["MemFree"] ?? 0))
        return Int((Double(used) / Double(total) * 10_000).rounded())
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
