/// The body of `POST /tcpdump/ne`: `cmd` is `start` or `stop`; `timeout` is how many seconds the NE
/// captures at most (start only); `timestamp` names the capture, whose file is
/// `<NETYPE>_<neId>_<timestamp>.pcap`.
struct CaptureBody: Decodable {
    let neType: String
    let neId: String
    /// Seconds the capture runs; needed to start, not to stop.
    let timeout: Double?
    let cmd: String
    let timestamp: String
}

/// The body of `POST /tcpdump/neUPF`: `cmd` is a UPF pcap command, `runType` (`start` or `stop`)
/// says which it is meant to be, `timestamp` labels the request.
struct UPFCaptureBody: Decodable {
    let neType: String
    let neId: String
    let runType: String
    let cmd: String
    /// Only a label: `cmd` names the file (`file=…`), so it may be left out.
    let timestamp: String?
}

/// The `data` of both capture answers, in the document's shape.
struct CaptureAnswer: Encodable, Sendable {
    let cmd: String
    let fileName: String
    let msg: String
}
