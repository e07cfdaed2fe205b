public import Foundation

/// The classic libpcap file format (what `tcpdump -w` writes and Wireshark/tshark read): a 24-byte
/// global header, then per packet a 16-byte record header and the frame. Little-endian, microsecond
/// timestamps, link type Ethernet.
public enum PcapFormat {
    /// Magic number for microsecond timestamps.
    public static let magic: UInt32 = 0xA1B2_C3D4
    /// `LINKTYPE_ETHERNET`.
    public static let linkTypeEthernet: UInt32 = 1
    /// Longest frame kept whole.
    public static let snapshotLength: UInt32 = 65_535

    /// The file's global header.
    public static func globalHeader() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        append(magic, to: &bytes)
        append(UInt16(2), to: &bytes)   // version 2.4
        append(UInt16(4), to: &bytes)
        append(UInt32(0), to: &bytes)   // GMT offset
        append(UInt32(0), to: &bytes)   // timestamp accuracy
        append(snapshotLength, to: &bytes)
        append(linkTypeEthernet, to: &bytes)
        return bytes
    }

    /// One record: its header and `frame`, captured at `time`.
    public static func record(_ frame: [UInt8], at time: Date) -> [UInt8] {
        let seconds = time.timeIntervalSince1970
        let whole = UInt32(clamping: Int64(seconds.rounded(.down)))
        let micro = UInt32(clamping: Int64(((seconds - seconds.rounded(.down)) * 1_000_000).rounded(.down)))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + frame.count)
        append(whole, to: &bytes)
        append(micro, to: &bytes)
        append(UInt32(frame.count), to: &bytes)
        append(UInt32(frame.count), to: &bytes)
        bytes += frame
        return bytes
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}
