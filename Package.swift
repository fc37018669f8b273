// swift-tools-version:6.1
// CreditRelief: the 2020 SME credit-relief policy, exact to the fen.
import PackageDescription

let package = Package(
    name: "CreditRelief",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "relief", targets: ["relief"]),
        .library(name: "ReliefDomain", targets: ["ReliefDomain"]),
        .library(name: "ReliefEngine", targets: ["ReliefEngine"]),
        // For the fuzz targets (Fuzz/, a package of its own).
        .library(name: "ReliefInterchange", targets: ["ReliefInterchange"]),
        .library(name: "ReliefLedger", targets: ["ReliefLedger"]),
        .library(name: "ReliefApp", targets: ["ReliefApp"]),
        .library(name: "ReliefServer", targets: ["ReliefServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // Pure values and rules: money, rates, dates, credit codes, loan terms, programmes.
        .target(name: "ReliefDomain"),
        // Pure calculations over domain values: schedules, deferral, penalties, fees.
        .target(
            name: "ReliefEngine",
            dependencies: [
                "ReliefDomain",
                .product(name: "BigInt", package: "BigInt"),
            ]
        ),
        // The double-entry journal and its SQLite store (GRDB): accounts, entries, postings,
        // loans and their schedules, events, queries and invariant checks.
        .target(
            name: "ReliefLedger",
            dependencies: [
                "ReliefDomain",
                "ReliefEngine",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // libxml2 (system library, found through pkg-config) behind a shim that keeps ICU out.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Bytes <-> domain values: CSV, the loan-book XML, ISO 20022; every record keeps its
        // source position, every problem names file, line and field.
        .target(name: "ReliefInterchange", dependencies: ["ReliefDomain", "CLibXML2"]),
        // Deterministic sample data (SME loans of Jining banks) for the demo, benchmarks and tests.
        .target(name: "ReliefSamples", dependencies: ["ReliefDomain", "ReliefLedger"]),
        // The workflows every front end calls: each takes its inputs (bytes with their names,
        // today, the acting account) and returns values; no printing, no argument parsing.
        .target(
            name: "ReliefApp",
            dependencies: ["ReliefDomain", "ReliefEngine", "ReliefLedger", "ReliefInterchange", "ReliefSamples",
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // What people and machines read: the contract's JSON shapes, text tables, the HTML
        // report and its SVG charts; renders the application layer's results.
        .target(
            name: "ReliefPresentation",
            dependencies: ["ReliefDomain", "ReliefEngine", "ReliefLedger", "ReliefInterchange", "ReliefApp"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The web front end (Hummingbird): parse the request, call one workflow, render.
        .target(
            name: "ReliefServer",
            dependencies: ["ReliefDomain", "ReliefEngine", "ReliefLedger", "ReliefApp", "ReliefPresentation",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The command line: parse arguments, call one workflow, render.
        .target(
            name: "ReliefCLI",
            dependencies: [
                "ReliefDomain",
                "ReliefEngine",
                "ReliefLedger",
                "ReliefInterchange",
                "ReliefApp",
                "ReliefPresentation",
                "ReliefServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(name: "relief", dependencies: ["ReliefCLI"]),
        // Fixed workloads that print throughput and peak memory (run in release).
        .executableTarget(name: "relief-bench", dependencies: ["ReliefDomain", "ReliefEngine", "ReliefLedger", "ReliefSamples", "ReliefInterchange", "CLibXML2",
                                                            .product(name: "GRDB", package: "GRDB.swift")]),
        // What the test targets share (a seeded generator); not part of the products.
        .target(name: "ReliefTestSupport", path: "Tests/ReliefTestSupport"),
        .testTarget(name: "ReliefDomainTests", dependencies: ["ReliefDomain", "ReliefTestSupport"]),
        .testTarget(name: "ReliefEngineTests", dependencies: ["ReliefDomain", "ReliefEngine", "ReliefTestSupport"]),
        .testTarget(name: "ReliefLedgerTests", dependencies: ["ReliefLedger", "ReliefDomain", "ReliefEngine", "ReliefSamples", "ReliefTestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReliefInterchangeTests", dependencies: ["ReliefInterchange", "ReliefDomain", "ReliefTestSupport"]),
        .testTarget(name: "ReliefServerTests", dependencies: ["ReliefServer", "ReliefApp", "ReliefLedger", "ReliefDomain",
                                                            .product(name: "Hummingbird", package: "hummingbird"),
                                                            .product(name: "HummingbirdTesting", package: "hummingbird"),
                                                            .product(name: "HTTPTypes", package: "swift-http-types")]),
        .testTarget(name: "ReliefPresentationTests", dependencies: ["ReliefPresentation", "ReliefEngine", "ReliefDomain"]),
        .testTarget(name: "ReliefAppTests", dependencies: ["ReliefApp", "ReliefDomain", "ReliefLedger", "ReliefInterchange", "ReliefTestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReliefCLITests", dependencies: ["ReliefCLI", "ReliefDomain", "ReliefEngine", "ReliefLedger", "ReliefInterchange", "ReliefSamples", "ReliefTestSupport",
                                                         .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
