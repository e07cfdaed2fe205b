import PluginAPI

/// The rules a new password must follow.
struct PasswordPolicy: Sendable {
    let minimumLength: Int
    /// How many of upper case, lower case, digits and other characters must appear.
    let characterClasses: Int

    /// The rule `password` breaks, in words, or `nil`.
    func problem(_ password: String, userName: String) -> LocalizedMessage? {
        if password.count < minimumLength { return "must be at least \(minimumLength) characters" }
        if password.count > 128 { return "must be at most 128 characters" }
        if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "must not contain control characters" }
        let classes = [password.contains(where: \.isUppercase), password.contains(where: \.isLowercase),
                       password.contains(where: \.isNumber),
                       password.contains(where: { !$0.isUppercase && !$0.isLowercase && !$0.isNumber })]
        if classes.filter({ $0 }).count < characterClasses {
            return characterClasses == 4
                ? "must contain upper and lower case letters, digits and special characters"
                : "must mix at least \(characterClasses) of: upper case letters, lower case letters, digits, special characters"
        }
        if !userName.isEmpty, password.lowercased().contains(userName.lowercased()) { return "must not contain the user name" }
        return nil
    }
}
