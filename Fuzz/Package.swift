// swift-tools-version:6.1
// libFuzzer targets for every reader of CreditRelief (issue: fuzzing every parser). A package of
// its own: a target whose only entry point is `LLVMFuzzerTestOneInput` has no `main` (libFuzzer
// brings it when linked with `-sanitize=fuzzer`), so it cannot sit in the root package that
// `swift build` links. Built and run by `Fuzz/run` into `.build-fuzz`.
import PackageDescription

let reader = { (name: String) -> Target in
    .executableTarget(name: name, dependencies: [.product(name: "ReliefInterchange", package: "CreditRelief"),
                                                  .product(name: "ReliefDomain", package: "CreditRelief"), "FuzzSupport"],
                      path: "Sources/\(name)")
}

let package = Package(
    name: "CreditReliefFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "CreditRelief", path: "..")],
    targets: [
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        reader("fuzz-csv-scanner"),
        reader("fuzz-loan-csv"),
        reader("fuzz-register-csv"),
        reader("fuzz-statement-csv"),
        reader("fuzz-loanbook"),
        reader("fuzz-camt"),
        reader("fuzz-programme"),
        reader("fuzz-values"),
        .executableTarget(name: "fuzz-import", dependencies: [.product(name: "ReliefApp", package: "CreditRelief"),
                                                              .product(name: "ReliefLedger", package: "CreditRelief"),
                                                              .product(name: "ReliefDomain", package: "CreditRelief"), "FuzzSupport"],
                          path: "Sources/fuzz-import"),
        .executableTarget(name: "fuzz-forms", dependencies: [.product(name: "ReliefServer", package: "CreditRelief"), "FuzzSupport"],
                          path: "Sources/fuzz-forms"),
    ],
    swiftLanguageModes: [.v6]
)
