/// Collects what a plugin declares in ``OMCPlugin/register(_:)``.
///
/// Declaring does no I/O. Mistakes (a bad path, an MML command without an NE type, a duplicate
/// name) are collected in ``problems`` and stop start-up with a message naming the plugin.
public struct PluginRegistrar: Sendable {
    /// The plugin being registered.
    public let manifest: PluginManifest
    /// Declared routes.
    public private(set) var routes: [RouteDeclaration] = []
    /// Declared MML commands.
    public private(set) var mmlCommands: [MMLCommandDeclaration] = []
    /// Declared migrations, in order.
    public private(set) var migrations: [MigrationDeclaration] = []
    /// The NE type, for NE-type plugins.
    public private(set) var neType: NETypeDescriptor?
    /// Event subscriptions.
    public private(set) var subscriptions: [EventSubscription] = []
    /// Scheduled jobs.
    public private(set) var jobs: [JobDeclaration] = []
    /// Job targets offered to the operators' scheduled jobs.
    public private(set) var jobTargets: [JobTargetDeclaration] = []
    /// Tables exposed to the data-management routes.
    public private(set) var dataTables: [DataTableDeclaration] = []
    /// In-memory caches shown by the cache monitor.
    public private(set) var caches: [CacheDeclaration] = []
    /// The authenticator, if this plugin provides identity.
    public private(set) var authenticator: (any Authenticator)?
    /// The authorizer, if this plugin provides identity.
    public private(set) var authorizer: (any Authorizer)?
    /// Operation-log sinks.
    public private(set) var operationLogSinks: [any OperationLogSink] = []
    /// The NE directory, if this plugin keeps the NE registry.
    public private(set) var neDirectory: (any NEDirectory)?
    /// Names of fields whose values are secrets wherever they appear (``secretFields(_:)``).
    public private(set) var secretFields: [String] = []
    /// Menu entries for the web client's navigation (``MenuEntry``).
    public private(set) var menus: [MenuEntry] = []
    /// Tables whose rows are never updated once written (``appendOnly(_:)``).
    public private(set) var appendOnlyTables: [String] = []
    /// Translations of the plugin's messages (``messages(_:)``).
    public private(set) var translations: [MessageTranslations] = []
    /// Declaration mistakes found so far.
    public private(set) var problems: [String] = []

    /// A registrar for the plugin described by `manifest`.
    public init(manifest: PluginManifest) {
        self.manifest = manifest
    }

    /// Declares a route. `path` uses the API document's paths, with `{name}` for variable segments.
    /// `audit` defaults to not recording `GET` and recording every other method.
    ///
    /// What the route takes is declared with `parameters` (rules of `{name}` segments), `query`, `body`
    /// and what it answers with `answer`. The host checks path, query and JSON body before `handler`
    /// runs and refuses a request that breaks them with one message naming every failing field and its
    /// rule; the OpenAPI document shows all of it. Undeclared parts are neither checked nor documented.
    public mutating func route(_ method: HTTPMethod, _ path: String, permission: Permission,
                               audit: AuditClass? = nil, summary: String, bodyLimit: Int? = nil,
                               secretFields: [String] = [], parameters: [RouteParameter] = [],
                               query: [RouteParameter] = [], body: RouteBody? = nil, answer: RouteAnswer? = nil,
                               handler: @escaping RouteHandler) {
        let label = "route \(method.rawValue) \(path)"
        if let problem = Self.pathProblem(path) { problems.append("\(label): \(problem)") }
        if case .required(let text) = permission, !Permission.isWellFormed(text) {
            problems.append("\(label): permission '\(text)' is not module:resource:action")
        }
        if let bodyLimit, bodyLimit <= 0 { problems.append("\(label): bodyLimit must be positive") }
        problems += Self.contractProblems(path: path, parameters: parameters, query: query, body: body).map { "\(label): \($0)" }
        routes.append(RouteDeclaration(method: method, path: path, permission: permission,
                                       audit: audit ?? .defaultClass(for: method), summary: summary,
                                       bodyLimit: bodyLimit, secretFields: secretFields, pathParameters: parameters,
                                       queryParameters: query, body: body, answer: answer, handler: handler))
    }

