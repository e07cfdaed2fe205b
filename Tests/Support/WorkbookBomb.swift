import Foundation
import ZIPFoundation

/// Small .xlsx files that inflate far beyond their size (decompression bombs), for tests of the
/// importers' bounds. Each is a well-formed workbook whose one `part` inflates to `inflatedBytes`:
/// `xl/sharedStrings.xml` (one huge shared string), or `xl/worksheets/sheet1.xml` (rows without end).
public enum WorkbookBomb {
    /// Which part of the workbook explodes.
    public enum Part: String, Sendable {
        /// `xl/sharedStrings.xml`, held in memory by a naive reader.
        case sharedStrings = "xl/sharedStrings.xml"
        /// `xl/worksheets/sheet1.xml`, unzipped to disk by a naive reader.
        case sheet = "xl/worksheets/sheet1.xml"
    }

    /// Writes the bomb to `path` and returns its size on disk. With `declaredBytes`, the archive's
    /// headers claim that the part inflates to that many bytes instead: a lying header, either way
    /// (a small claim hides a bomb; a huge claim tests the refusal before inflating, cheaply).
    @discardableResult
    public static func write(to path: String, exploding part: Part, to inflatedBytes: Int, declaredBytes: UInt32? = nil) throws -> Int {
        try? FileManager.default.removeItem(atPath: path)
        let url = URL(fileURLWithPath: path)
        let archive = try Archive(url: url, accessMode: .create)
        let sheet = part == .sheet ? nil : #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#
        let parts: [(String, String?)] = [
            ("[Content_Types].xml", #"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#),
            ("xl/workbook.xml", #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#),
            ("xl/_rels/workbook.xml.rels", #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        for (name, text) in parts {
            guard let text else { continue }
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        let (head, filler, tail) = part == .sharedStrings
            ? (#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>"#, "A", "</t></si></sst>")
            : (#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
               #"<row><c t="inlineStr"><is><t>x</t></is></c></row>"#, "</sheetData></worksheet>")
        let content = Exploding(head: Array(head.utf8), filler: Array(filler.utf8), tail: Array(tail.utf8), size: inflatedBytes)
        try archive.addEntry(with: part.rawValue, type: .file, uncompressedSize: Int64(inflatedBytes), compressionMethod: .deflate,
                             bufferSize: 1 << 20) { position, size in content.bytes(at: Int(position), count: size) }
        if let declaredBytes { try lie(about: part.rawValue, inflating: declaredBytes, in: url) }
        return try Data(contentsOf: url).count
    }

    /// Rewrites the uncompressed size of `name` in its local header and its central directory entry.
    private static func lie(about name: String, inflating size: UInt32, in url: URL) throws {
        var bytes = [UInt8](try Data(contentsOf: url))
        let nameBytes = Array(name.utf8)
        let value = withUnsafeBytes(of: size.littleEndian, Array.init)
        for (signature, sizeOffset, nameOffset) in [([0x50, 0x4B, 0x03, 0x04] as [UInt8], 22, 30), ([0x50, 0x4B, 0x01, 0x02], 24, 46)] {
            var index = 0
            while index + nameOffset + nameBytes.count <= bytes.count {
                if Array(bytes[index..<index + 4]) == signature,
                   Array(bytes[index + nameOffset..<index + nameOffset + nameBytes.count]) == nameBytes {
                    bytes.replaceSubrange(index + sizeOffset..<index + sizeOffset + 4, with: value)
                }
                index += 1
            }
        }
        try Data(bytes).write(to: url)
    }

    /// `head`, then `filler` repeated, then `tail`, cut to exactly `size` bytes (the tail may be lost
    /// when `size` is not a whole number of fillers: a reader must refuse long before the end).
    private struct Exploding {
        let head: [UInt8]
        let tail: [UInt8]
        let size: Int
        /// `filler` repeated to a block of at least 64 KiB, whole fillers only, copied from in slices.
        let block: [UInt8]
        let period: Int

        init(head: [UInt8], filler: [UInt8], tail: [UInt8], size: Int) {
            self.head = head
            self.tail = tail
            self.size = size
            period = filler.count
            block = Array(repeatElement(filler, count: (1 << 16) / filler.count + 2).joined())
        }

        func bytes(at position: Int, count: Int) -> Data {
            let end = min(size, position + count)
            let middleEnd = size - tail.count
            var out = Data(capacity: max(0, end - position))
            var offset = position
            while offset < end {
                if offset < head.count || offset >= middleEnd {
                    out.append(byte(at: offset))
                    offset += 1
                    continue
                }
                let phase = (offset - head.count) % period
                let run = min(block.count - phase, min(end, middleEnd) - offset)
                out.append(contentsOf: block[phase..<phase + run])
                offset += run
            }
            return out
        }

        private func byte(at offset: Int) -> UInt8 {
            offset < head.count ? head[offset] : tail[offset - (size - tail.count)]
        }
    }
}
