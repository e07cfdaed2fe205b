import Foundation
import OMCTestSupport

/// Generates the fuzz run's inputs from a fixed seed, so a failing input can be made again: mutations
/// (bytes flipped, inserted, deleted, repeated, spliced with hostile values) of seeds that are valid
/// or nearly so, and structured JSON built from the document's field names and the hostile corpus.
struct FuzzInputs {
    private var random: SplitMix64
    private let corpus: [HostileInput]
    private let texts: [String]

    /// Field names the API document's bodies use.
    static let fieldNames = ["neId", "neType", "neName", "imsi", "msisdn", "ki", "opc", "amf", "algoIndex", "ip", "port", "mml",
                             "userName", "password", "oldPassword", "newPassword", "roleIds", "roleKey", "permissions", "deptId",
                             "postIds", "status", "pageNum", "pageSize", "cmd", "timeout", "startTime", "endTime", "interfaces",
                             "fileName", "num", "ids", "nickName", "email", "remark", "confirm", "rfsp", "sar", "pccRules",
                             "uePolicy", "staticIp", "smData", "ambr", "nssai", "arfb", "cnType", "rat", "runType", "timestamp"]

    init(seed: UInt64, corpus: [HostileInput]) {
        random = SplitMix64(seed: seed)
        self.corpus = corpus
        texts = corpus.compactMap(\.text).filter { $0.utf8.count <= 4_096 }
    }

    /// A mutation of `seed`: one to four byte-level changes.
    mutating func mutated(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<random.below(4) + 1 {
            let position = bytes.isEmpty ? 0 : random.below(bytes.count)
            switch random.below(6) {
            case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))
            case 1: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: position)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(position..<min(bytes.count, position + random.below(16) + 1))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, position + random.below(32) + 1)
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: end)
            case 4: bytes.insert(contentsOf: Array(pick(texts).utf8), at: position)
            default: bytes.insert(contentsOf: Array("\"',;:={}[]\\\u{0}\r\n".utf8)[random.below(15)...].prefix(1), at: position)
            }
        }
        return bytes
    }

    /// A JSON object of up to eight document fields, each a plausible or hostile value.
    mutating func jsonObject() -> [UInt8] {
        let fields = (0..<random.below(8) + 1).map { _ in "\"\(pick(Self.fieldNames))\":\(jsonValue())" }
        return Array("{\(fields.joined(separator: ","))}".utf8)
    }

    /// A JSON value: a corpus token, a number, a string of digits, an array of values or a nested object.
    mutating func jsonValue(depth: Int = 0) -> String {
        switch random.below(depth > 2 ? 4 : 6) {
        case 0: return pick(corpus).json.utf8.count <= 65_536 ? pick(corpus).json : "\"x\""
        case 1: return String(Int64(bitPattern: random.next()) >> random.below(64))
        case 2: return "\"" + String((0..<random.below(20)).map { _ in Character(String(random.below(10))) }) + "\""
        case 3: return ["true", "false", "null", "\"\"", "0", "-1", "1.5"][random.below(7)]
        case 4: return "[" + (0..<random.below(4)).map { _ in jsonValue(depth: depth + 1) }.joined(separator: ",") + "]"
        default: return "{\"\(pick(Self.fieldNames))\":\(jsonValue(depth: depth + 1))}"
        }
    }

    mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }

    mutating func below(_ bound: Int) -> Int { random.below(bound) }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
}
