import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Streams a sheet's XML (`<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>…`) and hands each row's
/// cells to the caller as text, empty cells keeping their columns.
final class WorksheetParser: NSObject, XMLParserDelegate {
    private let sharedStrings: [String]
    private let part: String
    private let body: (Int, [String]) throws -> Void
    private var failure: (any Error)?
    private var rowNumber = 0
    private var cells: [String] = []
    private var cellColumn = 0
    private var cellType: String?
    private var value: String?
    private var inlineText = ""
    private var text = ""
    private var collecting = false
    private var inInlineString = false
    private var phoneticDepth = 0

    init(part: String, sharedStrings: [String], body: @escaping (Int, [String]) throws -> Void) {
        self.part = part
        self.sharedStrings = sharedStrings
        self.body = body
    }

    func parse(_ stream: InputStream) throws {
        let parser = XMLParser(stream: stream)
        parser.delegate = self
        parser.shouldResolveExternalEntities = false
        let succeeded = parser.parse()
        if let failure { throw failure }
        guard succeeded else { throw WorkbookXML.notWellFormed(parser, part: part) }
    }

    private func fail(_ error: any Error, _ parser: XMLParser) {
        guard failure == nil else { return }
        failure = error
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard failure == nil else { return }
        switch WorkbookXML.localName(elementName) {
        case "row":
            rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells = []
        case "c":
            cellColumn = attributes["r"].flatMap(Self.columnIndex) ?? cells.count
            guard cellColumn < 16_384 else {
                fail(SpreadsheetError(.corrupt, "row \(rowNumber) has a cell beyond Excel's last column"), parser)
                return
            }
            cellType = attributes["t"]
            value = nil
        case "v":
            text = ""
            collecting = true
        case "is":
            inInlineString = true
            inlineText = ""
        case "rPh":
            phoneticDepth += 1
        case "t" where inInlineString && phoneticDepth == 0:
            text = ""
            collecting = true
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        switch WorkbookXML.localName(elementName) {
        case "v":
            value = text
            collecting = false
        case "t" where collecting:
            inlineText += text
            collecting = false
        case "rPh":
            phoneticDepth -= 1
        case "is":
            inInlineString = false
            value = inlineText
        case "c":
            do { store(try resolvedValue()) } catch { fail(error, parser) }
        case "row":
            while cells.last == "" { cells.removeLast() }
            guard !cells.isEmpty else { return }
            do { try body(rowNumber, cells) } catch { fail(error, parser) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard collecting, failure == nil else { return }
        text += string
        if text.utf8.count > WorkbookXML.maximumCellBytes {
            fail(SpreadsheetError(.tooLarge, "row \(rowNumber), column \(cellColumn + 1) holds more than 32,767 characters, Excel's limit for a cell"), parser)
        }
    }

    private func resolvedValue() throws -> String {
        guard let value else { return "" }
        switch cellType {
        case "s":
            guard let index = Int(value), sharedStrings.indices.contains(index) else {
                throw SpreadsheetError(.corrupt, "row \(rowNumber), column \(cellColumn + 1) refers to shared string \(value), which does not exist")
            }
            return sharedStrings[index]
        case "b":
            return value == "1" ? "TRUE" : "FALSE"
        case "inlineStr", "str", "e":
            return value
        default:
            return Double(value).map(NumberText.format) ?? value
        }
    }

    private func store(_ text: String) {
        if cellColumn >= cells.count { cells.append(contentsOf: repeatElement("", count: cellColumn - cells.count + 1)) }
        cells[cellColumn] = text
    }

    /// `AB12` → 27 (0-based column of the reference's letters).
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            index = index * 26 + Int(scalar.value - 65) + 1
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }
}
