import PluginAPI

/// What a catalog lacks for the messages a module's sources can produce.
struct MessageCatalogCheck {
    /// One message id without a translation, with the first place it is written.
    struct Gap: Hashable, CustomStringConvertible {
        let id: String
        let site: String
        var description: String { "\(site): \"\(id)\" has no translation" }
    }

    /// The ids of `sites` that neither `own` nor `shared` (the host's catalog) translates. A
    /// translation that drops or invents a placeholder counts as missing.
    static func gaps(_ sites: [MessageSiteScanner.Site], own: MessageTranslations?, shared: MessageTranslations?) -> [Gap] {
        var seen = Set<String>()
        var gaps: [Gap] = []
        for site in sites where seen.insert(site.id).inserted {
            let translation = own?.text(for: site.id) ?? shared?.text(for: site.id)
            guard let translation, MessageTranslations.placeholders(translation) == MessageTranslations.placeholders(site.id) else {
                gaps.append(Gap(id: site.id, site: "\(site.file):\(site.line)"))
                continue
            }
        }
        return gaps
    }
}
