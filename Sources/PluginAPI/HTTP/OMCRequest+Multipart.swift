extension OMCRequest {
    /// Reads a `multipart/form-data` body (RFC 7578), streaming each file part to a temporary file
    /// in ``uploadDirectory`` so memory stays flat whatever the upload's size; text parts are kept in
    /// memory, each at most ``MultipartForm/fieldLimit`` bytes.
    ///
    /// Throws ``OMCError`` naming what is wrong: `Content-Type` not `multipart/form-data` or without a
    /// boundary, a malformed part, a part without a field name, a text field too large or not UTF-8,
    /// a body that ends before its closing boundary (truncated upload), or a body over the route's limit.
    /// The body is read once: call this at most once per request.
    public func multipartForm() async throws -> MultipartForm {
        let reader = try MultipartFormReader(contentType: headers["Content-Type"], directory: uploadDirectory)
        return try await reader.read(body)
    }
}
