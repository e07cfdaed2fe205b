/// Why a spreadsheet could not be read or written, in words an operator understands.
public struct SpreadsheetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Equatable {
        /// The file is neither an .xlsx nor an .xls workbook (empty, CSV, other binary).
        case unsupportedFormat
        /// The file claims to be a workbook but its content is broken.
        case corrupt
        /// The file could not be opened, read or written.
        case io
        /// A value cannot be stored in a workbook (text too long, too many rows or columns).
        case invalidValue
        /// The file is larger, or inflates to more, than the reader accepts (see ``SpreadsheetReader/Limits``).
        case tooLarge
    }

    /// The class of failure.
    public let kind: Kind
    /// What went wrong.
    public let message: String

    /// A failure of `kind`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
