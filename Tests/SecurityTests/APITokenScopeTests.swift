import Testing
@testable import Security

extension SecurityTestSuite {
    /// The rights of a token are exactly the intersection of its owner's rights and its own
    /// patterns, over generated roles, token scopes and permissions (denials included).
    @Suite struct APITokenScopeTests {
        static let names = ["*", "udm", "pcf", "system"]
        static let resources = ["*", "sub", "auth", "user"]
        static let actions = ["*", "query", "add", "secret"]

        /// A deterministic generator, so a failure reproduces.
        struct Generator: RandomNumberGenerator {
            var state: UInt64
            mutating func next() -> UInt64 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return state
            }
        }

        static func pattern(_ generator: inout Generator) -> PermissionPattern? {
            let text = (Bool.random(using: &generator) && Int.random(in: 0..<4, using: &generator) == 0 ? "!" : "")
                + [names, resources, actions].map { $0.randomElement(using: &generator) ?? "*" }.joined(separator: ":")
            return PermissionPattern(text)
        }

        static func patterns(_ generator: inout Generator) -> [PermissionPattern] {
            (0..<Int.random(in: 1...4, using: &generator)).compactMap { _ in pattern(&generator) }
        }

        @Test func aTokenPermitsExactlyWhatBothItsOwnerAndItsScopePermit() {
            var generator = Generator(state: 0x5EED)
            let concrete = Self.names.dropFirst().flatMap { module in
                Self.resources.dropFirst().flatMap { resource in Self.actions.dropFirst().map { "\(module):\(resource):\($0)" } }
            }
            for _ in 0..<2_000 {
                let roles = (0..<Int.random(in: 1...3, using: &generator)).map { index in
                    RoleRights(roleKey: "r\(index)", patterns: Self.patterns(&generator))
                }
                let owner = UserRights(roles: roles, mustChangePassword: false)
                let scope = Self.patterns(&generator)
                let token = owner.limited(to: scope)
                let alone = UserRights(roles: [RoleRights(roleKey: "token", patterns: scope)], mustChangePassword: false)
                for permission in concrete {
                    let expected = owner.permits(permission) && alone.permits(permission)
                    #expect(token.permits(permission) == expected,
                            "\(permission): owner \(roles.map { $0.patterns.map(\.text) }), scope \(scope.map(\.text))")
                }
            }
        }
    }
}
