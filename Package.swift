// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ListDigest",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "listdigest", targets: ["listdigest"]),
        .executable(name: "listdigest-fetch", targets: ["listdigest-fetch"]),
        .library(name: "ListDigestCore", targets: ["ListDigestCore"]),
        .library(name: "ListDigestSite", targets: ["ListDigestSite"]),
        .library(name: "ListDigestFetch", targets: ["ListDigestFetch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        // Reads reports into the model and links them; never prints, never writes.
        .target(name: "ListDigestCore"),
        // Small C helpers Foundation lacks: an atomic swap of two folders, syncfs, a fast rm -rf,
        // allocator settings, the executable's build ID.
        .target(name: "CListDigestSupport"),
        // Draws charts as SVG from plain numbers; knows nothing of mailing lists.
        .target(name: "SVGCharts"),
        // Renders the model (Markdown, templates, JSON) and writes the site.
        .target(
            name: "ListDigestSite",
            dependencies: [
                "ListDigestCore",
                "SVGCharts",
                "CListDigestSupport",
                "CCmark",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // Fetches reports over HTTP with libcurl. Apart from the rest, as git keeps its HTTP
        // transport apart: loading libcurl and the thirty libraries it needs took half of every
        // start of the program, and only fetching uses them.
        .target(
            name: "ListDigestFetch",
            dependencies: ["ListDigestCore", "ListDigestSite", "CCurl"]
        ),
        // What both programs read from the command line and print to the terminal.
        .target(
            name: "ListDigestCommandLine",
            dependencies: [
                "ListDigestCore",
                "ListDigestSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The command. `fetch` (and `build --fetch`) run listdigest-fetch, installed beside it: not
        // a dependency, which would link libcurl into this program too (`swift build` builds both).
        .executableTarget(
            name: "listdigest",
            dependencies: [
                "ListDigestSite",
                "ListDigestCommandLine",
                "CListDigestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `listdigest fetch`, the only program that loads libcurl.
        .executableTarget(
            name: "listdigest-fetch",
            dependencies: [
                "ListDigestCore",
                "ListDigestSite",
                "ListDigestFetch",
                "ListDigestCommandLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark: a synthetic archive timed against cmark (README: Performance).
        .executableTarget(name: "listdigest-benchmark", dependencies: ["ListDigestCore", "ListDigestSite"]),
        // Fixtures and helpers shared by the test targets.
        .target(name: "ListDigestTestSupport", dependencies: ["ListDigestCore"], path: "Tests/ListDigestTestSupport"),
        .testTarget(name: "ListDigestCoreTests", dependencies: ["ListDigestCore", "ListDigestTestSupport"]),
        // swift-mustache is the reference the fast template renderer is tested against.
        .testTarget(
            name: "ListDigestSiteTests",
            dependencies: [
                "ListDigestSite", "ListDigestTestSupport", .product(name: "Mustache", package: "swift-mustache"),
            ]),
        .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts"]),
        // Fetches from a local HTTP server (FlyingFox) started by the tests.
        .testTarget(
            name: "ListDigestFetchTests",
            dependencies: [
                "ListDigestFetch", "ListDigestSite", "ListDigestTestSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
        // Runs the built executable end to end.
        .testTarget(name: "ListDigestCLITests", dependencies: ["listdigest", "ListDigestTestSupport"]),
        // The benchmark's synthetic archive: readable, deterministic, shaped like the corpus.
        .testTarget(name: "BenchmarkTests", dependencies: ["listdigest-benchmark", "ListDigestTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
