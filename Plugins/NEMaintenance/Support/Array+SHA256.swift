import Crypto

extension [UInt8] {
    /// The bytes' SHA-256.
    var sha256: SHA256.Digest { SHA256.hash(data: self) }
}
