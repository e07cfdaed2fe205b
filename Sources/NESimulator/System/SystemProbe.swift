import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures CPU, memory and disk for systemState and KPI reports. One probe serves every NE in the
/// process: they all share the process, so they all report its real usage.
///
/// CPU figures are rates between two samples; when asked again within half a second the previous
/// figures are returned, so that 200 NEs polled at once do not each measure a near-empty interval.
public actor SystemProbe {
    private struct CPUReading {
        let processSeconds: Double
        let systemBusy: UInt64
        let systemTotal: UInt64
        let at: ContinuousClock.Instant
    }

    private var previous: CPUReading
    private var last: (nf: Int, sys: Int)?
    private let clock = ContinuousClock()
    private let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// A probe whose first CPU figures cover the time since it was made (for the process) and since boot
    /// (for the machine).
    public init() {
        previous = CPUReading(processSeconds: Self.processCPUSeconds(), systemBusy: 0, systemTotal: 0, at: ContinuousClock.now)
    }

    /// Measures now.
    public func sample() -> SystemSample {
        let cpu = cpuUsage()
        let memory = Self.memory()
        return SystemSample(nfCpuUsage: cpu.nf, sysCpuUsage: cpu.sys, totalMem: memory.total, nfUsedMem: memory.process,
                            sysMemUsage: memory.total > 0 ? Int((Double(memory.used) / Double(memory.total) * 10_000).rounded()) : 0)
    }

    private func cpuUsage() -> (nf: Int, sys: Int) {
        let now = clock.now
        if let last, now - previous.at < .milliseconds(500) { return last }
        let processSeconds = Self.processCPUSeconds()
        let system = Self.systemCPUTicks()
        let elapsed = (now - previous.at).seconds
        let nf = elapsed > 0 ? (processSeconds - previous.processSeconds) / (elapsed * Double(cores)) : 0
        var sys = 0.0
        if let system, system.total > previous.systemTotal {
            let busy = system.busy >= previous.systemBusy ? system.busy - previous.systemBusy : 0
            sys = Double(busy) / Double(system.total - previous.systemTotal)
        }
        previous = CPUReading(processSeconds: processSeconds, systemBusy: system?.busy ?? 0, systemTotal: system?.total ?? 0, at: now)
        let result = (nf: Self.basisPoints(nf), sys: Self.basisPoints(sys))
        last = result
        return result
    }

    private static func basisPoints(_ fraction: Double) -> Int {
        guard fraction.isFinite else { return 0 }
        return Int((min(max(fraction, 0), 1) * 10_000).rounded())
    }

    /// User plus system CPU time of this process, seconds.
    static func processCPUSeconds() -> Double {
        guard let usage = resourceUsage() else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// `getrusage(RUSAGE_SELF)`.
    private static func resourceUsage() -> rusage? {
        var usage = rusage()
        #if canImport(Glibc)
        let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
        let who = RUSAGE_SELF
        #endif
        return getrusage(who, &usage) == 0 ? usage : nil
    }

    /// Busy and total jiffies of all CPUs since boot, from `/proc/stat`; `nil` where there is none.
    static func systemCPUTicks() -> (busy: UInt64, total: UInt64)? {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let values = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard values.count >= 4 else { return nil }
        // user nice system idle iowait irq softirq steal: guest time is already inside user and nice.
        let counted = Array(values.prefix(8))
        let total = counted.reduce(0, &+)
        let idle = counted[3] &+ (counted.count > 4 ? counted[4] : 0)
        return (total &- idle, total)
    }

    /// Machine total, machine in use and process resident memory, kB.
    static func memory() -> (total: Int, used: Int, process: Int) {
        let info = keyedKilobytes("/proc/meminfo")
        let status = keyedKilobytes("/proc/self/status")
        let total = info["MemTotal"] ?? Int(ProcessInfo.processInfo.physicalMemory / 1024)
        let available = info["MemAvailable"] ?? info["MemFree"] ?? 0
        let resident = status["VmRSS"] ?? maximumResidentKilobytes()
        return (total, max(0, total - available), resident)
    }

    /// `Key:   1234 kB` lines of a /proc file.
    private static func keyedKilobytes(_ path: String) -> [String: Int] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        var values: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let number = line[line.index(after: colon)...].split(separator: " ").first.flatMap { Int($0) }
            if let number { values[String(line[..<colon])] = number }
        }
        return values
    }

    private static func maximumResidentKilobytes() -> Int {
        guard let usage = resourceUsage() else { return 0 }
        #if canImport(Darwin)
        return Int(usage.ru_maxrss) / 1024
        #else
        return Int(usage.ru_maxrss)
        #endif
    }

    /// Size and use of the file system holding `path`, MB; empty when it cannot be measured.
    public nonisolated static func disk(at path: String) -> [DiskPartition] {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return [] }
        let blockSize = UInt64(stats.f_frsize > 0 ? UInt64(stats.f_frsize) : UInt64(stats.f_bsize))
        let total = UInt64(stats.f_blocks).multipliedReportingOverflow(by: blockSize)
        let free = UInt64(stats.f_bfree).multipliedReportingOverflow(by: blockSize)
        guard !total.overflow, !free.overflow else { return [] }
        let megabyte: UInt64 = 1024 * 1024
        let used = total.partialValue >= free.partialValue ? total.partialValue - free.partialValue : 0
        return [DiskPartition(total: Int(clamping: total.partialValue / megabyte), used: Int(clamping: used / megabyte))]
    }

    /// `uname -a`-like text: system, node, release, version, machine.
    public nonisolated static func osInfo() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return ProcessInfo.processInfo.operatingSystemVersionString }
        let fields = [text(of: &name.sysname), text(of: &name.nodename), text(of: &name.release), text(of: &name.version), text(of: &name.machine)]
        return fields.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The machine's host name.
    public nonisolated static func hostName() -> String {
        var name = utsname()
        guard uname(&name) == 0 else { return ProcessInfo.processInfo.hostName }
        let node = text(of: &name.nodename)
        return node.isEmpty ? ProcessInfo.processInfo.hostName : node
    }

    /// A C character array field of `utsname` as a String, never reading past the field.
    private nonisolated static func text<T>(of field: inout T) -> String {
        withUnsafeBytes(of: &field) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