    /// Declares an MML command, `"DSP AUTHDAT"` or a bare `"DATE"`. NE-type plugins' commands apply to
    /// their own NE type; a feature plugin names the NE type (`"OMC"` for the OMC itself).
    public mutating func mml(_ name: String, neType: String? = nil, parameters: [MMLParameter] = [],
                             privilege: Permission, risk: MMLRisk, help: LocalizedMessage, handler: @escaping MMLHandler) {
        let words = name.uppercased().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let isWord = { (word: String) in !word.isEmpty && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } }
        guard (1...2).contains(words.count), words.allSatisfy(isWord) else {
            problems.append("MML command '\(name)': must be a verb and an optional object, letters and digits only")
            return
        }
        let target: String
        switch (neType, manifest.kind) {
        case (let given?, _): target = given.uppercased()
        case (nil, .neType(let own)): target = own.uppercased()
        case (nil, .feature):
            problems.append("MML command '\(name)': a feature plugin must name the NE type it applies to")
            return
        }
        let names = parameters.map(\.name)
        if Set(names).count != names.count { problems.append("MML command '\(name)': a parameter is declared twice") }
        mmlCommands.append(MMLCommandDeclaration(verb: words[0], object: words.count == 2 ? words[1] : nil,
                                                 neType: target, parameters: parameters, privilege: privilege,
                                                 risk: risk, help: help, handler: handler))
    }

    /// Declares a migration made of SQL statements separated by `;`. The host checks the SQL for
    /// SQLite-only constructs when the plugin loads: one stops start-up, naming the portable form.
    public mutating func migration(_ name: String, sql: String) {
        add(MigrationDeclaration(name: name, sql: sql, sqliteOnly: false, replaces: []) { connection in try connection.execute(sql) })
    }

    /// Declares a migration written in code; each statement it runs is checked for portability.
    public mutating func migration(_ name: String, _ apply: @escaping @Sendable (any DatabaseConnection) throws -> Void) {
        add(MigrationDeclaration(name: name, sql: nil, sqliteOnly: false, replaces: [], apply: apply))
    }

    /// Declares a migration that SQLite sites recorded before SQL was checked for portability (OMC
    /// 1.0), or one that converts what such a migration left to the portable schema. It runs
    /// unchecked, and only on SQLite, and only on a database that recorded part of the plugin's history:
    /// a ``baseline(_:sql:replaces:)`` declared after it must replace it, so that a fresh database never
    /// runs it. A migration that has run is never edited, so its text stays; new migrations are
    /// declared with ``migration(_:sql:)``.
    public mutating func sqliteOnlyMigration(_ name: String, sql: String) {
        add(MigrationDeclaration(name: name, sql: sql, sqliteOnly: true, replaces: []) { connection in try connection.execute(sql) })
    }

    /// Declares a baseline: portable SQL (checked like ``migration(_:sql:)``) that makes at once the
    /// schema the migrations declared before it make, so that a fresh database never runs their SQL.
    /// `replaces` names every migration declared before it. On a database that recorded none of them
    /// the host runs the baseline and records it and the replaced migrations as applied; on one that
    /// recorded some or all of them it runs the missing ones as before and records the baseline without
    /// running it. Migrations declared after it run on both. A plugin declares at most one baseline.
    public mutating func baseline(_ name: String, sql: String, replaces: [String]) {
        let declared = migrations.map(\.name)
        if migrations.contains(where: { !$0.replaces.isEmpty }) {
            problems.append("baseline '\(name)': a plugin declares at most one baseline")
        } else if replaces.isEmpty || replaces.sorted() != declared.sorted() {
            let missing = declared.filter { !replaces.contains($0) }, unknown = replaces.filter { !declared.contains($0) }
            problems.append("baseline '\(name)': must replace exactly the migrations declared before it"
                            + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: ", "))")
                            + (unknown.isEmpty ? "" : "; not declared before it: \(unknown.joined(separator: ", "))"))
        }
        add(MigrationDeclaration(name: name, sql: sql, sqliteOnly: false, replaces: replaces) { connection in
            try connection.execute(sql)
        })
    }

    /// Declares a table of the plugin whose rows are never updated once written (an audit log). The
    /// host refuses every `UPDATE` of it, on any database engine; deleting old rows stays possible.
    public mutating func appendOnly(_ table: String) {
        appendOnlyTables.append(table)
    }

    private mutating func add(_ migration: MigrationDeclaration) {
        let name = migration.name
        if migrations.contains(where: { $0.name == name }) { problems.append("migration '\(name)' is declared twice") }
        if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            problems.append("migration '\(name)': name must be letters, digits and _")
        }
        migrations.append(migration)
    }

    /// Declares the NE type an NE-type plugin provides.
    public mutating func neType(_ descriptor: NETypeDescriptor) {
        guard case .neType(let declared) = manifest.kind else {
            problems.append("NE type \(descriptor.name): only an NE-type plugin can provide an NE type")
            return
        }
        if declared.uppercased() != descriptor.name {
            problems.append("NE type \(descriptor.name): the manifest declares NE type \(declared.uppercased())")
        }
        neType = descriptor
    }

    /// Subscribes to events of one type.
    public mutating func subscribe<Event: OMCEvent>(to type: Event.Type,
                                                     _ handler: @escaping @Sendable (Event, PluginContext) async throws -> Void) {
        subscriptions.append(EventSubscription(eventName: Event.eventName) { event, context in
            if let event = event as? Event { try await handler(event, context) }
        })
    }

    /// Declares a scheduled job.
    public mutating func job(_ name: String, schedule: JobSchedule, summary: String,
                             _ run: @escaping @Sendable (PluginContext) async throws -> Void) {
        if jobs.contains(where: { $0.name == name }) { problems.append("job '\(name)' is declared twice") }
        if case .every(let seconds) = schedule, seconds < 1 { problems.append("job '\(name)': interval must be at least 1 s") }
        jobs.append(JobDeclaration(name: name, schedule: schedule, summary: summary, run: run))
    }

    /// Offers a job target: work an operator may schedule as a job (`invokeTarget` `<plugin id>.<name>`),
    /// with typed `parameters` (a JSON object; `.object([:])` for none) checked before every run. The
    /// run returns a message for the job log and throws to report a failure.
    public mutating func jobTarget(_ name: String, summary: String, parameters: ValueSchema = .object([:]),
                                   _ run: @escaping @Sendable (_ parameters: JSONValue, _ context: PluginContext) async throws -> String?) {
        if jobTargets.contains(where: { $0.name == name }) { problems.append("job target '\(name)' is declared twice") }
        if name.isEmpty || name.count > 64 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            problems.append("job target '\(name)': name must be 1 to 64 ASCII letters, digits, _ and -")
        }
        if case .object = parameters.kind {} else { problems.append("job target '\(name)': parameters must be an object schema") }
        jobTargets.append(JobTargetDeclaration(name: name, summary: summary, parameters: parameters, run: run))
    }

    /// Exposes one of the plugin's tables to the document's data-management routes, with the columns
    /// callers may read, filter on and change (through `declaration.update`, the plugin's own rules).
    public mutating func dataTable(_ declaration: DataTableDeclaration) {
        let label = "data table '\(declaration.name)'"
        let isName = { (text: String) in
            !text.isEmpty && text.count <= 64 && text.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
                && !(text.first?.isNumber ?? true)
        }
        if !isName(declaration.name) { problems.append("\(label): name must be lower-case letters, digits and _") }
        if !isName(declaration.table) { problems.append("\(label): table must be a lower-case table name") }
        if dataTables.contains(where: { $0.name == declaration.name }) { problems.append("\(label) is declared twice") }
        if declaration.columns.isEmpty { problems.append("\(label): exposes no column") }
        for column in declaration.columns where !isName(column.name) || !isName(column.column) {
            problems.append("\(label): column '\(column.name)' (\(column.column)) must be lower-case letters, digits and _")
        }
        if Set(declaration.columns.map(\.name)).count != declaration.columns.count { problems.append("\(label): a column is declared twice") }
        for permission in [declaration.readPermission] + (declaration.writePermission.map { [$0] } ?? []) where !Permission.isWellFormed(permission) {
            problems.append("\(label): permission '\(permission)' is not module:resource:action")
        }
        let writable = declaration.columns.contains { $0.access == .writable }
        if writable != (declaration.update != nil) || writable != (declaration.writePermission != nil) {
            problems.append("\(label): writable columns, a write permission and an update go together")
        }
        dataTables.append(declaration)
    }

    /// Registers an in-memory cache for the cache monitor (`/monitor/cache…`): operators see its keys
    /// and values and clear it. Only caches whose entries the plugin rebuilds from their source belong
    /// here, so that clearing never breaks a request.
    public mutating func cache(_ name: String, remark: String, _ cache: any InspectableCache) {
        if name.isEmpty || name.count > 64 || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            problems.append("cache '\(name)': name must be 1 to 64 ASCII letters, digits, _ and -")
        }
        if caches.contains(where: { $0.name == name }) { problems.append("cache '\(name)' is declared twice") }
        caches.append(CacheDeclaration(name: name, remark: remark, cache: cache))
    }

    /// Provides the host's authenticator and authorizer (the Security plugin does this).
    public mutating func identity(authenticator: any Authenticator, authorizer: any Authorizer) {
        self.authenticator = authenticator
        self.authorizer = authorizer
    }

    /// Provides the registry the host's NE gateway looks NEs up in (the NE management plugin does this).
    public mutating func neDirectory(_ directory: any NEDirectory) {
        neDirectory = directory
    }

    /// Declares a menu entry (a directory with its pages, or pages for a directory another plugin
    /// declares with the same `path`). Each page needs a well-formed permission, which should be the
    /// one of the page's list route, so that callers who cannot use the page do not see it.
    public mutating func menu(_ entry: MenuEntry) {
        for item in entry.flattened {
            if item.id.isEmpty { problems.append("menu '\(item.title)': id must not be empty") }
            if let permission = item.permission, !Permission.isWellFormed(permission) {
                problems.append("menu '\(item.id)': permission '\(permission)' is not module:resource:action")
            }
            if item.permission == nil, item.children.isEmpty {
                problems.append("menu '\(item.id)': a page needs a permission")
            }
        }
        let ids = (menus + [entry]).flatMap(\.flattened).map(\.id)
        if Set(ids).count != ids.count { problems.append("menu '\(entry.id)': an id is declared twice") }
        menus.append(entry)
    }

    /// Declares field names whose values are secrets (`["ki", "opc"]`), compared case-insensitively.
    /// The host masks their values in everything it records, whichever route, MML command or NE
    /// answer carries them: JSON members, `name=value` and `name = value` text, `NAME: value`, and
    /// table columns headed by the name, in the operation log's parameters and result, error
    /// messages and log lines. Passwords, tokens, keys, Ki and OPc are masked without declaring them;
    /// declare what the host cannot guess from the name.
    public mutating func secretFields(_ names: [String]) {
        for name in names where name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) {
            problems.append("secret field '\(name)': must be letters, digits, _ and -")
        }
        secretFields.append(contentsOf: names)
    }

    /// Registers translations of the plugin's caller-visible texts: its errors (``OMCError``), MML
    /// help texts and menu titles, keyed by the English text exactly as the code writes it, with
    /// `{0}`, `{1}`… for interpolated values (see ``LocalizedMessage``). A translation must keep every
    /// placeholder of its id. English needs no catalog: the ids are English.
    public mutating func messages(_ translations: MessageTranslations) {
        for (id, text) in translations.entries where MessageTranslations.placeholders(id) != MessageTranslations.placeholders(text) {
            problems.append("\(translations.language.rawValue) message '\(id)': the translation '\(text)' must keep the placeholders "
                + MessageTranslations.placeholders(id).sorted().map { "{\($0)}" }.joined(separator: " "))
        }
        self.translations.append(translations)
    }

    /// Adds a receiver of operation-log entries.
    public mutating func operationLog(_ sink: any OperationLogSink) {
        operationLogSinks.append(sink)
    }

    static func pathProblem(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return "must start with /" }
        if path.contains("?") || path.contains("#") { return "must not contain a query or fragment" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if path != "/", segments.contains(where: \.isEmpty) { return "must not contain empty segments" }
        for segment in segments where segment.hasPrefix("{") || segment.hasSuffix("}") {
            let name = segment.dropFirst().dropLast()
            guard segment.hasPrefix("{"), segment.hasSuffix("}"), !name.isEmpty,
                  name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                return "segment '\(segment)' must be {name} with letters, digits and _"
            }
        }
        return nil
    }
}
