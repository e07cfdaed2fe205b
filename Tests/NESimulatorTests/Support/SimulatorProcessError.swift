/// Why a simulator process could not be used.
enum SimulatorProcessError: Error {
    case notReady(stdout: String, stderr: String)
    case noSuchNE(String)
    case didNotExit
}
