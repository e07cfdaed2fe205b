import Foundation
import PluginAPI

/// Each plugin's own folder (``PluginAPI/PluginContext/dataDirectory``): created at boot, and made
/// owner-only (0700) whatever an older version or a restore left it with, since plugins keep their
/// keys there.
enum PluginFolders {
    static func prepare(_ pluginIDs: [String], dataDirectory: String) throws {
        let files = FileManager.default
        for id in pluginIDs {
            let path = PluginContext.dataDirectory(of: id, in: dataDirectory)
            try files.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: path)
        }
    }
}
