/// The crypt(3) schemes new password hashes are made with.
enum PasswordScheme: String, Sendable {
    /// `$y$`, memory-hard; libxcrypt's default.
    case yescrypt
    /// `$2b$`.
    case bcrypt

    var prefix: String {
        switch self {
        case .yescrypt: "$y$"
        case .bcrypt: "$2b$"
        }
    }

    var defaultCost: Int {
        switch self {
        case .yescrypt: 5
        case .bcrypt: 12
        }
    }

    var costs: ClosedRange<Int> {
        switch self {
        case .yescrypt: 1...11
        case .bcrypt: 4...31
        }
    }
}
