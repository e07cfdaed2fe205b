import CCrypt
import Foundation
import PluginAPI

/// Hashes and verifies passwords with libxcrypt's crypt(3): yescrypt (`$y$`) or bcrypt (`$2b$`) for
/// new hashes, and any scheme libxcrypt knows for stored ones, including the `{CRYPT}$6$…`
/// SHA-512-crypt hashes the user-management API carries.
///
/// Hashing is deliberately slow, so it runs off Swift's cooperative threads.
struct PasswordHasher: Sendable {
    let scheme: PasswordScheme
    let cost: Int
    /// The start of every hash made with the current scheme and cost (`$y$j9T$`); a stored hash
    /// without it is rehashed at the next successful login.
    let currentSetting: String

    init(scheme: PasswordScheme, cost: Int) throws {
        self.scheme = scheme
        self.cost = cost
        let setting = try Self.salt(scheme: scheme, cost: cost)
        guard let end = setting.lastIndex(of: "$") else { throw OMCError(.internal, "libxcrypt made a malformed setting") }
        currentSetting = String(setting[...end])
    }

    /// A new hash of `password` with the current scheme and cost.
    func hash(_ password: String) async throws -> String {
        let setting = try Self.salt(scheme: scheme, cost: cost)
        return try await Self.offload { try Self.crypt(password, setting: setting) }
    }

    /// Whether `password` matches `stored`. A malformed or unknown stored hash never matches.
    func verify(_ password: String, against stored: String) async -> Bool {
        let setting = Self.withoutLDAPPrefix(stored)
        guard setting.hasPrefix("$"), !password.utf8.contains(0) else { return false }
        guard let computed = try? await Self.offload({ try Self.crypt(password, setting: setting) }) else { return false }
        return Self.constantTimeEquals(Array(computed.utf8), Array(setting.utf8))
    }

    /// Whether `stored` was made with another scheme or cost than the current ones.
    func needsRehash(_ stored: String) -> Bool {
        !stored.hasPrefix(currentSetting)
    }

    /// Whether `stored` is a complete hash this machine can verify (for imports): hashing any
    /// password with it as setting gives a string of the same scheme, salt and length.
    static func isVerifiableHash(_ stored: String) -> Bool {
        let setting = withoutLDAPPrefix(stored)
        guard setting.hasPrefix("$"), let end = setting.lastIndex(of: "$"), setting.index(after: end) < setting.endIndex,
              let computed = try? crypt("probe", setting: setting) else { return false }
        return computed.count == setting.count && computed.hasPrefix(setting[...end])
    }

    /// Drops the LDAP scheme label `{CRYPT}` the user-management API puts before crypt hashes.
    static func withoutLDAPPrefix(_ stored: String) -> String {
        stored.uppercased().hasPrefix("{CRYPT}") ? String(stored.dropFirst(7)) : stored
    }

    private static func salt(scheme: PasswordScheme, cost: Int) throws -> String {
        var output = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        let made = output.withUnsafeMutableBufferPointer { buffer in
            crypt_gensalt_rn(scheme.prefix, UInt(cost), nil, 0, buffer.baseAddress, Int32(buffer.count))
        }
        guard made != nil else { throw OMCError(.internal, "libxcrypt cannot make a \(scheme.rawValue) salt of cost \(cost)") }
        return String(decoding: output.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func crypt(_ password: String, setting: String) throws -> String {
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer {
            // The scratch area held the password: wipe it before freeing.
            UnsafeMutableRawPointer(data).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<crypt_data>.size)
            data.deallocate()
        }
        UnsafeMutableRawPointer(data).initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<crypt_data>.size)
        guard let result = crypt_rn(password, setting, data, Int32(MemoryLayout<crypt_data>.size)) else {
            throw OMCError(.internal, "libxcrypt refused the hash setting")
        }
        let text = String(cString: result)
        // libxcrypt marks failure with a string starting with '*'.
        guard !text.hasPrefix("*") else { throw OMCError(.internal, "libxcrypt refused the hash setting") }
        return text
    }

    private static func offload(_ work: @escaping @Sendable () throws -> String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }

    private static func constantTimeEquals(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
