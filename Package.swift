// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "iomapspec",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "iomapspec", targets: ["iomapspec"]),
        .library(name: "IomapEngine", targets: ["IomapEngine"]),
        .library(name: "SpecKit", targets: ["SpecKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "IomapEngine",
            dependencies: [.product(name: "SystemPackage", package: "swift-system")]
        ),
        .target(name: "SpecKit", dependencies: ["CMark", "IomapEngine"]),
        .target(name: "FsxReplay", dependencies: ["IomapEngine"]),
        .executableTarget(
            name: "iomapspec",
            dependencies: [
                "IomapEngine", "SpecKit", "FsxReplay",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "IomapEngineTests", dependencies: ["IomapEngine"]),
        .testTarget(name: "SpecKitTests", dependencies: ["SpecKit", "IomapEngine"]),
        .testTarget(name: "FsxReplayTests", dependencies: ["FsxReplay", "IomapEngine"]),
    ],
    swiftLanguageModes: [.v5]
)
