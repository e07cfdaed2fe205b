/// Where a streamed response writes its chunks. `write` returns when the chunk has been handed to
/// the connection, so a slow client slows the producer instead of filling memory.
public protocol ResponseBodyWriter: AnyObject {
    /// Writes one chunk.
    func write(_ bytes: [UInt8]) async throws
}
