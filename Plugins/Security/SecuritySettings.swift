import PluginAPI

/// The plugin's configuration, typed. Defaults are in ``SecurityPlugin/manifest``.
struct SecuritySettings: Sendable {
    let passwordScheme: PasswordScheme
    let passwordCost: Int
    let passwordPolicy: PasswordPolicy
    let tokenLifetimeSeconds: Int
    /// The HS256 key given in configuration; `nil` to use (or create) `<data>/security/jwt.key`.
    let signingKey: [UInt8]?
    let adminPassword: String?
    let captchaEnabled: Bool
    let maxFailedLogins: Int
    let failureWindowSeconds: Int
    let lockoutSeconds: Int
    let maxFailedLoginsPerSource: Int
    let sourceFailureWindowSeconds: Int
    let registrationEnabled: Bool
    let registrationRole: String
    /// Longest life an API token may be given.
    let apiTokenMaxDays: Int
    /// Whether accounts an administrator creates must change their initial password at first login.
    let initialPasswordChange: Bool

    init(_ configuration: PluginConfiguration) throws {
        guard let scheme = PasswordScheme(rawValue: configuration.string("passwordHash") ?? "yescrypt") else {
            throw OMCError.invalid("passwordHash", "must be yescrypt or bcrypt")
        }
        passwordScheme = scheme
        let cost = configuration.integer("passwordCost") ?? scheme.defaultCost
        guard scheme.costs.contains(cost) else {
            throw OMCError.invalid("passwordCost", "\(scheme.rawValue) takes a cost from \(scheme.costs.lowerBound) to \(scheme.costs.upperBound)")
        }
        passwordCost = cost
        passwordPolicy = PasswordPolicy(minimumLength: configuration.integer("passwordMinLength") ?? 8,
                                        characterClasses: configuration.integer("passwordCharacterClasses") ?? 4)
        tokenLifetimeSeconds = (configuration.integer("tokenLifetimeMinutes") ?? 720) * 60
        if let key = configuration.string("jwtKey") {
            guard key.utf8.count >= 32 else { throw OMCError.invalid("jwtKey", "must be at least 32 characters (256 bits)") }
            signingKey = Array(key.utf8)
        } else {
            signingKey = nil
        }
        adminPassword = configuration.string("adminPassword").flatMap { $0.isEmpty ? nil : $0 }
        captchaEnabled = configuration.boolean("captchaEnabled") ?? true
        maxFailedLogins = configuration.integer("maxFailedLogins") ?? 5
        failureWindowSeconds = (configuration.integer("failureWindowMinutes") ?? 10) * 60
        lockoutSeconds = (configuration.integer("lockoutMinutes") ?? 10) * 60
        maxFailedLoginsPerSource = configuration.integer("maxFailedLoginsPerSource") ?? 20
        sourceFailureWindowSeconds = (configuration.integer("sourceFailureWindowMinutes") ?? 10) * 60
        registrationEnabled = configuration.boolean("registrationEnabled") ?? false
        registrationRole = configuration.string("registrationRole") ?? "viewer"
        apiTokenMaxDays = configuration.integer("apiTokenMaxDays") ?? 365
        initialPasswordChange = configuration.boolean("initialPasswordChange") ?? true
    }
}
