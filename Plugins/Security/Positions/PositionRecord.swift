import PluginAPI

/// A position (`security_post`) as the position routes answer it.
struct PositionRecord: Sendable, Encodable {
    let postId: String
    let postCode: String
    let postName: String
    let postSort: Int
    let status: String
    let createBy: String
    let createTime: String
    let remark: String

    init(_ row: DatabaseRow) {
        postId = row.string("post_id") ?? ""
        postCode = row.string("post_code") ?? ""
        postName = row.string("post_name") ?? ""
        postSort = row.int("post_sort") ?? 0
        status = row.string("status") ?? "1"
        createBy = row.string("create_by") ?? ""
        createTime = row.string("create_time") ?? ""
        remark = row.string("remark") ?? ""
    }
}
