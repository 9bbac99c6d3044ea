import Foundation

/// Writes a report folder all at once: files go into a fresh folder beside the target,
/// which replaces the target only when complete (SPEC §5, §8.15). An existing folder is
/// replaced only if it carries our marker, so `--out ~/Documents` cannot wipe a folder.
struct OutputFolder {
    static let marker = ".gutcheck-output"

    enum Failure: Error, CustomStringConvertible {
        case notOurs(String)
        case unsafePath(String)
        case io(String)

        var description: String {
            switch self {
            case .notOurs(let path):
                return "\(path) exists and is not a previous gutcheck output (it has no \(OutputFolder.marker) file); choose another --out or pass --force to replace it"
            case .unsafePath(let path): return "refusing to write outside the output folder: \(path)"
            case .io(let message): return message
            }
        }
    }

    /// `finish` runs on the staging folder after the files are written and before it moves into
    /// place (PDF printing): if it throws, nothing is replaced.
    static func write(_ files: [(path: String, contents: String)], to target: String, force: Bool,
                      finish: (URL) throws -> Void = { _ in }) throws(Failure) {
        let fm = FileManager.default
        let targetURL = URL(fileURLWithPath: target).standardizedFileURL
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: targetURL.path, isDirectory: &isDirectory)
        if exists && !force {
            guard isDirectory.boolValue, fm.fileExists(atPath: targetURL.appendingPathComponent(marker).path) else {
                throw .notOurs(target)
            }
        }
        let parent = targetURL.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(targetURL.lastPathComponent).gutcheck-new-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            for (path, contents) in files {
                let url = staging.appendingPathComponent(path).standardizedFileURL
                guard !path.contains(".."), !path.hasPrefix("/"), url.path.hasPrefix(staging.standardizedFileURL.path + "/") else {
                    throw Failure.unsafePath(path)
                }
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            }
            try finish(staging)
            try Data("Written by gutcheck. A folder with this file may be replaced by the next run.\n".utf8)
                .write(to: staging.appendingPathComponent(marker))
            if exists {
                let old = parent.appendingPathComponent(".\(targetURL.lastPathComponent).gutcheck-old-\(ProcessInfo.processInfo.processIdentifier)")
                try? fm.removeItem(at: old)
                try fm.moveItem(at: targetURL, to: old)
                try fm.moveItem(at: staging, to: targetURL)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: targetURL)
            }
        } catch let failure as Failure {
            try? fm.removeItem(at: staging)
            throw failure
        } catch {
            try? fm.removeItem(at: staging)
            throw .io("could not write \(target): \(error.localizedDescription)")
        }
    }
}
