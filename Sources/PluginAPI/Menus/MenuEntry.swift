/// One entry of the OMC's navigation menu, as the web client draws it from `GET /getRouters`.
///
/// A plugin declares its entries with ``PluginRegistrar/menu(_:)``. Top-level entries are the menu's
/// directories (`/system`, `/ne`); entries of several plugins with the same top-level `path` are
/// merged into one directory, their children sorted by ``order``. The identity plugin shows an entry
/// only to callers holding its ``permission``, and a directory only while one of its children is
/// shown, so a disabled or forbidden plugin leaves no menu behind.
public struct MenuEntry: Sendable, Hashable {
    /// A stable key, unique across plugins (`system.user`, `ne.info`); roles tick menus by it.
    public let id: String
    /// The route name the web client uses (`User`).
    public let name: String
    /// `/system` for a directory, `user` (relative to its directory) for a child.
    public let path: String
    /// The web client's component: `BasicLayout` for directories, `system/user/index` for pages.
    public let component: String
    /// The title shown, in English; it is also its message id, so the plugin's catalog
    /// (``PluginRegistrar/messages(_:)``) translates it and the web client gets it in the caller's language.
    public let title: String
    /// The icon's name (`icon-pcduan`).
    public let icon: String
    /// The right needed to see the entry; `nil` for a directory, which is shown when a child is.
    public let permission: String?
    /// Position among its siblings, smallest first.
    public let order: Int
    /// Whether the client hides the entry from the menu (pages reached only by links).
    public let hidden: Bool
    /// Whether the client keeps the page cached.
    public let cached: Bool
    /// A directory's pages.
    public let children: [MenuEntry]

    /// A page: `permission` (`system:user:list`) decides who sees it.
    public static func page(_ id: String, name: String, path: String, component: String, title: String,
                            icon: String = "icon-pcduan", permission: String, order: Int = 0,
                            hidden: Bool = false, cached: Bool = true) -> MenuEntry {
        MenuEntry(id: id, name: name, path: path, component: component, title: title, icon: icon,
                  permission: permission, order: order, hidden: hidden, cached: cached, children: [])
    }

    /// A directory of pages, shown when at least one page is; `redirect` goes to its first visible page.
    public static func directory(_ id: String, name: String, path: String, title: String, icon: String = "icon-pcduan",
                                 order: Int = 0, children: [MenuEntry]) -> MenuEntry {
        MenuEntry(id: id, name: name, path: path, component: "BasicLayout", title: title, icon: icon,
                  permission: nil, order: order, hidden: false, cached: true, children: children)
    }

    /// An entry with every field given.
    public init(id: String, name: String, path: String, component: String, title: String, icon: String,
                permission: String?, order: Int, hidden: Bool, cached: Bool, children: [MenuEntry]) {
        self.id = id
        self.name = name
        self.path = path
        self.component = component
        self.title = title
        self.icon = icon
        self.permission = permission
        self.order = order
        self.hidden = hidden
        self.cached = cached
        self.children = children
    }

    /// Merges directories of the same `path` (their children concatenated) and sorts every level by
    /// ``order``, then ``title``. The host uses this to build ``HostInfo/menus``.
    public static func merged(_ entries: [MenuEntry]) -> [MenuEntry] {
        var byPath: [String: MenuEntry] = [:]
        var paths: [String] = []
        for entry in entries {
            if let existing = byPath[entry.path] {
                byPath[entry.path] = MenuEntry(id: existing.id, name: existing.name, path: existing.path, component: existing.component,
                                               title: existing.title, icon: existing.icon, permission: existing.permission,
                                               order: min(existing.order, entry.order), hidden: existing.hidden,
                                               cached: existing.cached, children: existing.children + entry.children)
            } else {
                byPath[entry.path] = entry
                paths.append(entry.path)
            }
        }
        return sorted(paths.compactMap { byPath[$0] }).map { entry in
            MenuEntry(id: entry.id, name: entry.name, path: entry.path, component: entry.component, title: entry.title,
                      icon: entry.icon, permission: entry.permission, order: entry.order, hidden: entry.hidden,
                      cached: entry.cached, children: sorted(entry.children))
        }
    }

    private static func sorted(_ entries: [MenuEntry]) -> [MenuEntry] {
        entries.sorted { ($0.order, $0.title) < ($1.order, $1.title) }
    }

    /// This entry and all its descendants, depth first.
    public var flattened: [MenuEntry] {
        [self] + children.flatMap(\.flattened)
    }
}
