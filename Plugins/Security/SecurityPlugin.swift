public import PluginAPI

/// Security: login, sessions (signed tokens), rights, audit. It fills the host's identity hooks, so
/// that with it enabled no route or MML command of any plugin answers without a valid session and
/// the permission it declares, and it keeps the operation log the host writes for every change.
public struct SecurityPlugin: OMCPlugin {
    public static let manifest = PluginManifest(
        id: "security", version: "1.0.0", kind: .feature, requiresAPI: APIVersion(major: 2, minor: 0),
        configuration: [
            .string("passwordHash", default: "yescrypt", allowed: ["yescrypt", "bcrypt"], help: "hash for new passwords"),
            .integer("passwordCost", range: 1...31,
                     help: "hash cost: yescrypt 1-11 (default 5), bcrypt 4-31 (default 12); higher is slower for attackers and for logins"),
            .integer("passwordMinLength", default: 8, range: 6...128, help: "shortest password accepted"),
            .integer("passwordCharacterClasses", default: 4, range: 1...4,
                     help: "how many of upper case, lower case, digits and other characters a password must mix"),
            .integer("tokenLifetimeMinutes", default: 720, range: 5...43_200, help: "how long a login session lasts"),
            .string("jwtKey", maxLength: 4096,
                    help: "HS256 signing key, at least 32 characters; by default one is generated in <dataDir>/security/jwt.key"),
            .string("adminPassword", maxLength: 128,
                    help: "first-start password of 'admin' (else OMC_ADMIN_PASSWORD, else generated and printed once); must be changed at first login"),
            .boolean("captchaEnabled", default: true, help: "whether login and registration need the /captchaImage code"),
            .integer("maxFailedLogins", default: 5, range: 1...100, help: "failed logins within the window that lock an account"),
            .integer("failureWindowMinutes", default: 10, range: 1...1440, help: "window in which failed logins are counted"),
            .integer("lockoutMinutes", default: 10, range: 1...10_080, help: "how long a locked account stays locked"),
            .integer("maxFailedLoginsPerSource", default: 20, range: 1...100_000,
                     help: "failed logins from one client address, whatever the names, that refuse its logins until its window has passed"),
            .integer("sourceFailureWindowMinutes", default: 10, range: 1...1440, help: "window in which failed logins per client address are counted"),
            .boolean("registrationEnabled", default: false, help: "whether POST /register creates accounts"),
            .string("registrationRole", default: "viewer", maxLength: 64, help: "role key given to registered accounts"),
            .boolean("initialPasswordChange", default: true,
                     help: "whether accounts an administrator creates (POST /system/user) must change their initial password at first login"),
            .integer("apiTokenMaxDays", default: 365, range: 1...3650, help: "longest life an API token may be given, in days"),
        ],
        summary: "Login, sessions, users, roles, rights, login and operation logs")

    let settings: SecuritySettings
    let state: SecurityState

    /// Reads the validated configuration.
    public init(configuration: PluginConfiguration) throws {
        settings = try SecuritySettings(configuration)
        state = try SecurityState(settings: settings)
    }

    /// Declares the tables, the identity hooks, the operation-log sink, the routes and the menus.
    public func register(_ plugin: inout PluginRegistrar) throws {
        plugin.messages(SecurityMessages.chinese)
        SecuritySchema.declareMigrations(&plugin)
        plugin.identity(authenticator: SessionAuthenticator(state: state), authorizer: RoleAuthorizer(state: state))
        plugin.operationLog(OperationLog.Sink())
        SecurityAdministration.declare(&plugin, state: state)
        LoginRoutes.declare(&plugin, state: state)
        SessionRoutes.declare(&plugin, state: state)
        SecurityMenus.declare(&plugin)
        ProfileRoutes.declare(&plugin, state: state)
        AvatarRoutes.declare(&plugin)
        OnlineRoutes.declare(&plugin, state: state)
        OperationLogRoutes.declare(&plugin)
        LoginLogRoutes.declare(&plugin, state: state)
        APITokenRoutes.declare(&plugin, state: state)
        plugin.cache("security_sessions", remark: "Sessions checked in the last 5 s (keys are token fingerprints)", SessionCacheView(state: state))
        plugin.cache("security_rights", remark: "Users' rights read in the last 5 s, by user id", RightsCacheView(state: state))
        plugin.job("expire_sessions", schedule: .every(seconds: 60), summary: "Forget expired sessions and captcha codes") { context in
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in
                try SessionStore.deleteExpired(now: now, in: db)
                try SourceThrottle.deleteExpired(now: now, settings: settings, in: db)
                try APIToken.deleteExpired(now: now, in: db)
                try db.execute("DELETE FROM security_captcha WHERE expires_at <= ?", [.integer(now)])
            }
        }
    }
}
