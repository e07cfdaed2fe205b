import Foundation

/// Runs SQL on a PostgreSQL server named by `OMC_TEST_POSTGRES` (a `psql` connection string), inside
/// a transaction that is rolled back, so that a test can show a plugin's SQL runs there. Without the
/// variable the suite does not need a server: tests using it are disabled.
public enum PostgreSQLScratch {
    /// The connection string, when a server is configured.
    public static let connection = ProcessInfo.processInfo.environment["OMC_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }

    /// Whether a server is configured.
    public static var isConfigured: Bool { connection != nil }

    /// Runs `statements` (each may hold several, separated by `;`) in a scratch schema, stopping at the
    /// first error, then rolls everything back. Returns `psql`'s exit status and its error output.
    public static func run(_ statements: [String]) throws -> (status: Int32, errors: String) {
        guard let connection else { return (0, "") }
        let script = "BEGIN;\nCREATE SCHEMA omc_scratch;\nSET LOCAL search_path TO omc_scratch;\n"
            + statements.map { $0 + ";\n" }.joined() + "ROLLBACK;\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", connection, "-X", "-q", "-v", "ON_ERROR_STOP=1"]
        let input = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, errorText)
    }
}
