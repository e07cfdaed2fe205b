public import PluginAPI

/// Parses MML as the API document and Huawei-style OMCs write it:
///
///     VERB OBJECT: NAME=value, NAME="quoted, value";
///     dsp authdat:imsi=460000100000030
///     date
///
/// Verbs, objects and names are case-insensitive and returned upper-cased; the `;` is optional;
/// quoted values may contain `,`, `;`, spaces and `\"`. Control characters are refused, and so are
/// commands longer than ``maximumLength`` bytes. The parser works on the UTF-8 bytes and never traps.
public enum MMLParser {
    /// The longest command accepted, in UTF-8 bytes.
    public static let maximumLength = 65_536

    /// Parses one command.
    public static func parse(_ line: String) throws(MMLSyntaxError) -> MMLCommand {
        var line = line
        let result = line.withUTF8 { bytes -> Result<MMLCommand, MMLSyntaxError> in
            var parser = Cursor(bytes: bytes)
            do throws(MMLSyntaxError) { return .success(try parser.command()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { position >= bytes.count }
    var current: UInt8 { bytes[position] }

    mutating func command() throws(MMLSyntaxError) -> MMLCommand {
        guard bytes.count <= MMLParser.maximumLength else {
            throw MMLSyntaxError(column: 1, problem: "command is \(bytes.count) bytes long; the limit is \(MMLParser.maximumLength)")
        }
        try skipSpace()
        guard !atEnd else { throw syntaxError("empty command") }
        let verb = try identifier(expected: "a command verb")
        var object: String?
        let afterVerb = position
        try skipSpace()
        if !atEnd, current.isLetter {
            guard position > afterVerb else { throw syntaxError("expected a space between verb and object") }
            object = try identifier(expected: "an object")
            try skipSpace()
        }
        var arguments: [MMLCommand.Argument] = []
        if !atEnd, current == UInt8(ascii: ":") {
            position += 1
            try skipSpace()
            if !atEnd, current != UInt8(ascii: ";") {
                arguments = try argumentList()
            }
        } else if !atEnd, current != UInt8(ascii: ";") {
            throw syntaxError("expected ':' or ';' after \(object.map { "\(verb) \($0)" } ?? verb)")
        }
        if !atEnd, current == UInt8(ascii: ";") {
            position += 1
            try skipSpace()
        }
        guard atEnd else { throw syntaxError("unexpected text after ';'") }
        return MMLCommand(verb: verb, object: object, arguments: arguments)
    }

    mutating func argumentList() throws(MMLSyntaxError) -> [MMLCommand.Argument] {
        var arguments: [MMLCommand.Argument] = []
        while true {
            let nameStart = position
            let name = try identifier(expected: "a parameter name")
            if arguments.contains(where: { $0.name == name }) {
                throw MMLSyntaxError(column: column(of: nameStart), problem: "parameter \(name) is given twice")
            }
            try skipSpace()
            guard !atEnd, current == UInt8(ascii: "=") else { throw syntaxError("expected '=' after \(name)") }
            position += 1
            try skipSpace()
            let value = try value(of: name)
            arguments.append(MMLCommand.Argument(name: name, value: value))
            try skipSpace()
            if atEnd || current == UInt8(ascii: ";") { return arguments }
            guard current == UInt8(ascii: ",") else { throw syntaxError("expected ',' or ';' after the value of \(name)") }
            position += 1
            try skipSpace()
            if atEnd || current == UInt8(ascii: ";") { throw syntaxError("expected a parameter name after ','") }
        }
    }

    mutating func value(of name: String) throws(MMLSyntaxError) -> String {
        guard !atEnd else { throw syntaxError("expected a value after \(name)=") }
        if current == UInt8(ascii: "\"") { return try quoted() }
        let start = position
        while !atEnd {
            let byte = current
            if byte == UInt8(ascii: ",") || byte == UInt8(ascii: ";") || byte.isSpace { break }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "=") {
                throw syntaxError("unexpected '\(Character(Unicode.Scalar(byte)))' in the value of \(name); quote the value")
            }
            if byte.isControl { throw controlCharacter(byte) }
            position += 1
        }
        guard position > start else { throw syntaxError("expected a value after \(name)=") }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    mutating func quoted() throws(MMLSyntaxError) -> String {
        let opening = position
        position += 1
        let start = position
        var unescaped: [UInt8]?
        while !atEnd {
            let byte = current
            if byte == UInt8(ascii: "\"") {
                let text = unescaped.map { String(decoding: $0, as: UTF8.self) }
                    ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
                position += 1
                return text
            }
            if byte.isControl { throw controlCharacter(byte) }
            if byte == UInt8(ascii: "\\"), position + 1 < bytes.count,
               bytes[position + 1] == UInt8(ascii: "\"") || bytes[position + 1] == UInt8(ascii: "\\") {
                if unescaped == nil { unescaped = Array(bytes[start..<position]) }
                unescaped?.append(bytes[position + 1])
                position += 2
                continue
            }
            unescaped?.append(byte)
            position += 1
        }
        throw MMLSyntaxError(column: column(of: opening), problem: "unterminated quoted value")
    }

    mutating func identifier(expected: String) throws(MMLSyntaxError) -> String {
        guard !atEnd, current.isLetter else {
            if !atEnd, current.isControl { throw controlCharacter(current) }
            throw syntaxError("expected \(expected)")
        }
        let start = position
        while !atEnd, current.isLetter || current.isDigit || current == UInt8(ascii: "_") { position += 1 }
        let length = position - start
        return String(unsafeUninitializedCapacity: length) { buffer in
            for offset in 0..<length {
                let byte = bytes[start + offset]
                buffer[offset] = byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
            }
            return length
        }
    }

    mutating func skipSpace() throws(MMLSyntaxError) {
        while !atEnd {
            let byte = current
            if byte.isSpace { position += 1; continue }
            if byte.isControl { throw controlCharacter(byte) }
            return
        }
    }

    func controlCharacter(_ byte: UInt8) -> MMLSyntaxError {
        let hex = String(byte, radix: 16, uppercase: true)
        return syntaxError("control character U+\(hex.count < 2 ? "0" + hex : hex) is not allowed")
    }

    func syntaxError(_ problem: LocalizedMessage) -> MMLSyntaxError {
        MMLSyntaxError(column: column(of: position), problem: problem)
    }

    /// 1-based column in characters of the byte at `offset`.
    func column(of offset: Int) -> Int {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[..<min(offset, bytes.count)]), as: UTF8.self).count + 1
    }
}

private extension UInt8 {
    var isLetter: Bool { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) }
    var isDigit: Bool { (0x30...0x39).contains(self) }
    var isSpace: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
    var isControl: Bool { (self < 0x20 && !isSpace) || self == 0x7F }
}
