import Foundation
import Testing

/// The README's two commands (`make run`, `make test`) install the Debian packages listed in
/// `scripts/system-packages.txt` before calling SwiftPM. This suite fails when the package links a
/// system library that no package of that list provides, so a new `link` or `.systemLibrary` cannot
/// make the README's commands fail on a fresh machine while CI, which has it installed, stays green.
@Suite struct SystemPackagesTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every library the build links: the `link` names of the package's own module maps, the
    /// `.apt([...])` providers of its system-library targets, and SQLite, which GRDB links.
    static func linkedLibraries() throws -> (libraries: [String], aptPackages: [String]) {
        var libraries: Set<String> = ["sqlite3"]
        let sources = root.appendingPathComponent("Sources")
        for folder in try FileManager.default.contentsOfDirectory(atPath: sources.path) {
            let map = sources.appendingPathComponent(folder).appendingPathComponent("module.modulemap")
            guard let text = try? String(contentsOf: map, encoding: .utf8) else { continue }
            for match in text.matches(of: /link\s+"([^"]+)"/) { libraries.insert(String(match.1)) }
        }
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        var aptPackages: [String] = []
        for match in manifest.matches(of: /\.apt\(\[([^\]]*)\]\)/) {
            aptPackages += match.1.matches(of: /"([^"]+)"/).map { String($0.1) }
        }
        return (libraries.sorted(), aptPackages)
    }

    /// The one list the README's commands install from.
    static func listedPackages() throws -> Set<String> {
        let text = try String(contentsOf: root.appendingPathComponent("scripts/system-packages.txt"), encoding: .utf8)
        return Set(text.split(separator: "\n").compactMap { line -> String? in
            let name = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                .trimmingCharacters(in: .whitespaces) ?? ""
            return name.isEmpty ? nil : name
        })
    }

    /// The Debian package that owns the development link `lib<name>.so` (what the linker opens), by `dpkg -S`.
    static func owningPackage(ofLibrary name: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/dpkg")
        process.arguments = ["-S", "*/lib\(name).so"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        // "libgd-dev:amd64: /usr/lib/x86_64-linux-gnu/libgd.so"
        return String(decoding: data, as: UTF8.self).split(separator: "\n").first
            .flatMap { $0.split(separator: ":").first.map(String.init) }
    }

    @Test func everyLinkedLibraryComesFromAListedPackage() throws {
        let listed = try Self.listedPackages()
        let (libraries, aptPackages) = try Self.linkedLibraries()
        #expect(libraries.count >= 5, "expected at least sqlite3 and the four module maps, found \(libraries)")
        for package in aptPackages {
            #expect(listed.contains(package), "Package.swift names the apt package '\(package)', which scripts/system-packages.txt does not list: `make run` and `make test` would not install it")
        }
        for library in libraries {
            let package = try Self.owningPackage(ofLibrary: library)
            #expect(package != nil, "no installed Debian package provides lib\(library).so, which the build links; add its -dev package to scripts/system-packages.txt")
            if let package {
                #expect(listed.contains(package), "the build links lib\(library).so from the Debian package '\(package)', which scripts/system-packages.txt does not list: `make run` and `make test` would not install it on a fresh machine")
            }
        }
    }

    /// `make test` in a folder holding only what a fresh clone has (the Makefile and `scripts/`), on
    /// a machine where `dpkg` knows no package: `apt-get install` is asked for every package of the
    /// list, and SwiftPM runs after it. `dpkg`, `apt-get` and `swift` are stand-ins that record
    /// their arguments, so nothing is installed.
    @Test func theTestCommandInstallsEveryMissingPackageThenRunsSwiftPM() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("omc-fresh-\(UUID().uuidString)")
        let fakes = folder.appendingPathComponent("bin")
        let clone = folder.appendingPathComponent("clone")
        try FileManager.default.createDirectory(at: fakes, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: clone.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in ["Makefile", "scripts/install-system-packages.sh", "scripts/system-packages.txt",
                     "scripts/install-python-test-tools.sh", "scripts/python-test-tools.txt"] {
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent(file), to: clone.appendingPathComponent(file))
        }
        let calls = folder.appendingPathComponent("calls.log").path
        let recorder = "#!/bin/sh\necho \"$(basename \"$0\") $*\" >> '\(calls)'\n"
        for (name, exit) in [("dpkg", 1), ("apt-get", 0), ("sudo-free-swift", 0)] {
            let path = fakes.appendingPathComponent(name).path
            try (recorder + "exit \(exit)\n").write(toFile: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }
        // python3 makes a virtual environment whose python records what it is asked to install.
        let python = fakes.appendingPathComponent("python3").path
        try """
            #!/bin/sh
            echo "python3 $*" >> '\(calls)'
            if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
                mkdir -p "$3/bin"
                printf '#!/bin/sh\\necho "venv-python $*" >> %s\\n' "'\(calls)'" > "$3/bin/python"
                chmod +x "$3/bin/python"
            fi
            """.write(toFile: python, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python)
        // Root runs apt-get directly; any other user goes through sudo, which the stand-in passes on.
        let sudo = fakes.appendingPathComponent("sudo").path
        try "#!/bin/sh\nexec \"$@\"\n".write(toFile: sudo, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: sudo)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/make")
        process.arguments = ["-s", "test", "SWIFT=\(fakes.appendingPathComponent("sudo-free-swift").path)"]
        process.currentDirectoryURL = clone
        process.environment = ["PATH": fakes.path + ":/usr/bin:/bin", "HOME": folder.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        let log = try String(contentsOfFile: calls, encoding: .utf8).split(separator: "\n").map(String.init)
        let listed = try Self.listedPackages()
        let install = log.first { $0.hasPrefix("apt-get install") } ?? ""
        for package in listed { #expect(install.contains(package), "make test did not install \(package): \(log)") }
        #expect(log.last == "sudo-free-swift test", "SwiftPM must run after the packages are installed: \(log)")
        #expect(log.contains("python3 -m venv .build/python-test-tools"), "\(log)")
        #expect(log.contains("venv-python -m pip install --quiet --disable-pip-version-check -r scripts/python-test-tools.txt"), "\(log)")
    }

    @Test func theREADMEsCommandsAndCIInstallFromTheList() throws {
        let makefile = try String(contentsOf: Self.root.appendingPathComponent("Makefile"), encoding: .utf8)
        #expect(makefile.contains("scripts/install-system-packages.sh"))
        #expect(makefile.contains("run: system-packages") && makefile.contains("test: system-packages"))
        let ci = try String(contentsOf: Self.root.appendingPathComponent(".ci/run"), encoding: .utf8)
        #expect(ci.contains("make test"), ".ci/run must run the README's test command")
        let script = try String(contentsOf: Self.root.appendingPathComponent("scripts/install-system-packages.sh"), encoding: .utf8)
        #expect(script.contains("scripts/system-packages.txt"))
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("make run") && readme.contains("make test"))
    }
}
