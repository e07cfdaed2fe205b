/// A registered network element: what the OMC knows to reach and describe it.
public struct NetworkElement: Sendable, Hashable, Codable {
    /// Upper-cased NE type (`UDM`).
    public let neType: String
    /// The id, unique within its type (`001`, `SZ_02`).
    public let neID: String
    /// Display name.
    public let name: String
    /// IPv4 or IPv6 address of its management interface.
    public let ip: String
    /// Port of its management interface.
    public let port: Int
    /// `PNF` (physical) or `VNF` (virtual).
    public let pvFlag: String
    /// Province (region) code.
    public let province: String
    /// Vendor name.
    public let vendorName: String
    /// Distinguished name in the operator's inventory.
    public let dn: String

    /// An NE.
    public init(neType: String, neID: String, name: String, ip: String, port: Int, pvFlag: String = "VNF",
                province: String = "", vendorName: String = "", dn: String = "") {
        self.neType = neType.uppercased()
        self.neID = neID
        self.name = name
        self.ip = ip
        self.port = port
        self.pvFlag = pvFlag
        self.province = province
        self.vendorName = vendorName
        self.dn = dn
    }

    /// `UDM/001`, as the API document keys NEs.
    public var key: String { "\(neType)/\(neID)" }
}
