import CGD
import PluginAPI

/// Draws a captcha code as a PNG with libgd: the characters at jittered positions over noise lines
/// and dots, enough to stop naive scripted guessing (the lockout stops the rest).
enum CaptchaImage {
    static let width: Int32 = 120
    static let height: Int32 = 40

    static func png(_ code: String) throws -> [UInt8] {
        guard let image = gdImageCreateTrueColor(width, height) else { throw OMCError(.internal, "libgd could not create the captcha image") }
        defer { gdImageDestroy(image) }
        var generator = SystemRandomNumberGenerator()
        func random(_ range: ClosedRange<Int32>) -> Int32 { Int32.random(in: range, using: &generator) }
        gdImageFilledRectangle(image, 0, 0, width - 1, height - 1, gdTrueColorAlpha(243, 246, 250, 0))
        for _ in 0..<6 {
            let color = gdTrueColorAlpha(random(120...200), random(120...200), random(120...200), 0)
            gdImageLine(image, random(0...width), random(0...height), random(0...width), random(0...height), color)
        }
        for _ in 0..<120 {
            gdImageSetPixel(image, random(0...width - 1), random(0...height - 1), gdTrueColorAlpha(random(0...255), random(0...255), random(0...255), 0))
        }
        let font = gdFontGetGiant()
        for (index, character) in code.unicodeScalars.enumerated() {
            let x = 12 + Int32(index) * 26 + random(-3...3)
            let y = 10 + random(-5...5)
            let color = gdTrueColorAlpha(random(10...90), random(10...90), random(60...140), 0)
            gdImageChar(image, font, x, y, Int32(character.value), color)
            gdImageChar(image, font, x + 1, y, Int32(character.value), color)
        }
        var size: Int32 = 0
        guard let pointer = gdImagePngPtr(image, &size), size > 0 else { throw OMCError(.internal, "libgd could not encode the captcha image") }
        defer { gdFree(pointer) }
        return Array(UnsafeRawBufferPointer(start: pointer, count: Int(size)))
    }

    /// libgd's `gdTrueColorAlpha` is a macro Swift cannot import.
    private static func gdTrueColorAlpha(_ red: Int32, _ green: Int32, _ blue: Int32, _ alpha: Int32) -> Int32 {
        (alpha << 24) + (red << 16) + (green << 8) + blue
    }
}
