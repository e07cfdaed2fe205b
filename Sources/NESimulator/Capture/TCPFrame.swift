/// Builds Ethernet frames carrying TCP segments over IPv4 or IPv6, with correct lengths and
/// checksums, as a capture on the NE's interface would show them.
public enum TCPFrame {
    /// TCP flag bits.
    public struct Flags: OptionSet, Sendable {
        /// The flag byte of the TCP header.
        public let rawValue: UInt8
        /// Flags from their byte.
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Opens a connection.
        public static let syn = Flags(rawValue: 0x02)
        /// Hand the data to the application now.
        public static let push = Flags(rawValue: 0x08)
        /// The acknowledgment number is valid.
        public static let ack = Flags(rawValue: 0x10)
    }

    /// One side of a connection: IP address bytes (4 or 16) and port.
    public struct Endpoint: Sendable, Hashable {
        /// 4 bytes (IPv4) or 16 (IPv6), in network order.
        public let address: [UInt8]
        /// The TCP port.
        public let port: UInt16
        /// An endpoint.
        public init(address: [UInt8], port: UInt16) {
            self.address = address
            self.port = port
        }
    }

    /// Largest payload of one segment, as on an Ethernet link.
    public static let maximumSegmentSize = 1460

    /// The frame of one segment from `source` to `destination`. Both endpoints must be of the same family.
    public static func frame(from source: Endpoint, to destination: Endpoint, sequence: UInt32, acknowledgment: UInt32,
                             flags: Flags, payload: ArraySlice<UInt8>) -> [UInt8] {
        let isV6 = source.address.count == 16
        var tcp: [UInt8] = []
        tcp.reserveCapacity(20 + payload.count)
        append(source.port, &tcp)
        append(destination.port, &tcp)
        append(sequence, &tcp)
        append(acknowledgment, &tcp)
        tcp += [0x50, flags.rawValue]          // header length 5 words
        append(UInt16(65_535), &tcp)           // window
        append(UInt16(0), &tcp)                // checksum, filled below
        append(UInt16(0), &tcp)                // urgent pointer
        tcp += payload
        var pseudo = source.address + destination.address
        if isV6 {
            append(UInt32(tcp.count), &pseudo)
            pseudo += [0, 0, 0, 6]
        } else {
            pseudo += [0, 6]
            append(UInt16(tcp.count), &pseudo)
        }
        let checksum = internetChecksum(pseudo + tcp)
        tcp[16] = UInt8(checksum >> 8)
        tcp[17] = UInt8(checksum & 0xFF)

        var ip: [UInt8] = []
        if isV6 {
            ip += [0x60, 0, 0, 0]
            append(UInt16(tcp.count), &ip)
            ip += [6, 64]                      // next header TCP, hop limit
            ip += source.address + destination.address
        } else {
            ip += [0x45, 0]
            append(UInt16(20 + tcp.count), &ip)
            append(UInt16(truncatingIfNeeded: sequence), &ip)   // identification
            ip += [0x40, 0, 64, 6]             // don't fragment, TTL 64, TCP
            append(UInt16(0), &ip)
            ip += source.address + destination.address
            let checksum = internetChecksum(ip)
            ip[10] = UInt8(checksum >> 8)
            ip[11] = UInt8(checksum & 0xFF)
        }
        // Locally administered MAC addresses derived from the ports, so each side is told apart.
        var ethernet: [UInt8] = [0x02, 0, 0, 0, UInt8(destination.port >> 8), UInt8(destination.port & 0xFF),
                                 0x02, 0, 0, 0, UInt8(source.port >> 8), UInt8(source.port & 0xFF)]
        ethernet += isV6 ? [0x86, 0xDD] : [0x08, 0x00]
        return ethernet + ip + tcp
    }

    /// RFC 1071 ones' complement sum.
    static func internetChecksum(_ bytes: [UInt8]) -> UInt16 {
        var sum: UInt32 = 0
        var index = 0
        while index + 1 < bytes.count {
            sum += UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
            index += 2
        }
        if index < bytes.count { sum += UInt32(bytes[index]) << 8 }
        while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
        return ~UInt16(sum)
    }

    private static func append<T: FixedWidthInteger>(_ value: T, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes += $0 }
    }
}
