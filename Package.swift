// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ConsentDesk",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "consentdesk", targets: ["consentdesk"]),
        .library(name: "ConsentModel", targets: ["ConsentModel"]),
        .library(name: "ConsentStore", targets: ["ConsentStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The shared consent model: every rule, no I/O, time injected.
        .target(name: "ConsentModel"),
        // Transparency-log proofs: RFC 6962 Merkle trees, C2SP signed notes and checkpoints
        // (a port of Go's sumdb/tlog and sumdb/note); no store, no I/O.
        .target(name: "TransparencyLog", dependencies: [
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The file store: one SQLite file, hash-chained history, projections.
        .target(name: "ConsentStore", dependencies: [
            "ConsentModel", "TransparencyLog",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's own column functions, for verify's reads of every row (`StatementColumns`).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // ncursesw, wrapped for Swift.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The flags the app's signal handlers set and its loop reads: defined once, in C.
        .target(name: "CTerminalSignals"),
        // Pure-Swift terminal layer: screen buffer, widths, keys, widgets.
        .target(name: "TerminalKit"),
        // The one target that talks to ncurses.
        .target(name: "NcursesBackend", dependencies: ["CNcursesw", "CTerminalSignals", "TerminalKit"]),
        // The app: state, update, screens. Testable without a terminal.
        .target(name: "ConsentApp", dependencies: ["ConsentModel", "ConsentStore", "TerminalKit"]),
        // Command-line work: tables, import, export, demo data.
        .target(name: "ConsentCommands", dependencies: [
            "ConsentModel", "ConsentStore", "TerminalKit", "TransparencyLog",
            .product(name: "CSV", package: "CSV.swift"),
        ]),
        // Thin executable: argument parsing and wiring.
        .executableTarget(name: "consentdesk", dependencies: [
            "ConsentModel", "ConsentStore", "ConsentApp", "ConsentCommands", "NcursesBackend", "TerminalKit", "TransparencyLog",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // A writer used by the reliability tests and the benchmark.
        .executableTarget(name: "consentdesk-loadgen", dependencies: ["ConsentModel", "ConsentStore"]),
        // Helpers the test targets share: temp directories, the built binaries, processes.
        .target(name: "TestSupport", dependencies: ["TransparencyLog"], path: "Tests/TestSupport"),
        .testTarget(name: "ConsentModelTests", dependencies: ["ConsentModel"]),
        .testTarget(name: "TransparencyLogTests", dependencies: ["TransparencyLog"]),
        .testTarget(name: "ConsentStoreTests", dependencies: ["ConsentModel", "ConsentStore", "TestSupport"]),
        .testTarget(name: "TerminalKitTests", dependencies: ["TerminalKit"]),
        .testTarget(name: "ConsentAppTests", dependencies: ["ConsentApp", "TerminalKit", "ConsentModel", "ConsentStore", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "CommandLineTests", dependencies: ["ConsentModel", "ConsentCommands", "TestSupport", "TransparencyLog"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
