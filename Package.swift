// swift-tools-version: 6.2
import PackageDescription

/// Plugins compiled into the `omc` executable. `plugins.yaml` decides which of them run at a site.
/// A vendor adding an NE type adds a target under `Plugins/` and one entry here and in
/// `Sources/omc/BundledPlugins.swift`; the host itself is never touched.
let bundledPlugins: [Target.Dependency] = ["NEManagement", "Security", "UDM", "PCF", "Trace", "UPF", "NEMaintenance", "Fault", "System", "Performance", "AMF", "SMF", "IMS", "N3IWF"]

/// Swift 6 with the upcoming features Hummingbird's own package enables: `any` spelled out, members
/// visible only from modules a file imports itself, and imports internal unless written `public import`
/// (so PluginAPI re-exports nothing of its own dependencies).
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "omc",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "omc", targets: ["omc"]),
        .library(name: "PluginAPI", targets: ["PluginAPI"]),
        .library(name: "OMCTesting", targets: ["OMCTesting"]),
        .library(name: "NESimulator", targets: ["NESimulator"]),
        .executable(name: "omc-nesim", targets: ["omc-nesim"]),
        .library(name: "Spreadsheet", targets: ["Spreadsheet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", exact: "2.0.1"),
    ],
    targets: [
        .target(
            name: "PluginAPI",
            dependencies: [.product(name: "MultipartKit", package: "multipart-kit")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OMCHost",
            dependencies: [
                "PluginAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "OMCTesting", dependencies: ["OMCHost", "PluginAPI"], swiftSettings: strictSettings),
        .executableTarget(
            name: "omc",
            dependencies: [
                "OMCHost",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ] + bundledPlugins,
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "omc-bench",
            dependencies: [
                "OMCHost", "PluginAPI", "NEManagement", "Security", "UDM", "PCF", "Trace", "UPF", "Spreadsheet", "OMCTesting",
                "OMCTestSupport", .product(name: "Hummingbird", package: "hummingbird"),
            ],
            path: "Benchmarks/omc-bench",
            swiftSettings: strictSettings
        ),
        .target(
            name: "NESimulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "omc-nesim",
            dependencies: [
                "NESimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .target(name: "NEManagement", dependencies: ["PluginAPI"], path: "Plugins/NEManagement", swiftSettings: strictSettings),
        .testTarget(name: "NEManagementTests", dependencies: ["NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI"], swiftSettings: strictSettings),
        .systemLibrary(name: "CCrypt", path: "Sources/CCrypt"),
        .systemLibrary(name: "CGD", path: "Sources/CGD"),
        .target(
            name: "Security",
            dependencies: ["PluginAPI", "Spreadsheet", "CCrypt", "CGD", .product(name: "JWTKit", package: "jwt-kit"),
                           .product(name: "Crypto", package: "swift-crypto")],
            path: "Plugins/Security",
            exclude: ["SCHEMA.md"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SecurityTests",
            dependencies: [
                "Security", "NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI", "Spreadsheet",
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: strictSettings
        ),
        // The complete example of docs/PLUGIN_GUIDE.md §8: built and tested with the suite, never bundled.
        .target(name: "Notes", dependencies: ["PluginAPI"], path: "Examples/Notes", swiftSettings: strictSettings),
        .testTarget(name: "NotesTests", dependencies: ["Notes", "OMCTesting", "PluginAPI"], swiftSettings: strictSettings),
        .testTarget(name: "PluginAPITests", dependencies: ["PluginAPI", "OMCTesting"], swiftSettings: strictSettings),
        .testTarget(
            name: "OMCHostTests",
            dependencies: [
                "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI",
                // Every bundled plugin, for the check that each of their messages has a translation.
                "NEManagement", "Security", "UDM", "PCF", "Trace", "UPF", "NEMaintenance", "Fault", "System", "Performance", "AMF", "SMF", "IMS", "N3IWF",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "UDM",
            dependencies: ["PluginAPI", "Spreadsheet", .product(name: "Crypto", package: "swift-crypto")],
            path: "Plugins/UDM",
            swiftSettings: strictSettings
        ),
        .target(
            name: "OMCTestSupport",
            dependencies: ["PluginAPI", "OMCTesting", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/Support",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "UDMTests",
            dependencies: ["UDM", "NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI", "Spreadsheet"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NESimulatorTests",
            dependencies: [
                "NESimulator",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CFreeXL", path: "Sources/CFreeXL", providers: [.apt(["libfreexl-dev"])]),
        .target(
            name: "Spreadsheet",
            dependencies: ["CXLSXWriter", "CFreeXL", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "OMCTestSupport"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .target(name: "Trace", dependencies: ["PluginAPI"], path: "Plugins/Trace", swiftSettings: strictSettings),
        .target(name: "UPF", dependencies: ["PluginAPI"], path: "Plugins/UPF", swiftSettings: strictSettings),
        .target(name: "Fault", dependencies: ["PluginAPI", "Spreadsheet"], path: "Plugins/Fault", swiftSettings: strictSettings),
        .testTarget(name: "FaultTests", dependencies: ["Fault", "NEManagement", "UDM", "System", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI", "Spreadsheet",
                                                  .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Logging", package: "swift-log")],
                    swiftSettings: strictSettings),
        .target(name: "System", dependencies: ["PluginAPI", "Spreadsheet", .product(name: "Crypto", package: "swift-crypto")],
                path: "Plugins/System", swiftSettings: strictSettings),
        .testTarget(name: "SystemTests", dependencies: ["System", "NEManagement", "OMCHost", "OMCTesting", "PluginAPI", "OMCTestSupport", "Spreadsheet",
                                                        .product(name: "Crypto", package: "swift-crypto")],
                    swiftSettings: strictSettings),
        .target(name: "Performance", dependencies: ["PluginAPI", "Spreadsheet"], path: "Plugins/Performance", swiftSettings: strictSettings),
        .testTarget(name: "PerformanceTests", dependencies: ["Performance", "NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI"],
                    swiftSettings: strictSettings),
        .target(name: "AMF", dependencies: ["PluginAPI"], path: "Plugins/AMF", swiftSettings: strictSettings),
        .target(name: "SMF", dependencies: ["PluginAPI"], path: "Plugins/SMF", swiftSettings: strictSettings),
        .target(name: "IMS", dependencies: ["PluginAPI"], path: "Plugins/IMS", swiftSettings: strictSettings),
        .target(name: "N3IWF", dependencies: ["PluginAPI"], path: "Plugins/N3IWF", swiftSettings: strictSettings),
        .testTarget(name: "CoreNETypesTests", dependencies: ["AMF", "SMF", "IMS", "N3IWF", "NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI"],
                    swiftSettings: strictSettings),
        .testTarget(name: "TraceTests", dependencies: ["Trace", "UPF", "NEManagement", "OMCHost", "OMCTesting", "PluginAPI", "OMCTestSupport"],
                    swiftSettings: strictSettings),
        .target(
            name: "PCF",
            dependencies: ["PluginAPI", "Spreadsheet", .product(name: "CSV", package: "CSV.swift")],
            path: "Plugins/PCF",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PCFTests",
            dependencies: ["PCF", "NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI", "Spreadsheet"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "NEMaintenance",
            dependencies: ["PluginAPI", .product(name: "Crypto", package: "swift-crypto"), .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Plugins/NEMaintenance",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NEMaintenanceTests",
            dependencies: ["NEMaintenance", "NEManagement", "OMCHost", "OMCTesting", "OMCTestSupport", "PluginAPI",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation"), .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSettings
        ),
    ]
)
