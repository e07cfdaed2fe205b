import Foundation

extension OMCRequest {
    /// Whether the caller sent `Prefer: respond-async` (RFC 7240): it would rather have `202` and an
    /// operation to follow than wait for a long request. Preference names are matched in any case;
    /// parameters and other preferences are ignored.
    public var prefersRespondAsync: Bool {
        headers.contains { field in
            field.name.caseInsensitiveEquals("Prefer") && field.value.split(separator: ",").contains { preference in
                preference.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() == "respond-async"
            }
        }
    }
}
