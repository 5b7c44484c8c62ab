// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "clerk",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "clerk", targets: ["clerk"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The libxml2 C API. Only ClerkLibXML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // Swift API over libxml2: write, parse, validate against an XSD.
        .target(name: "ClerkLibXML", dependencies: ["CLibXML2"]),
        // JSON values, reading and writing, and a draft 2020-12 schema validator.
        .target(
            name: "ClerkJSON",
            dependencies: [.product(name: "OrderedCollections", package: "swift-collections")]
        ),
        // The data files (Data/lexicon.tsv from SCOWL, Data/citation-table.tsv from reporters-db), embedded with C23 #embed.
        .target(name: "CClerkData", cSettings: [.unsafeFlags(["-std=c23"])]),
        // Document model, stages, stage registry, pipeline configuration, runner, edit log.
        .target(
            name: "ClerkCore",
            dependencies: [
                "ClerkJSON", "CClerkData", "ClerkLibXML",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [
                .embedInCode("Resources/pipeline.json"),
                .embedInCode("Resources/pipeline.schema.json"),
            ]
        ),
        // XML and JSON emitters and the validators for what they write.
        .target(
            name: "ClerkEmit",
            dependencies: ["ClerkCore", "ClerkJSON", "ClerkLibXML"],
            resources: [
                .embedInCode("Resources/opinion.xsd"),
                .embedInCode("Resources/opinion.schema.json"),
            ]
        ),
        // The review page: one self-contained HTML page per converted document (clerk review).
        .target(name: "ClerkReview", dependencies: ["ClerkCore"]),
        // Generated inputs: opinion dumps of each family, the variants batches dress text in, and
        // the benchmark corpus (clerk bench, the property and stress tests).
        .target(name: "ClerkCorpus"),
        // The decompressors of bulk inputs: libbz2 (no pkg-config file on Debian), zlib, liblzma.
        // Only ClerkBulk imports them.
        .systemLibrary(name: "CBZip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        // Bulk inputs read as streams with bounded memory: decompressed chunks (ByteChunkReader) and
        // the records in them (CSV, JSON Lines, a JSON array), each with its place in the stream.
        .target(name: "ClerkBulk", dependencies: ["CBZip2", "CZlib", "CLZMA"]),
        // Extended attributes of files (the record of what made an output, for --resume).
        .systemLibrary(name: "CExtendedAttributes"),
        // The command line.
        .executableTarget(
            name: "clerk",
            dependencies: [
                "ClerkCore", "ClerkEmit", "ClerkJSON", "ClerkLibXML", "ClerkCorpus", "ClerkReview", "ClerkBulk", "CExtendedAttributes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Bench/Resources/eyecite_bench.py")]
        ),
        // The fuzz target: arbitrary bytes through convert and emit (scripts/fuzz builds it with
        // libFuzzer; a normal build makes a tool that replays saved inputs).
        .systemLibrary(name: "CFuzzerDriver"),
        .executableTarget(
            name: "clerk-fuzz",
            dependencies: ["ClerkCore", "ClerkEmit", "CFuzzerDriver", "ClerkTestSupport"],
            path: "Sources/ClerkFuzz"
        ),
        .testTarget(name: "ClerkLibXMLTests", dependencies: ["ClerkLibXML"]),
        .testTarget(name: "ClerkBulkTests", dependencies: ["ClerkBulk", "ClerkTestSupport"]),
        .testTarget(
            name: "ClerkJSONTests", dependencies: ["ClerkJSON", "ClerkTestSupport"], exclude: ["jsonschema_verdicts.py"]),
        .testTarget(name: "ClerkCoreTests", dependencies: ["ClerkCore", "ClerkJSON", "ClerkTestSupport"]),
        .testTarget(
            name: "ClerkEmitTests",
            dependencies: ["ClerkEmit", "ClerkCore", "ClerkJSON", "ClerkLibXML", "ClerkReview", "ClerkTestSupport"]
        ),
        .testTarget(
            name: "ClerkPropertyTests", dependencies: ["ClerkCore", "ClerkEmit", "ClerkJSON", "ClerkTestSupport"]),
        .testTarget(
            name: "ClerkReviewTests", dependencies: ["ClerkReview", "ClerkCore", "ClerkLibXML", "ClerkTestSupport"]),
        // The command line as users run it: each command's options, errors, exit statuses and files.
        .testTarget(name: "ClerkCLITests", dependencies: ["clerk", "ClerkJSON", "ClerkTestSupport"]),
        // What Clerk finds, measured end to end on the samples and fixtures: page noise left and
        // nothing lost, structure, citations, OCR repairs.
        .testTarget(name: "ClerkQualityTests", dependencies: ["clerk", "ClerkTestSupport"]),
        // Scratch folders and external tools (xmllint, python3) for the test targets.
        .target(name: "ClerkTestSupport", dependencies: ["ClerkCorpus"], path: "Tests/ClerkTestSupport"),
    ]
)
