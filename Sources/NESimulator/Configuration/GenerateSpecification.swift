import Foundation

/// The argument of `--generate`: `AMF:200,UDM:2` means AMF_001…AMF_200 and UDM_001, UDM_002.
public enum GenerateSpecification {
    /// The NEs the argument describes, with default identities and free ports.
    public static func parse(_ text: String) throws(ConfigurationError) -> [NEDefinition] {
        var nes: [NEDefinition] = []
        var problems: [ConfigurationDiagnostic] = []
        var seenTypes = Set<String>()
        func fail(_ problem: String) {
            problems.append(ConfigurationDiagnostic(file: "--generate", line: nil, problem: problem))
        }
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        for rawItem in items {
            let item = rawItem.trimmingCharacters(in: .whitespaces)
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else {
                fail("'\(item)' must be TYPE:COUNT, like AMF:200")
                continue
            }
            let type = String(parts[0]).uppercased()
            guard NEDefinition.isValidName(type) else {
                fail("type '\(parts[0])' must be 1-32 letters, digits, '-' or '_'")
                continue
            }
            guard let count = Int(parts[1]), (1...ConfigurationFile.maximumNECount).contains(count) else {
                fail("count '\(parts[1])' of \(type) must be a whole number from 1 to \(ConfigurationFile.maximumNECount)")
                continue
            }
            guard seenTypes.insert(type).inserted else {
                fail("\(type) appears twice; give each type once with its total count")
                continue
            }
            let width = max(3, String(count).count)
            for number in 1...count {
                let digits = String(number)
                let id = String(repeating: "0", count: width - digits.count) + digits
                nes.append(NEDefinition(type: type, id: id))
            }
        }
        if nes.count > ConfigurationFile.maximumNECount {
            fail("\(nes.count) NEs in all; at most \(ConfigurationFile.maximumNECount) are supported")
        }
        guard problems.isEmpty else { throw ConfigurationError(problems) }
        return nes
    }
}
