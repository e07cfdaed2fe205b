import PluginAPI

/// An NE as the API answers it: the registration fields of the document plus the polled state.
struct NEInfo: Encodable, Sendable {
    let neType: String
    let neId: String
    let neName: String
    let ip: String
    let port: Int
    let pvFlag: String
    let province: String
    let vendorName: String
    let dn: String
    /// `online`, `offline` or `unknown` (not polled yet).
    let state: String
    let stateReason: String?
    let stateChangedAt: String?
    /// The NE's push credential: only in the answer to its registration, the one time it is shown.
    var pushCredential: String?

    init(_ row: DatabaseRow) {
        neType = row.string("ne_type") ?? ""
        neId = row.string("ne_id") ?? ""
        neName = row.string("ne_name") ?? ""
        ip = row.string("ip") ?? ""
        port = row.int("port") ?? 0
        pvFlag = row.string("pv_flag") ?? ""
        province = row.string("province") ?? ""
        vendorName = row.string("vendor_name") ?? ""
        dn = row.string("dn") ?? ""
        state = row.string("state") ?? "unknown"
        stateReason = row.string("state_reason")
        stateChangedAt = row.string("state_changed_at")
    }
}
