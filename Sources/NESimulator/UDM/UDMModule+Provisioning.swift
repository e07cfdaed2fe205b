import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

extension UDMModule {
    /// The provisioning interface's path for `kind`.
    static func path(_ kind: UDMDataKind) -> String {
        "/api/rest/ueManagement/v1/elementType/{neType}/objectType/\(kind.rawValue)"
    }

    /// Largest provisioning body: a million records of a few hundred bytes each.
    static let bodyLimit = 1 << 30

    /// Most records one dump page returns.
    static let maximumPage = 100_000

    /// The provisioning routes of both stores and the batch query.
    public var routes: [NERoute] {
        var routes: [NERoute] = []
        for kind in UDMDataKind.allCases {
            let path = Self.path(kind)
            routes.append(NERoute(.post, path) { request in try await change(kind, request) { records, batch throws(NEReplyError) in
                try await store.create(kind, records, batch: batch)
            } })
            routes.append(NERoute(.put, path) { request in try await change(kind, request) { records, batch throws(NEReplyError) in
                try await store.modify(kind, records, batch: batch)
            } })
            routes.append(NERoute(.delete, path) { request in try await delete(kind, request) })
            routes.append(NERoute(.get, path) { request in try await dump(kind, request) })
            routes.append(NERoute(.get, path + "/{imsi}") { request in try await show(kind, request) })
        }
        routes.append(NERoute(.get, "/api/rest/ueManagement/v1/elementType/{neType}/objectType/provisioningBatch/{id}") { request in
            NEReply.success(["applied": .bool(await store.hasApplied(batch: request.parameters["id"] ?? ""))])
        })
        routes.append(NERoute(.post, "/api/rest/ueManagement/v1/elementType/{neType}/objectType/provisioningBatch/{id}/abort") { request in
            NEReply.success(["applied": .bool(await store.abort(batch: request.parameters["id"] ?? ""))])
        })
        routes.append(NERoute(.post, "/api/rest/ueManagement/v1/elementType/{neType}/objectType/provisioningBatch/{id}/commit") { request in
            let applied = try await store.commit(batch: request.parameters["id"] ?? "")
            return NEReply.success(["applied": .int(applied)])
        })
        return routes
    }

    private func change(_ kind: UDMDataKind, _ request: NERequest,
                        apply: ([UDMStore.Record], String?) async throws(NEReplyError) -> Int) async throws -> Response {
        var records: [UDMStore.Record] = []
        var header: [String] = []
        var number = 0
        try await Self.forEachLine(request) { line in
            number += 1
            let values = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            if header.isEmpty {
                header = values
                guard header.contains("imsi"), Set(header).count == header.count else {
                    throw NEReplyError(status: 400, "line 1: the header must name each field once, imsi included")
                }
                return
            }
            guard values.count == header.count else {
                throw NEReplyError(status: 400, "line \(number): \(values.count) fields, the header names \(header.count)")
            }
            records.append(try Self.record(kind, header: header, values: values, number: number))
        }
        let batch = request.query("batch")
        if let batch, request.query("stage") == "true" {
            guard request.request.method == .post else { throw NEReplyError(status: 400, "only creates and deletes are staged") }
            return NEReply.success(["staged": .int(try await store.stage(kind, .create, records: records, batch: batch))])
        }
        let applied = try await apply(records, batch)
        return NEReply.success(["applied": .int(applied), "replayed": .bool(applied == 0 && !records.isEmpty)])
    }

    private func delete(_ kind: UDMDataKind, _ request: NERequest) async throws -> Response {
        var imsis: [UInt64] = []
        var number = 0
        try await Self.forEachLine(request) { line in
            number += 1
            let text = String(decoding: line, as: UTF8.self)
            guard let imsi = Self.imsi(text) else {
                throw NEReplyError(status: 400, "line \(number): IMSI must be 15 decimal digits, got '\(text.prefix(40))'")
            }
            imsis.append(imsi)
        }
        if let batch = request.query("batch"), request.query("stage") == "true" {
            return NEReply.success(["staged": .int(try await store.stage(kind, .delete, imsis: imsis, batch: batch))])
        }
        let removed = try await store.delete(kind, imsis, strict: request.query("strict") == "true", batch: request.query("batch"))
        return NEReply.success(["applied": .int(removed)])
    }

