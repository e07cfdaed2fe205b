import Foundation
import Synchronization

/// The OMC's CPU figures in the API document's unit, hundredths of a percent of the whole machine
/// (10000 = every core busy), as the simulator's NEs report theirs: the rate since the previous
/// request for the system state, or, on the first, since the OMC started (process) and since boot
/// (machine). No background sampler is needed.
final class CPUSampler: Sendable {
    private struct Reading {
        let processTicks: Double
        let machineBusy: UInt64
        let machineTotal: UInt64
        /// Seconds since boot (`/proc/uptime`), when this reading was taken.
        let uptime: Double
    }

    private let previous = Mutex<Reading?>(nil)

    /// `nf`: this process; `sys`: the machine.
    func sample(cpus: Int) -> (nf: Int, sys: Int) {
        let ticksPerSecond = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard ticksPerSecond > 0, let now = Self.read() else { return (0, 0) }
        let before = previous.withLock { stored -> Reading? in
            defer { stored = now }
            return stored
        }
        let processSeconds: Double
        let elapsed: Double
        let busy: UInt64
        let total: UInt64
        if let before, now.uptime > before.uptime {
            processSeconds = (now.processTicks - before.processTicks) / ticksPerSecond
            elapsed = now.uptime - before.uptime
            busy = now.machineBusy >= before.machineBusy ? now.machineBusy - before.machineBusy : 0
            total = now.machineTotal > before.machineTotal ? now.machineTotal - before.machineTotal : 0
        } else {
            processSeconds = now.processTicks / ticksPerSecond
            elapsed = now.uptime - Self.processStartSeconds(ticksPerSecond: ticksPerSecond)
            busy = now.machineBusy
            total = now.machineTotal
        }
        let nf = elapsed > 0 ? processSeconds / (elapsed * Double(max(cpus, 1))) : 0
        let sys = total > 0 ? Double(busy) / Double(total) : 0
        return (Self.hundredthsOfPercent(nf), Self.hundredthsOfPercent(sys))
    }

    private static func hundredthsOfPercent(_ fraction: Double) -> Int {
        guard fraction.isFinite else { return 0 }
        return Int((min(max(fraction, 0), 1) * 10_000).rounded())
    }

    private static func read() -> Reading? {
        guard let uptimeText = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let uptime = Double(uptimeText.split(separator: " ").first ?? ""),
              let fields = processStatFields(), fields.count > 12,
              let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        let machine = machineTicks()
        return Reading(processTicks: user + system, machineBusy: machine?.busy ?? 0, machineTotal: machine?.total ?? 0, uptime: uptime)
    }

    /// Fields of `/proc/self/stat` after the command name, from field 3 (state): utime is [11],
    /// stime [12], starttime [19]. They count from the process's start, even when a launcher
    /// (`swift run`) exec'd into it.
    private static func processStatFields() -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8), let nameEnd = stat.lastIndex(of: ")") else { return nil }
        return stat[stat.index(after: nameEnd)...].split(separator: " ")
    }

    private static func processStartSeconds(ticksPerSecond: Double) -> Double {
        guard let fields = processStatFields(), fields.count > 19, let start = Double(fields[19]) else { return 0 }
        return start / ticksPerSecond
    }

    /// Busy and total jiffies of all CPUs since boot, from `/proc/stat`.
    private static func machineTicks() -> (busy: UInt64, total: UInt64)? {
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
}
