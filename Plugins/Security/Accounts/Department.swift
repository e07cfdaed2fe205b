/// A department as `getInfo` and the profile show it (`dept`).
struct Department: Sendable, Encodable {
    let deptId: String
    let parentId: String
    let ancestors: String
    let deptName: String
    let orderNum: Int
    let leader: String
    let status: String
}
