import PluginAPI

extension OMCRequest {
    /// A positive integer id from the path (`/system/dept/{deptId}`).
    func pathID(_ name: String) throws(OMCError) -> Int64 {
        let text = try pathParameter(name)
        guard let id = Int64(text), id > 0 else { throw OMCError.invalid(name, "must be a positive integer id, not '\(text)'") }
        return id
    }
}
