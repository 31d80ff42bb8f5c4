// swift-tools-version:6.1
import PackageDescription

let systemPackage: Target.Dependency = .product(name: "SystemPackage", package: "swift-system")

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
        .package(url: "https://github.com/apple/swift-system", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CMark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // OpenSSL's libcrypto for SHA-256 (fsx replay hashes), a system library like libcmark.
        .systemLibrary(
            name: "CCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // fallocate(2), FALLOC_FL_* and SEEK_DATA/SEEK_HOLE, which Swift's Glibc module does not declare.
        .target(name: "CHostSystem"),
        // The one typed system-call layer (swift-system's FileDescriptor and Errno) under the file block device
        // and the kernel side of the cross-check.
        .target(name: "HostSystem", dependencies: ["CHostSystem", systemPackage]),
        .target(name: "IomapEngine", dependencies: ["HostSystem", systemPackage]),
        .target(name: "SpecKit", dependencies: ["CMark", "IomapEngine", "HostSystem", systemPackage]),
        .target(name: "FsxReplay", dependencies: ["CCrypto", "IomapEngine", "HostSystem", systemPackage]),
        .executableTarget(
            name: "iomapspec",
            dependencies: [
                "IomapEngine", "SpecKit", "FsxReplay", "HostSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HostSystemTests", dependencies: ["HostSystem", systemPackage]),
        .testTarget(name: "IomapEngineTests", dependencies: ["IomapEngine"]),
        .testTarget(name: "SpecKitTests", dependencies: ["SpecKit", "IomapEngine"]),
        .testTarget(name: "iomapspecTests", dependencies: [
            "iomapspec", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "FsxReplayTests", dependencies: ["FsxReplay", "IomapEngine", "HostSystem", systemPackage]),
    ],
    swiftLanguageModes: [.v5]
)
