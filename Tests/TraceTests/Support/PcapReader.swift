/// A minimal reader of classic pcap files with Ethernet frames carrying IPv4/IPv6 TCP, enough to prove
/// a downloaded capture is a well-formed file of real segments.
struct PcapReader {
    struct Segment {
        let sourcePort: UInt16
        let destinationPort: UInt16
        let flags: UInt8
        let payload: [UInt8]
    }

    enum Problem: Error, CustomStringConvertible {
        case malformed(String)
        var description: String { if case .malformed(let text) = self { text } else { "" } }
    }

    let linkType: UInt32
    let snapshotLength: UInt32
    let segments: [Segment]

    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= 24 else { throw Problem.malformed("shorter than a pcap global header: \(bytes.count) bytes") }
        guard Self.le32(bytes, 0) == 0xA1B2_C3D4 else { throw Problem.malformed("bad magic number") }
        guard Self.le16(bytes, 4) == 2, Self.le16(bytes, 6) == 4 else { throw Problem.malformed("not version 2.4") }
        snapshotLength = Self.le32(bytes, 16)
        linkType = Self.le32(bytes, 20)
        var offset = 24
        var segments: [Segment] = []
        while offset < bytes.count {
            guard offset + 16 <= bytes.count else { throw Problem.malformed("record header cut at \(offset)") }
            let included = Int(Self.le32(bytes, offset + 8))
            let original = Int(Self.le32(bytes, offset + 12))
            guard included == original, offset + 16 + included <= bytes.count else { throw Problem.malformed("record at \(offset) overruns the file") }
            segments.append(try Self.segment(Array(bytes[(offset + 16)..<(offset + 16 + included)])))
            offset += 16 + included
        }
        self.segments = segments
    }

    static func segment(_ frame: [UInt8]) throws -> Segment {
        guard frame.count >= 14 else { throw Problem.malformed("frame shorter than Ethernet") }
        let etherType = be16(frame, 12)
        var ip = 14
        let tcpLength: Int
        switch etherType {
        case 0x0800:
            guard frame[ip] >> 4 == 4 else { throw Problem.malformed("IPv4 frame with version \(frame[ip] >> 4)") }
            let headerLength = Int(frame[ip] & 0x0F) * 4
            guard checksum(Array(frame[ip..<(ip + headerLength)])) == 0xFFFF else { throw Problem.malformed("bad IPv4 header checksum") }
            guard frame[ip + 9] == 6 else { throw Problem.malformed("not TCP") }
            let total = Int(be16(frame, ip + 2))
            guard ip + total == frame.count else { throw Problem.malformed("IPv4 length \(total) does not match the frame") }
            tcpLength = total - headerLength
            ip += headerLength
        case 0x86DD:
            guard frame[ip + 6] == 6 else { throw Problem.malformed("not TCP") }
            tcpLength = Int(be16(frame, ip + 4))
            ip += 40
        default:
            throw Problem.malformed("ether type \(etherType)")
        }
        let addresses = etherType == 0x0800 ? Array(frame[26..<34]) : Array(frame[22..<54])
        var pseudo = addresses
        pseudo += etherType == 0x0800 ? [0, 6, UInt8(tcpLength >> 8), UInt8(tcpLength & 0xFF)]
                                      : [0, 0, UInt8(tcpLength >> 8), UInt8(tcpLength & 0xFF), 0, 0, 0, 6]
        guard checksum(pseudo + Array(frame[ip..<(ip + tcpLength)])) == 0xFFFF else { throw Problem.malformed("bad TCP checksum") }
        let dataOffset = Int(frame[ip + 12] >> 4) * 4
        return Segment(sourcePort: be16(frame, ip), destinationPort: be16(frame, ip + 2), flags: frame[ip + 13],
                       payload: Array(frame[(ip + dataOffset)..<(ip + tcpLength)]))
    }

    static func checksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        for index in stride(from: 0, to: bytes.count - 1, by: 2) { sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1]) }
        if bytes.count % 2 == 1, let last = bytes.last { sum += UInt32(last) << 8 }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return UInt16(sum)
    }

    static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16 }
    static func be16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) << 8 | UInt16(bytes[at + 1]) }
}
