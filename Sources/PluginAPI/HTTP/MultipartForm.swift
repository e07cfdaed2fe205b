/// A decoded `multipart/form-data` body: its text fields in memory, its files on disk.
public struct MultipartForm: Sendable {
    /// The largest text part, in bytes; a larger one is refused with ``OMCError`` of kind `tooLarge`
    /// naming the field. Files have no such limit beyond the route's body limit.
    public static let fieldLimit = 64 * 1024

    /// The text parts (parts without a `filename`), by field name; a repeated name keeps the last value.
    public let fields: [String: String]
    /// The file parts, in the order they were sent.
    public let files: [UploadedFile]

    /// A form (``OMCRequest/multipartForm()`` makes these).
    public init(fields: [String: String], files: [UploadedFile]) {
        self.fields = fields
        self.files = files
    }

    /// The first file sent in `fieldName`, `nil` when there is none.
    public func file(_ fieldName: String) -> UploadedFile? {
        files.first { $0.fieldName == fieldName }
    }
}
