/// One file part of a `multipart/form-data` body, already written to a temporary file.
///
/// The file lives in a folder private to the request; the host deletes it when the request ends
/// (when the handler returns or throws, or when a streamed answer has been sent). A handler that
/// needs the content later moves or copies it elsewhere first.
public struct UploadedFile: Sendable, Hashable {
    /// The form field that carried the file (`file`, `avatarfile`).
    public let fieldName: String
    /// The file name as the client sent it, for display and for guessing intent only: it is never
    /// used as a path.
    public let fileName: String
    /// The part's `Content-Type`, when the client sent one.
    public let contentType: String?
    /// Where the content is on disk (a host-chosen name inside the request's upload folder).
    public let path: String
    /// The content's length in bytes.
    public let size: Int

    /// A file part (``OMCRequest/multipartForm()`` makes these).
    public init(fieldName: String, fileName: String, contentType: String?, path: String, size: Int) {
        self.fieldName = fieldName
        self.fileName = fileName
        self.contentType = contentType
        self.path = path
        self.size = size
    }
}
