/// A test fixture that holds processes or a host, and must be stopped however the test ends.
public protocol StoppableFixture {
    /// Stops everything the fixture started.
    func stop() async
}

extension StoppableFixture {
    /// Hands the fixture to `body` and stops it when `body` ends, however it ends (a thrown error included).
    public func use(_ body: (Self) async throws -> Void) async throws {
        do {
            try await body(self)
            await stop()
        } catch {
            await stop()
            throw error
        }
    }
}
