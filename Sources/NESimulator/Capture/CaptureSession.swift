import Foundation

/// One capture in progress: the file being written and its limits.
struct CaptureSession {
    let fileName: String
    /// Tells this capture from a later one into the same file, for its timeout.
    let token = UUID()
    /// `tcpdump`, or the UPF's `trace` / `dispatch`: at most one capture of each mode runs at once.
    let mode: String
    let handle: FileHandle
    let maximumPackets: Int
    var packets = 0
    var bytes = 0
}
