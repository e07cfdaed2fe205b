/// One part of a `multipart/form-data` body sent through the mock host.
public struct MultipartPart: Sendable {
    /// The form field name.
    public let name: String
    /// The file name, for file parts.
    public let fileName: String?
    /// The part's content type.
    public let contentType: String?
    /// The part's bytes.
    public let content: [UInt8]

    /// A part.
    public init(name: String, fileName: String? = nil, contentType: String? = nil, content: [UInt8]) {
        self.name = name
        self.fileName = fileName
        self.contentType = contentType
        self.content = content
    }

    /// A text field.
    public static func field(_ name: String, _ value: String) -> MultipartPart {
        MultipartPart(name: name, content: Array(value.utf8))
    }

    /// Encodes `parts` with `boundary` as a `multipart/form-data` body (to send through a real socket,
    /// or cut short to test truncated uploads).
    public static func encode(_ parts: [MultipartPart], boundary: String) -> [UInt8] {
        var body: [UInt8] = []
        for part in parts {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(part.name)\""
            if let fileName = part.fileName { head += "; filename=\"\(fileName)\"" }
            head += "\r\n"
            if let contentType = part.contentType { head += "Content-Type: \(contentType)\r\n" }
            head += "\r\n"
            body += Array(head.utf8) + part.content + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return body
    }
}
