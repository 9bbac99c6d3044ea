import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a report folder all at once: files go into a fresh folder beside the target,
/// which replaces the target only when complete (SPEC §5, §8.15). An existing folder is
/// replaced only if it carries our marker, so `--out ~/Documents` cannot wipe a folder.
///
/// - The staging folder is made exclusively with a random name (`mkdtemp`), so in a shared
///   folder nobody can plant a symlink where the files go.
/// - The swap is one atomic exchange where Linux offers it (`renameat2` with
///   `RENAME_EXCHANGE`): a kill at any moment leaves the old report or the new one in place,
///   never neither. Elsewhere it is two renames, and a kill between them is repaired by the
///   next run (the old folder is put back).
/// - Staging folders of this output left by a process that is gone (killed mid-write) are
///   removed by the next run.
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
        let parent = targetURL.deletingLastPathComponent()
        let name = targetURL.lastPathComponent
        cleanUp(parent: parent, name: name, target: targetURL)
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: targetURL.path, isDirectory: &isDirectory)
        if exists && !force {
            guard isDirectory.boolValue, fm.fileExists(atPath: targetURL.appendingPathComponent(marker).path) else {
                throw .notOurs(target)
            }
        }
        var staging: URL?
        do {
            if !fm.fileExists(atPath: parent.path) { try fm.createDirectory(at: parent, withIntermediateDirectories: true) }
            let made = try temporaryFolder(in: parent, prefix: ".\(name).gutcheck-new-\(getpid())-")
            staging = made
            for (path, contents) in files {
                let url = made.appendingPathComponent(path).standardizedFileURL
                guard !path.contains(".."), !path.hasPrefix("/"), url.path.hasPrefix(made.standardizedFileURL.path + "/") else {
                    throw Failure.unsafePath(path)
                }
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(contents.utf8).write(to: url)
            }
            try finish(made)
            try Data("Written by gutcheck. A folder with this file may be replaced by the next run.\n".utf8)
                .write(to: made.appendingPathComponent(marker))
            if exists {
                if exchange(made.path, targetURL.path) {
                    // The old report is now where the staging folder was.
                    try? fm.removeItem(at: made)
                } else {
                    let old = try temporaryName(in: parent, prefix: ".\(name).gutcheck-old-\(getpid())-")
                    try fm.moveItem(at: targetURL, to: old)
                    try fm.moveItem(at: made, to: targetURL)
                    try? fm.removeItem(at: old)
                }
            } else {
                try fm.moveItem(at: made, to: targetURL)
            }
        } catch let failure as Failure {
            if let staging { try? fm.removeItem(at: staging) }
            throw failure
        } catch {
            if let staging { try? fm.removeItem(at: staging) }
            throw .io("could not write \(target): \(error.localizedDescription)")
        }
    }

    /// A new folder with a random name, made exclusively (`mkdtemp`).
    static func temporaryFolder(in parent: URL, prefix: String) throws -> URL {
        var template = Array(parent.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure.io("could not create a staging folder in \(parent.path): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made))
    }

    /// A fresh unused name beside the target (made as a folder, then freed, for `rename`).
    static func temporaryName(in parent: URL, prefix: String) throws -> URL {
        let url = try temporaryFolder(in: parent, prefix: prefix)
        rmdir(url.path)
        return url
    }

    /// Swaps two paths atomically; false where the system cannot (then the caller renames twice).
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        // renameat2 is in glibc but not in Swift's Glibc module; RENAME_EXCHANGE is 1 << 1.
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: Renameat2.self)
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, 1 << 1) == 0
        #else
        return false
        #endif
    }

    /// Removes this output's staging folders whose process is gone, and puts back an old
    /// report a kill left aside between the two renames of the fallback swap.
    static func cleanUp(parent: URL, name: String, target: URL) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for kind in ["new", "old"] {
            let prefix = ".\(name).gutcheck-\(kind)-"
            for entry in entries.sorted() where entry.hasPrefix(prefix) {
                let rest = entry.dropFirst(prefix.count)
                guard let pid = Int32(rest.prefix { $0.isNumber }), pid != getpid(), !processExists(pid) else { continue }
                let url = parent.appendingPathComponent(entry)
                if kind == "old" && !fm.fileExists(atPath: target.path)
                    && fm.fileExists(atPath: url.appendingPathComponent(marker).path) {
                    try? fm.moveItem(at: url, to: target)
                } else {
                    try? fm.removeItem(at: url)
                }
            }
        }
    }

    static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
