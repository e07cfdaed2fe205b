import Foundation

/// The data folder and the database hold every secret the OMC keeps (password hashes, sealed Ki and
/// OPc, session keys): at every start the folder is made 0700 and `omc.sqlite` with its `-wal` and
/// `-shm` files 0600, whatever an older version, a restore or a careless copy left them with.
/// SQLite creates the `-wal` and `-shm` files with the database file's mode, so new ones follow.
package enum DataFolderPermissions {
    static let databaseFiles = ["omc.sqlite", "omc.sqlite-wal", "omc.sqlite-shm"]

    /// Tightens what exists; returns the paths whose mode was changed.
    @discardableResult
    package static func tighten(directory: String) throws -> [String] {
        var changed: [String] = []
        if try restrict(directory, to: 0o700) { changed.append(directory) }
        for name in databaseFiles {
            let path = (directory as NSString).appendingPathComponent(name)
            if try restrict(path, to: 0o600) { changed.append(path) }
        }
        return changed
    }

    /// Sets `mode` on `path` when it exists with more permissions; whether it did.
    private static func restrict(_ path: String, to mode: Int) throws -> Bool {
        let files = FileManager.default
        guard files.fileExists(atPath: path),
              let current = try files.attributesOfItem(atPath: path)[.posixPermissions] as? Int, current & 0o777 != mode else { return false }
        try files.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return true
    }
}
