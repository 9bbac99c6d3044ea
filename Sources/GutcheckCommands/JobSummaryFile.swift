import Foundation
import GutcheckRender

/// Appends to a CI job-summary file (GitHub's `GITHUB_STEP_SUMMARY`): other steps may have
/// written to it already, so it is never replaced.
enum JobSummaryFile {
    static func append(_ text: String, to path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            FileManager.default.createFile(atPath: path, contents: nil)
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw CocoaError(.fileWriteNoPermission)
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
    }
}
