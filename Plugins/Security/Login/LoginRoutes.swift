import Foundation
import JWTKit
import PluginAPI

/// `POST /login`, `POST /logout`, `GET /captchaImage` and `POST /register`.
enum LoginRoutes {
    static func declare(_ plugin: inout PluginRegistrar, state: SecurityState) {
        // Logins and logouts go to the login log, not the operation log.
        // Lengths stay the handler's: a refused login must reach the login log.
        let credentials = ValueSchema.object([
            "username": .string(description: "1 to 64 characters"), "password": .string(description: "1 to 128 characters"),
            "code": .string(description: "The captcha's text, when captchas are enabled"),
            "uuid": .string(description: "The captcha's uuid (GET /captchaImage)"),
        ], required: ["username", "password"], name: "Credentials")
        let session = ValueSchema.object(["access_token": .string(description: "Send as 'Authorization: Bearer <token>'"),
                                          "mustChangePassword": .boolean()], required: ["access_token"], name: "Session")
        plugin.route(.post, "/login", permission: .open, audit: AuditClass.none, summary: "Log in", bodyLimit: 4096,
                     body: .json(credentials), answer: .data(session)) { request, context in
            try await login(request, context, state: state)
        }
        plugin.route(.post, "/logout", permission: .open, audit: AuditClass.none, summary: "Log out", answer: .message) { request, context in
            if let caller = request.caller, let sessionID = caller.sessionID {
                let now = Milliseconds.of(context.clock.now())
                let client = ClientInfo(address: request.clientAddress, userAgent: request.headers["User-Agent"])
                try await context.database.write { db in
                    try SessionStore.revoke(sessionID: sessionID, in: db)
                    try LoginLog.insert(.init(userName: caller.userName, client: client, succeeded: true, message: "Logout Success", time: now), in: db)
                }
                state.sessionEnded(sessionID)
            }
            return .success(message: "Logout Success")
        }
        plugin.route(.get, "/captchaImage", permission: .open, summary: "Captcha for login and registration",
                     answer: .json(.object(["code": .integer(), "msg": .string(), "captchaEnabled": .boolean(), "uuid": .string(),
                                            "img": .string(description: "PNG, base64")], required: ["code", "msg", "captchaEnabled", "uuid", "img"],
                                           name: "Captcha"))) { _, context in
            struct Captcha: Encodable, Sendable {
                let code = 200
                let msg = "Success"
                let captchaEnabled: Bool
                let uuid: String
                let img: String
            }
            guard state.settings.captchaEnabled else { return .json(Captcha(captchaEnabled: false, uuid: "", img: "")) }
            let code = CaptchaStore.newCode()
            let uuid = UUID().uuidString.lowercased()
            let png = try CaptchaImage.png(code)
            let now = Milliseconds.of(context.clock.now())
            try await context.database.write { db in try CaptchaStore.insert(uuid: uuid, code: code, now: now, in: db) }
            return .json(Captcha(captchaEnabled: true, uuid: uuid, img: Data(png).base64EncodedString()))
        }
        plugin.route(.post, "/register", permission: .open, summary: "Register an account", bodyLimit: 4096,
                     body: .json(.object(["username": .string(description: "5 to 30 letters, digits, '_', '.' or '-', not starting with a digit"),
                                          "password": .string(), "confirmPassword": .string(), "code": .string(), "uuid": .string()],
                                         required: ["username", "password"], name: "Registration")),
                     answer: .message) { request, context in
            try await register(request, context, state: state)
        }
    }

    struct Credentials: Decodable {
        let username: String
        let password: String
        let code: String?
        let uuid: String?
    }

