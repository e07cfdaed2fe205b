import PluginAPI

/// The body of `POST /system/user/token`, checked field by field; every failing field is named at once.
struct APITokenRequest: Sendable {
    let name: String
    let days: Int
    let permissions: [String]

    init(_ body: BodyFields, maximumDays: Int) throws(OMCError) {
        var problems: [LocalizedMessage] = []
        var name = ""
        do throws(OMCError) {
            name = try body.requiredText("name", maxLength: 64)
            if !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
                problems.append("name: must be letters, digits, '-', '_' or '.' (it names the token in lists and in the operation log)")
            }
        } catch {
            problems.append(error.localized)
        }
        var days = 0
        do throws(OMCError) {
            guard let given = try body.integer("expiresInDays", range: 1...maximumDays) else {
                throw OMCError.invalid("expiresInDays", "is required: the number of days the token works, 1 to \(maximumDays)")
            }
            days = given
        } catch {
            problems.append(error.localized)
        }
        var permissions: [String] = []
        do throws(OMCError) {
            guard let given = try body.texts("permissions", maxLength: 200, maxCount: 100), !given.isEmpty else {
                throw OMCError.invalid("permissions", "is required: one or more of your own rights as module:resource:action patterns (e.g. \"udm:sub:*\", \"*:*:query\")")
            }
            for (index, text) in given.enumerated() where PermissionPattern(text) == nil {
                problems.append("permissions[\(index)]: '\(text)' is not a module:resource:action pattern (each part a name or '*', '!' in front denies)")
            }
            permissions = given
        } catch {
            problems.append(error.localized)
        }
        guard problems.isEmpty else { throw OMCError(.invalidInput, problems.joined(separator: "; ")) }
        self.name = name
        self.days = days
        self.permissions = permissions
    }
}
