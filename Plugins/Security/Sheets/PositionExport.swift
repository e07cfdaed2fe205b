import PluginAPI
import Spreadsheet

/// `POST /system/post/export`: the positions matching the body's filters.
enum PositionExport {
    static let header = ["Position ID", "Position code", "Position name", "Sort", "Status", "Created by", "Created", "Remark"]

    static func respond(_ request: OMCRequest, _ context: PluginContext) async throws -> OMCResponse {
        let filter = try PositionStore.Filter(try FilterFields(jsonBody: try await request.body.collect()))
        return try await SheetExport.xlsx(context, fileStem: "post_export", sheetName: "Positions", header: header) { db, append in
            for position in try PositionStore.all(filter, in: db) {
                try append([.integer(Int(position.postId) ?? 0), .text(position.postCode), .text(position.postName), .integer(position.postSort),
                            SheetExport.status(position.status), .text(position.createBy), SheetExport.time(position.createTime), .text(position.remark)])
            }
        }
    }
}
