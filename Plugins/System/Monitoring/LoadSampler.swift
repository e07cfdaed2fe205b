import Foundation
import PluginAPI
import Synchronization

/// The OMC's own load, sampled every minute into `system_load` (CPU and memory in percent, disk and
/// network in bytes per second since the previous sample) and kept `loadRetentionDays` days.
final class LoadSampler: Sendable {
    private struct Counters: Sendable {
        let at: Date
        let cpu: ProcFiles.CPUTimes?
        let disk: (read: UInt64, written: UInt64)
        let network: (received: UInt64, sent: UInt64)
    }

    private let previous = Mutex<Counters?>(nil)

    static func declareMigrations(_ plugin: inout PluginRegistrar) {
        plugin.migration("v2_create_load", sql: """
            CREATE TABLE system_load (
                sampled_at BIGINT NOT NULL PRIMARY KEY,
                cpu DOUBLE PRECISION,
                memory DOUBLE PRECISION,
                io_read DOUBLE PRECISION,
                io_write DOUBLE PRECISION,
                net_in DOUBLE PRECISION,
                net_out DOUBLE PRECISION
            )
            """)
    }

    func declare(_ plugin: inout PluginRegistrar, settings: SystemSettings) {
        plugin.job("sample-load", schedule: .every(seconds: 60), summary: "Sample the OMC's CPU, memory, disk and network load") { context in
            try await self.sample(context, retentionDays: settings.loadRetentionDays)
        }
    }

    /// One sample; rates need a previous sample, so the first after start records CPU and rates as
    /// unknown (`null`).
    func sample(_ context: PluginContext, retentionDays: Int) async throws {
        let now = context.clock.now()
        let current = Counters(at: now, cpu: ProcFiles.cpuTimes()["cpu"], disk: ProcFiles.diskBytes(), network: ProcFiles.networkBytes())
        let earlier = previous.withLock { stored in
            defer { stored = current }
            return stored
        }
        var cpu: Double?, ioRead: Double?, ioWrite: Double?, netIn: Double?, netOut: Double?
        if let earlier, now > earlier.at {
            let seconds = now.timeIntervalSince(earlier.at)
            if let then = earlier.cpu, let nowTimes = current.cpu { cpu = nowTimes.usage(since: then) }
            func rate(_ new: UInt64, _ old: UInt64) -> Double { Double(new &- min(new, old)) / seconds }
            ioRead = rate(current.disk.read, earlier.disk.read)
            ioWrite = rate(current.disk.written, earlier.disk.written)
            netIn = rate(current.network.received, earlier.network.received)
            netOut = rate(current.network.sent, earlier.network.sent)
        }
        let memory = ProcFiles.memoryUsage()
        let stamp = Milliseconds.of(now)
        let cutoff = Milliseconds.of(now.addingTimeInterval(-Double(retentionDays) * 86_400))
        let values: [SQLValue] = [.integer(stamp)] + [cpu, memory, ioRead, ioWrite, netIn, netOut].map { $0.map(SQLValue.real) ?? .null }
        try await context.database.write { db in
            try db.execute("""
                INSERT INTO system_load (sampled_at, cpu, memory, io_read, io_write, net_in, net_out) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (sampled_at) DO NOTHING
                """, values)
            try db.execute("DELETE FROM system_load WHERE sampled_at < ?", [.integer(cutoff)])
        }
    }
}
