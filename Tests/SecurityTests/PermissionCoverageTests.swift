import PluginAPI
import PropertyBased
@testable import Security
import Testing

extension SecurityTestSuite {
    /// The grant rule's pattern-against-pattern check, against a brute-force reading of the same
    /// rights over a small universe of permissions.
    @Suite struct PermissionCoverageTests {
        static let modules = ["udm", "pcf", "system"]
        static let resources = ["auth", "sub", "role"]
        static let actions = ["secret", "query", "edit"]
        /// A name no generated pattern spells out: it stands for every name the patterns do not mention.
        static let unnamed = "zz"

        /// Every pattern over the three small alphabets, grant or denial.
        static let patterns: [String] = {
            var all: [String] = []
            for module in modules + ["*"] {
                for resource in resources + ["*"] {
                    for action in actions + ["*"] { all += ["\(module):\(resource):\(action)", "!\(module):\(resource):\(action)"] }
                }
            }
            return all
        }()

        /// Every concrete permission, including those with names no pattern spells out.
        static let universe: [String] = (modules + [unnamed]).flatMap { module in
            (resources + [unnamed]).flatMap { resource in (actions + [unnamed]).map { "\(module):\(resource):\($0)" } }
        }

        /// A pattern, by its index in ``patterns`` (so that a failing case shrinks towards the first ones).
        static let pattern = Gen.int(in: 0...(patterns.count - 1)).map { patterns[$0] }
        static let role = pattern.array(of: 0...6)
        static let granter = pattern.array(of: 1...6).array(of: 1...3)
        static let grant = pattern.map { $0.hasPrefix("!") ? String($0.dropFirst()) : $0 }

        static func rights(_ roles: [[String]]) -> UserRights {
            UserRights(roles: roles.enumerated().map { index, patterns in
                RoleRights(roleKey: "r\(index)", patterns: patterns.compactMap(PermissionPattern.init))
            }, mustChangePassword: false)
        }

        /// What the role gives by the authorizer's own reading: a grant matches and no denial of the role does.
        static func gives(_ role: [String], _ permission: String) -> Bool {
            rights([role]).permits(permission)
        }

        static func concrete(_ uncovered: PermissionCoverage.Uncovered) -> String {
            uncovered.segments.map { segment in
                if case .name(let name) = segment { return String(name) }
                return unnamed
            }.joined(separator: ":")
        }

        @Test func aRoleIsAllowedExactlyWhenEverythingItGivesIsSomethingTheGranterMayDo() async {
            var (allowed, refused) = (0, 0)
            await propertyCheck(count: 3000, input: Self.granter, Self.role) { granter, role in
                let rights = Self.rights(granter)
                if let uncovered = PermissionCoverage.firstUncovered(role.compactMap(PermissionPattern.init), by: rights) {
                    refused += 1
                    let witness = Self.concrete(uncovered)
                    #expect(Self.gives(role, witness) && !rights.permits(witness),
                            "the refusal names \(witness), which \(role) must give and \(granter) must not")
                    #expect(PermissionPattern(uncovered.grant.text).map { PermissionCoverage.covers($0, uncovered.segments) } == true)
                } else {
                    allowed += 1
                    for permission in Self.universe where Self.gives(role, permission) {
                        #expect(rights.permits(permission), "\(role) was allowed to \(granter) but gives \(permission)")
                    }
                }
            }
            #expect(allowed > 100 && refused > 100, "both answers were exercised: \(allowed) allowed, \(refused) refused")
        }

        @Test func aSingleGrantedPatternCoversOnlyWhatTheGranterMayDo() async {
            await propertyCheck(count: 3000, input: Self.granter, Self.grant) { granter, pattern in
                let rights = Self.rights(granter)
                var refusal: OMCError?
                do throws(OMCError) { try GrantRule.requireCovered([pattern], by: rights, field: "permissions") } catch { refusal = error }
                let parsed = PermissionPattern(pattern)
                let covered = Self.universe.filter { permission in
                    RequiredPermission(permission).map { parsed?.matches($0) == true } ?? false
                }
                if refusal == nil {
                    for permission in covered { #expect(rights.permits(permission), "granting \(pattern) was allowed to \(granter), but it covers \(permission)") }
                } else {
                    #expect(covered.contains { !rights.permits($0) }, "granting \(pattern) was refused to \(granter), who may do all it covers")
                    #expect(refusal?.kind == .forbidden)
                }
            }
        }

        @Test func aDenialOfTheGranterIsMatchedAgainstAWildcard() throws {
            let granter = Self.rights([["system:*:*", "udm:*:*", "!udm:auth:secret"]])
            let wide = try #require(PermissionCoverage.firstUncovered(["udm:auth:*"].compactMap(PermissionPattern.init), by: granter))
            #expect(wide.description == "udm:auth:secret" && wide.deniedBy?.text == "!udm:auth:secret")
            #expect(PermissionCoverage.firstUncovered(["udm:auth:*", "!udm:auth:secret"].compactMap(PermissionPattern.init), by: granter) == nil,
                    "a role that denies the same secret gives nothing the granter lacks")
            #expect(PermissionCoverage.firstUncovered(["udm:*:query"].compactMap(PermissionPattern.init), by: granter) == nil)
            let everything = try #require(PermissionCoverage.firstUncovered(["*:*:*"].compactMap(PermissionPattern.init), by: granter))
            #expect(everything.description == "udm:auth:secret", "a spelled-out permission is named before any unnamed one")
            let elsewhere = try #require(PermissionCoverage.firstUncovered(["*:sub:query"].compactMap(PermissionPattern.init), by: granter))
            #expect(elsewhere.description == "<other>:sub:query" && elsewhere.deniedBy == nil)
            #expect(throws: OMCError(.forbidden, "permissions[1]: you cannot grant 'udm:auth:*': it covers 'udm:auth:secret', which your own roles deny ('!udm:auth:secret')")) {
                try GrantRule.requireCovered(["udm:sub:*", "udm:auth:*"], by: granter, field: "permissions")
            }
            // Two roles: a denial in one role does not take away what another grants.
            let twoRoles = Self.rights([["udm:*:*", "!udm:auth:secret"], ["udm:auth:secret"]])
            #expect(PermissionCoverage.firstUncovered(["udm:*:*"].compactMap(PermissionPattern.init), by: twoRoles) == nil)
        }
    }
}
