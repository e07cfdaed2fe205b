/// The body a route takes.
public enum RouteBody: Sendable, Hashable {
    /// A JSON value of this shape (usually an object). The host refuses a request whose body is not
    /// JSON or breaks the shape, naming every failing member, and one without a body unless
    /// `required` is `false` (an export whose filters may all be left out).
    case json(ValueSchema, required: Bool = true)
    /// A `multipart/form-data` upload with these file fields (required) and text fields. The host
    /// checks the content type; the handler reads the parts with ``OMCRequest/multipartForm()``.
    case multipart(files: [String], fields: [RouteParameter] = [])
}

/// What a route answers on success, for the OpenAPI document.
public enum RouteAnswer: Sendable, Hashable {
    /// The document's envelope `{code: 200, msg, data}` with `data` of this shape (``OMCResponse/success(_:)``).
    case data(ValueSchema)
    /// The document's page `{code: 200, msg, rows, total}` with rows of this shape (``OMCResponse/list(rows:total:)``).
    case rows(ValueSchema)
    /// The envelope without data, `{code: 200, msg}` (``OMCResponse/success(message:)``).
    case message
    /// A JSON value of this shape without the envelope (the document's NE answers, ``OMCResponse/json(_:status:)``).
    case json(ValueSchema)
    /// A file of this media type (downloads, exports).
    case file(mediaType: String)
}
