import Foundation
import PluginAPI

/// What the first start seeds: the root department, the built-in roles, and the `admin` account.
/// `admin`'s password comes from the configuration, else from `OMC_ADMIN_PASSWORD`, else it is
/// generated and printed once on standard error; whichever it is, it must be changed at first login.
enum FirstStart {
    static func seed(_ context: PluginContext, state: SecurityState,
                     environment: [String: String] = ProcessInfo.processInfo.environment) async throws {
        let now = Milliseconds.of(context.clock.now())
        let hasUsers = try await context.database.write { db in
            try DepartmentStore.seedRoot(now: now, in: db)
            try RoleStore.seedBuiltins(now: now, in: db)
            return try UserStore.count(in: db) > 0
        }
        guard !hasUsers else { return }
        let given = state.settings.adminPassword ?? environment["OMC_ADMIN_PASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        let password = given ?? generatedPassword()
        let hash = try await state.hasher.hash(password)
        try await context.database.write { db in
            _ = try UserStore.create(.init(userName: "admin", nickName: "Admin", departmentID: DepartmentStore.rootID, passwordHash: hash,
                                       mustChangePassword: true, roleKeys: ["admin"], createdBy: "system",
                                       remark: "created at first start"), now: now, in: db)
        }
        if given == nil {
            // Printed, never logged: log files outlive the moment and are read by more people.
            FileHandle.standardError.write(Data("""

                ================================================================
                OMC first start: the account 'admin' was created with the password
                    \(password)
                It is shown only this once and must be changed at the first login.
                ================================================================

                """.utf8))
            context.logger.warning("created the account 'admin' with a generated password, printed once on standard error; it must be changed at first login")
        } else {
            context.logger.info("created the account 'admin' with the configured first-start password; it must be changed at first login")
        }
    }

    /// 20 characters with every character class, so it passes any configurable policy's classes.
    static func generatedPassword() -> String {
        var generator = SystemRandomNumberGenerator()
        let sets = [Array("ABCDEFGHJKLMNPQRSTUVWXYZ"), Array("abcdefghijkmnopqrstuvwxyz"), Array("23456789"), Array("!#%+-=?@_")]
        let all = sets.flatMap { $0 }
        var characters = sets.map { $0[Int.random(in: 0..<$0.count, using: &generator)] }
        while characters.count < 20 { characters.append(all[Int.random(in: 0..<all.count, using: &generator)]) }
        characters.shuffle(using: &generator)
        return String(characters)
    }
}
