extension SpreadsheetReader {
    /// How much an .xlsx file may inflate when it is read. An .xlsx is a ZIP archive, so a 1 MB upload
    /// can hold a part that inflates to gigabytes (a decompression bomb); every part is checked against
    /// these bounds before and while it is inflated, and the reading stops at the first byte past them.
    public struct Limits: Sendable, Equatable {
        /// The most bytes the first sheet's XML may inflate to. It is streamed through a file in the
        /// scratch folder, so this bounds disk use, not memory.
        public var maximumSheetBytes: Int
        /// The most bytes `xl/sharedStrings.xml` may inflate to; its strings are held in memory while
        /// the sheet is read, so this bounds the reader's memory.
        public var maximumSharedStringsBytes: Int
        /// The most bytes any other part read (the workbook and its relationships) may inflate to.
        public var maximumOtherPartBytes: Int
        /// The most a part may inflate relative to its compressed size. Ordinary workbooks stay far
        /// below it; a bomb is far above it.
        public var maximumCompressionRatio: Int
        /// Parts smaller than this are never refused for their ratio: a tiny part's ratio says nothing.
        public var ratioExemptBytes: Int

        /// The bounds every import uses unless it says otherwise: a 256 MiB sheet, 64 MiB of shared
        /// strings, 4 MiB for any other part, and a ratio of 100 (Apache POI's default) above 1 MiB.
        public static let standard = Limits(maximumSheetBytes: 256 << 20, maximumSharedStringsBytes: 64 << 20,
                                            maximumOtherPartBytes: 4 << 20, maximumCompressionRatio: 100,
                                            ratioExemptBytes: 1 << 20)

        /// Bounds of your own; see ``standard`` for what each means.
        public init(maximumSheetBytes: Int, maximumSharedStringsBytes: Int, maximumOtherPartBytes: Int,
                    maximumCompressionRatio: Int, ratioExemptBytes: Int) {
            self.maximumSheetBytes = maximumSheetBytes
            self.maximumSharedStringsBytes = maximumSharedStringsBytes
            self.maximumOtherPartBytes = maximumOtherPartBytes
            self.maximumCompressionRatio = maximumCompressionRatio
            self.ratioExemptBytes = ratioExemptBytes
        }
    }
}
