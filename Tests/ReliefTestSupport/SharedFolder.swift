import Foundation

/// The project's ../shared folder (beside the package: SPEC.md, RULES.md, the public conformance
/// corpus). CI and developers have it; a user's clone does not. A test that reads it is enabled
/// only when it is present (`@Test(.enabled(if: SharedFolder.isPresent, SharedFolder.absent))`),
/// so a clone without it reports those tests as skipped, with this reason, never as passed.
public enum SharedFolder {
    /// ../shared beside the package, found from this file's path (Tests/ReliefTestSupport/).
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared")

    /// ../shared/conformance: the ISO 20022 messages, their XSDs and the banks' CSV exports.
    public static let conformance = url.appendingPathComponent("conformance")

    /// Whether ../shared/conformance is there to read.
    public static var isPresent: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: conformance.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Why a test that reads ../shared did not run (the skip reason in the test report).
    public static var absent: String {
        "\(conformance.path) is absent (a clone without ../shared): this test reads its conformance files, so it is skipped"
    }
}