    static func login(_ request: OMCRequest, _ context: PluginContext, state: SecurityState) async throws -> OMCResponse {
        let body = try await request.decode(Credentials.self)
        let settings = state.settings
        let client = ClientInfo(address: request.clientAddress, userAgent: request.headers["User-Agent"])
        let userName = body.username.trimmingCharacters(in: .whitespaces)
        let now = Milliseconds.of(context.clock.now())
        func refuse(_ message: LocalizedMessage, kind: OMCError.Kind = .invalidInput) async throws -> Never {
            try await context.database.write { db in
                try LoginLog.insert(.init(userName: userName, client: client, succeeded: false, message: message.english, time: now), in: db)
            }
            throw OMCError(kind, message)
        }
        guard !userName.isEmpty, userName.count <= 64 else { try await refuse("username: must be 1 to 64 characters") }
        guard !body.password.isEmpty, body.password.count <= 128 else { try await refuse("password: must be 1 to 128 characters") }
        if let blocked = try await context.database.read({ db in
            try SourceThrottle.blockedFor(client.address, now: now, settings: settings, in: db)
        }) {
            let minutes = max(1, Int((blocked + 59_999) / 60_000))
            let limit: LocalizedMessage = "\(settings.maxFailedLoginsPerSource) within \(settings.sourceFailureWindowSeconds / 60) minute(s)"
            try await refuse("too many failed logins from this address (\(limit)); try again in \(minutes) minute(s)", kind: .tooManyRequests)
        }
        if settings.captchaEnabled {
            do {
                try await CaptchaStore.consume(uuid: body.uuid, code: body.code, now: now, database: context.database)
            } catch let error as OMCError {
                try await refuse(error.localized)
            }
        }
        let (locked, account) = try await context.database.read { db in
            (try LoginThrottle.lockedFor(userName, now: now, in: db), try UserStore.find(userName: userName, in: db))
        }
        // Every name costs one hash of the configured scheme and cost, known or not, locked or not,
        // so the time of the answer does not tell which names exist.
        let verified = await state.hasher.verify(body.password, against: try await state.verificationHash(of: account))
        if let locked {
            let minutes = max(1, Int((locked + 59_999) / 60_000))
            try await refuse("the account is locked after too many failed logins; try again in \(minutes) minute(s) or ask an administrator to unlock it",
                             kind: .tooManyRequests)
        }
        guard let account, verified, !account.deleted else {
            let lockedNow = try await context.database.write { db in
                try SourceThrottle.recordFailure(client.address, now: now, settings: settings, in: db)
                return try LoginThrottle.recordFailure(userName, now: now, settings: settings, in: db)
            }
            try await refuse(lockedNow
                ? "wrong user name or password; the account is now locked for \(settings.lockoutSeconds / 60) minute(s)"
                : "wrong user name or password")
        }
        guard account.status == "1" else { try await refuse("the account is disabled; ask an administrator") }
        guard !account.adminLocked else { try await refuse("the account is locked by an administrator; ask an administrator") }
        let rehashed = state.hasher.needsRehash(account.passwordHash) ? try? await state.hasher.hash(body.password) : nil
        let sessionID = SessionStore.newID()
        let expiresAt = now + Int64(settings.tokenLifetimeSeconds) * 1000
        try await context.database.write { db in
            let departmentName = try account.departmentID.flatMap { try DepartmentStore.find($0, in: db) }?.deptName ?? ""
            try SessionStore.insert(.init(sessionID: sessionID, userID: account.userID, userName: account.userName,
                                          departmentName: departmentName, clientAddress: client.address, location: client.location,
                                          browser: client.browser, operatingSystem: client.operatingSystem,
                                          loginTime: now, expiresAt: expiresAt), in: db)
            try LoginThrottle.clear(userName, now: now, in: db)
            try UserStore.recordLogin(userID: account.userID, clientAddress: client.address, now: now, in: db)
            if let rehashed { try UserStore.rehash(userID: account.userID, from: account.passwordHash, to: rehashed, in: db) }
            try LoginLog.insert(.init(userName: account.userName, client: client, succeeded: true, message: "Login Success", time: now), in: db)
        }
        let token = try await state.signingKeys().sign(SessionToken(
            loginKey: sessionID, userID: String(account.userID), issuedAt: IssuedAtClaim(value: Milliseconds.date(now)),
            expiration: ExpirationClaim(value: Milliseconds.date(expiresAt))))
        struct Issued: Encodable, Sendable {
            let access_token: String
            let mustChangePassword: Bool
        }
        return .success(Issued(access_token: token, mustChangePassword: account.mustChangePassword))
    }

    static func register(_ request: OMCRequest, _ context: PluginContext, state: SecurityState) async throws -> OMCResponse {
        let settings = state.settings
        guard settings.registrationEnabled else {
            throw OMCError(.forbidden, "The registration function is not currently enabled in the system!")
        }
        struct Registration: Decodable {
            let username: String
            let password: String
            let confirmPassword: String?
            let code: String?
            let uuid: String?
        }
        let body = try await request.decode(Registration.self)
        let now = Milliseconds.of(context.clock.now())
        if settings.captchaEnabled {
            try await CaptchaStore.consume(uuid: body.uuid, code: body.code, now: now, database: context.database)
        }
        let userName = body.username
        guard let first = userName.first, !first.isNumber, userName.count >= 5, userName.count <= 30,
              userName.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }) else {
            throw OMCError.invalid("username", "The account number cannot start with a number, and can contain uppercase and lowercase letters, numbers, and no less than 5 digits.")
        }
        if let confirm = body.confirmPassword, confirm != body.password {
            throw OMCError.invalid("confirmPassword", "does not match password")
        }
        if let problem = settings.passwordPolicy.problem(body.password, userName: userName) {
            throw OMCError.invalid("password", problem)
        }
        let hash = try await state.hasher.hash(body.password)
        do {
            _ = try await context.database.write { db in
                try UserStore.create(.init(userName: userName, nickName: userName, departmentID: nil, passwordHash: hash,
                                           mustChangePassword: false, roleKeys: [settings.registrationRole], createdBy: "register"),
                                     now: now, in: db)
            }
        } catch let error as OMCError where error.kind == .conflict {
            throw OMCError(.conflict, "Failed to register user [\(userName)], the registered account already exists")
        }
        return .success()
    }
}
