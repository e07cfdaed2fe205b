import PluginAPI

/// One node of `GET /getRouters`, in the document's shape.
struct Router: Sendable, Encodable {
    let name: String
    let path: String
    let component: String
    let meta: Meta
    let redirect: String?
    let children: [Router]?

    struct Meta: Sendable, Encodable {
        let icon: String
        /// The entry's English title as a message id, rendered in the caller's language.
        let title: LocalizedMessage
        let hide: Bool
        let cache: Bool

        enum CodingKeys: String, CodingKey { case icon, title, hide, cache, target }

        /// `target` is always present and `null`, as in the document.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(icon, forKey: .icon)
            try container.encode(title, forKey: .title)
            try container.encode(hide, forKey: .hide)
            try container.encode(cache, forKey: .cache)
            try container.encodeNil(forKey: .target)
        }
    }

    /// The menu tree `rights` may see: pages whose permission they hold, directories with at least
    /// one such page (redirecting to the first).
    static func tree(_ menus: [MenuEntry], visibleTo rights: UserRights) -> [Router] {
        menus.compactMap { visible($0, rights: rights, parentPath: nil) }
    }

    private static func visible(_ entry: MenuEntry, rights: UserRights, parentPath: String?) -> Router? {
        if entry.children.isEmpty {
            guard let permission = entry.permission, rights.permits(permission) else { return nil }
            return router(entry, redirect: nil, children: nil)
        }
        if let permission = entry.permission, !rights.permits(permission) { return nil }
        let children = entry.children.compactMap { visible($0, rights: rights, parentPath: entry.path) }
        guard let first = children.first else { return nil }
        let redirect = first.path.hasPrefix("/") ? first.path : entry.path + "/" + first.path
        return router(entry, redirect: redirect, children: children)
    }

    private static func router(_ entry: MenuEntry, redirect: String?, children: [Router]?) -> Router {
        Router(name: entry.name, path: entry.path, component: entry.component,
               meta: Meta(icon: entry.icon, title: LocalizedMessage(id: entry.title), hide: entry.hidden, cache: entry.cached),
               redirect: redirect, children: children)
    }
}
