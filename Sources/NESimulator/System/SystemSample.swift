/// The machine and process measurements an NE reports in systemState.
public struct SystemSample: Sendable, Hashable {
    /// CPU used by the simulator process since the previous sample, in hundredths of a percent of the
    /// whole machine (10000 = every core busy).
    public var nfCpuUsage: Int
    /// CPU used by the whole machine since the previous sample, in hundredths of a percent.
    public var sysCpuUsage: Int
    /// The machine's memory, kB.
    public var totalMem: Int
    /// Resident memory of the simulator process, kB.
    public var nfUsedMem: Int
    /// Memory in use on the machine (total less available), in hundredths of a percent of `totalMem`
    /// (the API document's unit: 10000 = all of it).
    public var sysMemUsage: Int
}
