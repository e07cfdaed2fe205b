import Foundation

/// The UDM plugin's data folder holds the key that seals Ki and OPc (`secret.key`) and batch files
/// with subscriber records: at every start it and everything in it are made owner-only (folders
/// 0700, files 0600), whatever mode an older version, a restore or a copy left them with.
enum OwnerOnlyFolder {
    static func tighten(_ folder: String) throws {
        let files = FileManager.default
        guard files.fileExists(atPath: folder) else { return }
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        guard let entries = files.enumerator(atPath: folder) else { return }
        for case let entry as String in entries {
            let path = folder + "/" + entry
            let type = try files.attributesOfItem(atPath: path)[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?: try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
            case .typeRegular?: try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            default: continue
            }
        }
    }
}
