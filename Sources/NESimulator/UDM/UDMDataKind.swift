/// The two stores of a UDM: subscription data (`sub`) and authentication data (`auth`). The raw value
/// is the `objectType` segment of the provisioning paths and the name used in messages.
public enum UDMDataKind: String, Sendable, CaseIterable {
    /// Subscription data: MSISDN, AMBR, NSSAI, 4G context…
    case sub
    /// Authentication data: Ki, OPc, AMF, algorithm index.
    case auth

    /// `subscription` or `authentication data`, for messages.
    var noun: String { self == .sub ? "subscription" : "authentication data" }

    /// The MML object that displays one record (`DSP SUB`, `DSP AUTHDAT`).
    var mmlObject: String { self == .sub ? "SUB" : "AUTHDAT" }
}
