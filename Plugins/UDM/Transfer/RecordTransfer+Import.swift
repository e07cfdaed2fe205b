import Foundation
import PluginAPI

extension RecordTransfer {
    /// `POST /ne/udm/<resource>/import`: a multipart form with `neId` and `file`, a CSV (`,`) or text
    /// (tab-separated) file whose first line names the columns, as exports write them.
    ///
    /// All or nothing: every line is checked (rules, duplicates within the file and against the
    /// OMC's copy) before anything is sent; a file with any bad line is refused with the lines and
    /// their reasons, and changes nothing. A good file becomes one crash-safe batch (``BatchJournal``).
    func declareImport(_ plugin: inout PluginRegistrar) {
        plugin.route(.post, "/ne/udm/\(schema.resource)/import", permission: .required("udm:\(schema.resource):import"),
                     audit: .import, summary: "Import \(schema.noun) from a csv or txt file",
                     bodyLimit: runtime.settings.importMaxBytes,
                     body: .multipart(files: ["file"], fields: [.string("neId", required: true, maxLength: 32, description: "The UDM's NE id")]),
                     answer: .data(.anyValue), handler: importFile)
    }

    /// A long operation (``LongOperations/respond(to:kind:title:total:id:work:)``): the upload is
    /// moved beside the batch files first, since with `Prefer: respond-async` the work outlives the
    /// request (and its upload folder).
    @Sendable func importFile(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let form = try await request.multipartForm()
        guard let neID = form.fields["neId"], !neID.isEmpty else { throw OMCError.invalid("neId", "is required") }
        guard let upload = form.file("file") else { throw OMCError.invalid("file", "is required: the csv or txt file to import") }
        guard upload.size > 0 else { throw OMCError.invalid("file", "is empty") }
        let store = try runtime.store(schema)
        let service = RecordService(schema: schema, runtime: runtime, context: context, by: ChangeJournal.Operator(request))
        let (_, kept) = try runtime.journal().newFile()
        let uploaded = kept + ".upload"
        try FileManager.default.moveItem(atPath: upload.path, toPath: uploaded)
        let by = BatchJournal.Operator(request)
        let schema = self.schema
        let runtime = self.runtime
        return try await context.operations.respond(to: request, kind: "udm.\(schema.resource).import",
                                                    title: "Import \(schema.noun) from \(upload.fileName) on UDM/\(neID)") { tracker in
            defer { try? FileManager.default.removeItem(atPath: uploaded) }
            let batch = try await service.startBatch(neID: neID, operation: "import", tracker: tracker)
            let (id, path) = (batch.id, batch.path)
            defer { runtime.progress.end(id) }
            let checked: ImportCheck
            do {
                checked = try ImportCheck.run(upload: uploaded, into: path, schema: schema, maxErrors: runtime.settings.importMaxErrors) { line in
                    tracker.progress(phase: "checking", done: line)
                    if line % 100_000 == 0 { context.logger.info("import \(id): \(line) lines checked") }
                }
                let clashes = try await context.database.read { db in try checked.clashes(with: store, neID: neID, limit: 10, in: db) }
                if !clashes.isEmpty {
                    let listed = clashes.map { "IMSI \($0.imsi) (line \($0.line))" as LocalizedMessage }.joined(separator: ", ")
                    throw OMCError(.conflict, "import refused, nothing changed: \(schema.noun) already exists on UDM/\(neID) for \(listed)")
                }
            } catch {
                try? FileManager.default.removeItem(atPath: path)
                throw error
            }
            let count = try await batch.journal.run(.init(id: id, operation: .add, neID: neID, file: path, total: checked.count, by: by),
                                                    store: store, client: batch.client, context: context, tracker: tracker)
            return .number(Double(count))
        }
    }
}