    private func dump(_ kind: UDMDataKind, _ request: NERequest) async throws -> Response {
        let after = try request.query("after").map { text throws(NEReplyError) in
            guard let imsi = Self.imsi(text) else { throw NEReplyError(status: 400, "after must be an IMSI of 15 decimal digits") }
            return imsi
        }
        let limitText = request.query("limit") ?? "10000"
        guard let limit = Int(limitText), (1...Self.maximumPage).contains(limit) else {
            throw NEReplyError(status: 400, "limit must be an integer from 1 to \(Self.maximumPage)")
        }
        let page = await store.page(kind, after: after, limit: limit)
        var buffer = ByteBuffer()
        buffer.reserveCapacity(page.reduce(0) { $0 + $1.utf8.count + 1 })
        for json in page {
            buffer.writeString(json)
            buffer.writeInteger(UInt8(ascii: "\n"))
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/x-ndjson"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    private func show(_ kind: UDMDataKind, _ request: NERequest) async throws -> Response {
        let text = request.parameters["imsi"] ?? ""
        guard let imsi = Self.imsi(text) else { throw NEReplyError(status: 400, "IMSI must be 15 decimal digits") }
        guard let json = await store.record(kind, imsi: imsi), let value = JSONValue.parse(Data(json.utf8)) else {
            throw NEReplyError(status: 404, "\(kind.noun) of IMSI \(text) does not exist")
        }
        return NEReply.success(value)
    }

    /// Calls `body` with every non-empty line of the request body, read chunk by chunk.
    static func forEachLine(_ request: NERequest, _ body: ([UInt8]) throws -> Void) async throws {
        var pending: [UInt8] = []
        var total = 0
        for try await chunk in request.request.body {
            total += chunk.readableBytes
            guard total <= bodyLimit else { throw NEReplyError(status: 413, "the body is larger than \(bodyLimit) bytes") }
            let bytes = chunk.readableBytesView
            var start = bytes.startIndex
            while let newline = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) {
                pending.append(contentsOf: bytes[start..<newline])
                if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
                if !pending.isEmpty { try body(pending) }
                pending.removeAll(keepingCapacity: true)
                start = bytes.index(after: newline)
            }
            pending.append(contentsOf: bytes[start...])
        }
        if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
        if !pending.isEmpty { try body(pending) }
    }

    /// One provisioned record, checked as the UDM checks it: a 15-digit `imsi`, an MSISDN of 5 to
    /// 15 digits for subscriptions, a Ki and an OPc of 32 hex digits for authentication data. It is
    /// kept as a JSON object of strings, in the header's order.
    static func record(_ kind: UDMDataKind, header: [String], values: [String], number: Int) throws(NEReplyError) -> UDMStore.Record {
        func value(_ name: String) -> String? { header.firstIndex(of: name).map { values[$0] } }
        guard let text = value("imsi"), let imsi = imsi(text) else {
            throw NEReplyError(status: 400, "line \(number): imsi must be 15 decimal digits")
        }
        switch kind {
        case .sub:
            guard let msisdn = value("msisdn"), (5...15).contains(msisdn.utf8.count),
                  msisdn.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
                throw NEReplyError(status: 400, "line \(number) (IMSI \(text)): msisdn must be 5 to 15 decimal digits")
            }
        case .auth:
            for field in ["ki", "opc"] {
                guard let value = value(field), value.utf8.count == 32, value.allSatisfy(\.isHexDigit) else {
                    throw NEReplyError(status: 400, "line \(number) (IMSI \(text)): \(field) must be 32 hexadecimal digits")
                }
            }
        }
        var json = "{"
        for (index, key) in header.enumerated() {
            if index > 0 { json += "," }
            json += quoted(key) + ":" + quoted(values[index])
        }
        return UDMStore.Record(imsi: imsi, json: json + "}")
    }

    /// `text` as a JSON string literal.
    static func quoted(_ text: String) -> String {
        // Provisioned values are almost always plain: skip the character walk for them.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"" + text + "\"" }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// The IMSI's number when `text` is exactly 15 decimal digits.
    static func imsi(_ text: String) -> UInt64? {
        guard text.utf8.count == 15, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return UInt64(text)
    }
}
