/// Size and use of one file system, in MB, as systemState's `partitionInfo` lists them.
public struct DiskPartition: Sendable, Hashable {
    /// Size, MB.
    public var total: Int
    /// Space in use, MB.
    public var used: Int
}
