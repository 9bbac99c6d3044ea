// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "gutcheck",
    platforms: [.macOS(.v15)],  // Synchronization's Mutex
    products: [
        .executable(name: "gutcheck", targets: ["gutcheck"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", exact: "2.1.1"),
    ],
    targets: [
        // MARK: Core library — parses, validates and computes; no file system, no terminal.

        /// Plan (YAML) and results (CSV) readers, the fiscal calendar, every formula and the answers.
        .target(
            name: "GutcheckCore",
            dependencies: ["CByteScan", .product(name: "Yams", package: "Yams")]
        ),

        /// 64 bytes to a bit mask of the CSV scanner's special bytes (SSE2; a loop elsewhere).
        .target(name: "CByteScan"),

        // MARK: Rendering — Markdown templates, cmark HTML, SVG charts, summary.json.

        /// Debian's libcmark-dev, the CommonMark reference library, as a system module.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        /// Turns a computed report into Markdown (Mustache templates), HTML (cmark) and JSON; merges shard summaries.
        .target(
            name: "GutcheckRender",
            dependencies: [
                "GutcheckCore", "CCmark",
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // MARK: Command line

        /// The `report`, `check` and `questions` commands: file I/O, output folder, exit codes.
        .target(
            name: "GutcheckCommands",
            dependencies: [
                "GutcheckCore", "GutcheckRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        /// The thin executable.
        .executableTarget(name: "gutcheck", dependencies: ["GutcheckCommands"]),

        // MARK: Fuzzing (libFuzzer; built only by scripts/fuzz.sh with --sanitize fuzzer)

        .executableTarget(name: "FuzzResults", dependencies: ["GutcheckCore"]),
        .executableTarget(name: "FuzzPlan", dependencies: ["GutcheckCore"]),

        // MARK: Tests

        .testTarget(name: "GutcheckCoreTests", dependencies: ["GutcheckCore"], exclude: ["Corpus"]),
        .testTarget(
            name: "GutcheckRenderTests",
            // swift-mustache only as the reference the template engine is tested against.
            dependencies: ["GutcheckRender", "GutcheckCore", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .testTarget(
            name: "GutcheckCommandsTests",
            dependencies: ["GutcheckCommands", "GutcheckCore", "GutcheckRender"],
            exclude: ["Fixtures", "Golden"]
        ),
    ]
)
