import Foundation
import GutcheckCore

#if canImport(Glibc)
import Glibc
#endif

/// Writes a report folder all at once, and never removes anything gutcheck did not write
/// (SPEC §5, §8.15, §14.6; docs/output-folder.md says what this promises).
///
/// - `--out` is checked before any work: empty, a file, the folder of an input (or an
///   ancestor of one), or a folder holding anything the marker's list does not name is a
///   usage error, with or without `--force`, and nothing is touched.
/// - Files go into a staging folder beside the target made exclusively with a random name
///   (`mkdtemp`, so nobody can plant a symlink where the files go), with the previous
///   folder's mode or the umask's. Each file is written with `open(O_EXCL|O_NOFOLLOW)`, so a
///   failed write names the file and the cause.
/// - The staging folder is locked (`flock`) while its writer lives. Staleness rests on that
///   lock, not on a pid: writers in other PID namespaces (containers on one volume) see each
///   other's live folders as locked.
/// - The swap runs under a lock on the parent folder and is one atomic exchange where Linux
///   offers it (`renameat2` with `RENAME_EXCHANGE`): a kill at any moment leaves the old
///   report or the new one. Elsewhere it is two renames, and a kill between them is repaired
///   by the next run. A mount point cannot be renamed: there the entries move one by one.
struct OutputFolder {
    static let marker = ".gutcheck-output"
    static let markerHeading = "Written by gutcheck. This folder is replaced by the next run: keep nothing else in it."
    static let listHeading = "The files gutcheck wrote:"

    enum Failure: Error, CustomStringConvertible {
        /// `--out` names something that must not be replaced: exit 2, nothing touched.
        case usage(String)
        case unsafePath(String)
        case io(String)

        var description: String {
            switch self {
            case .usage(let message): return message
            case .unsafePath(let path): return "refusing to write outside the output folder: \(path)"
            case .io(let message): return message
            }
        }
    }

    /// The checked `--out`: its real path, and whether a previous output is there.
    struct Target {
        let given: String
        let url: URL
        let exists: Bool
        /// The previous folder's permission bits, kept for the new one.
        let mode: mode_t?
        var parent: URL { url.deletingLastPathComponent() }
        var name: String { url.lastPathComponent }
    }

    // MARK: Checking --out

    /// SPEC §14.6: `--out` may be new, empty, or a folder gutcheck wrote and nothing else;
    /// never a file, an input's folder or an ancestor of one. `inputs` are the files and
    /// folders the command reads (the plan, results, `--compare`, templates, shards).
    static func check(_ given: String, inputs: [String], force: Bool) throws(Failure) -> Target {
        guard !given.isEmpty else {
            throw .usage("--out is empty; name the folder to write the reports to (for example --out gutcheck-report)")
        }
        let url = resolved(given)
        if url.path == "/" { throw .usage("--out \(Quote.user(given)) is the root folder; name a folder of its own for the reports") }
        for input in inputs where !input.isEmpty && input != "-" {
            let inputURL = resolved(input)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inputURL.path, isDirectory: &isDirectory) else { continue }
            let folder = isDirectory.boolValue ? inputURL : inputURL.deletingLastPathComponent()
            if inputURL.path == url.path {
                throw .usage("--out \(Quote.user(given)) is the input \(Quote.user(input)); --out names a folder of its own for the reports, and nothing there is replaced")
            }
            if folder.path == url.path || folder.path.hasPrefix(url.path + "/") {
                throw .usage("--out \(Quote.user(given)) holds the input \(Quote.user(input)), and the reports replace the whole folder; name a folder of its own, for example --out \(Quote.user((given as NSString).appendingPathComponent("gutcheck-report")))")
            }
        }
        var info = stat()
        guard lstat(url.path, &info) == 0 else {
            if errno == ENOENT { return Target(given: given, url: url, exists: false, mode: nil) }
            throw .usage("--out \(Quote.user(given)): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw .usage("--out \(Quote.user(given)) is a file; --out names a folder, which gutcheck creates")
        }
        let foreign = try foreignEntries(in: url, force: force, given: given)
        if !foreign.isEmpty {
            let shown = foreign.prefix(3).map { Quote.user($0) }.joined(separator: ", ")
            let more = foreign.count > 3 ? " and \(foreign.count - 3) more" : ""
            throw .usage("--out \(Quote.user(given)) holds files gutcheck did not write (\(shown)\(more)), and the reports replace the whole folder; move them out or name another folder (--force does not override this)")
        }
        return Target(given: given, url: url, exists: true, mode: info.st_mode & 0o7777)
    }

    /// What in an existing folder is not on its marker's list (its own staging folders and a
    /// mount point's empty `lost+found` aside). A folder without a marker is all foreign.
    static func foreignEntries(in folder: URL, force: Bool, given: String) throws(Failure) -> [String] {
        let mountPoint = isMountPoint(folder)
        let all = walk(folder).filter { entry in
            let top = String(entry.prefix { $0 != "/" })
            return !isOwnWorkspace(top) && !(top == "lost+found" && mountPoint)
        }
        let markerPath = folder.appendingPathComponent(marker).path
        // No marker: everything is foreign; the top-level names are what a person recognises.
        guard FileManager.default.fileExists(atPath: markerPath) else { return all.filter { !$0.dropLast().contains("/") } }
        guard let listed = manifest(atPath: markerPath) else {
            // An older gutcheck's marker, which named no files.
            if force { return [] }
            throw .usage("--out \(Quote.user(given)) was written by an earlier gutcheck, which kept no list of its files; check that nothing else is in it and pass --force once to replace it")
        }
        var allowed: Set<String> = [marker]
        for path in listed {
            allowed.insert(path)
            var parent = (path as NSString).deletingLastPathComponent
            while !parent.isEmpty { allowed.insert(parent + "/"); parent = (parent as NSString).deletingLastPathComponent }
        }
        return all.filter { !allowed.contains($0) }
    }

    /// The paths a marker lists, or nil for an older marker without a list.
    static func manifest(atPath path: String) -> [String]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard let start = lines.firstIndex(of: listHeading) else { return nil }
        return Array(lines[(start + 1)...])
    }

    /// Every entry under `folder`, relative, folders ending in "/"; symlinks are entries, never followed.
    static func walk(_ folder: URL, prefix: String = "") -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var result: [String] = []
        for name in names.sorted() {
            var info = stat()
            let url = folder.appendingPathComponent(name)
            guard lstat(url.path, &info) == 0 else { continue }
            if info.st_mode & S_IFMT == S_IFDIR {
                result.append(prefix + name + "/")
                result += walk(url, prefix: prefix + name + "/")
            } else {
                result.append(prefix + name)
            }
        }
        return result
    }

    /// The real path: symlinks and `..` of the part that exists resolved, the rest appended.
    static func resolved(_ path: String) -> URL {
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var rest: [String] = []
        while url.path != "/" {
            if let real = realpath(url.path, nil) {
                defer { free(real) }
                var result = URL(fileURLWithPath: String(cString: real))
                for component in rest.reversed() { result.appendPathComponent(component) }
                return result.standardizedFileURL
            }
            rest.append(url.lastPathComponent)
            url = url.deletingLastPathComponent()
        }
        var result = URL(fileURLWithPath: "/")
        for component in rest.reversed() { result.appendPathComponent(component) }
        return result
    }

    static func isMountPoint(_ folder: URL) -> Bool {
        var own = stat(), parent = stat()
        guard stat(folder.path, &own) == 0, stat(folder.deletingLastPathComponent().path, &parent) == 0 else { return false }
        return own.st_dev != parent.st_dev
    }

    // MARK: Writing

    /// Writes `files` to `given`. `finish` runs on the staging folder after the files are
    /// written and before it moves into place (PDF printing): if it throws, nothing is replaced.
    static func write(_ files: [(path: String, contents: String)], to given: String, inputs: [String] = [], force: Bool,
                      finish: (URL) throws -> Void = { _ in }) throws(Failure) {
        let first = try check(given, inputs: inputs, force: force)
        let mountPoint = first.exists && isMountPoint(first.url)
        // A mount point cannot be renamed, so its staging folder is inside it.
        let home = mountPoint ? first.url : first.parent
        do {
            try makeFolders(home)
        } catch {
            throw .io("could not create \(home.path): \(error)")
        }
        let staging = try Staging(in: home, prefix: workspacePrefix(mountPoint ? "" : first.name, kind: "new"),
                                  mode: first.mode ?? defaultFolderMode)
        defer { staging.close() }
        do {
            for (path, contents) in files {
                guard isSafe(path) else { throw Failure.unsafePath(path) }
                try makeFolders(staging.url.appendingPathComponent(path).deletingLastPathComponent(), under: staging.url)
                try writeFile(Array(contents.utf8), to: staging.url.appendingPathComponent(path), shown: path, in: given)
            }
            try finish(staging.url)
            // Nothing may have vanished under us (a disk that lies, a careless cleaner): check before publishing.
            let written = walk(staging.url).filter { !$0.hasSuffix("/") }
            let missing = Set(files.map(\.path)).subtracting(written)
            if let lost = missing.sorted().first { throw Failure.io("could not write \(given)/\(lost): it is gone from the staging folder; nothing was replaced") }
            let list = ([markerHeading, listHeading] + written).joined(separator: "\n") + "\n"
            try writeFile(Array(list.utf8), to: staging.url.appendingPathComponent(marker), shown: marker, in: given)
            try publish(staging, as: first, mountPoint: mountPoint, inputs: inputs, force: force)
        } catch let failure as Failure {
            staging.remove()
            throw failure
        } catch {
            staging.remove()
            throw .io("could not write \(given): \(error)")
        }
    }

    /// Under the parent's lock: stale folders cleared, `--out` checked again (it may have
    /// changed while we wrote), then the swap.
    static func publish(_ staging: Staging, as first: Target, mountPoint: Bool, inputs: [String], force: Bool) throws(Failure) {
        let lock = FolderLock(first.parent)
        defer { lock.release() }
        cleanUp(in: first.parent, name: first.name, target: first.url)
        if mountPoint {
            // The mount point's own workspaces are made under its lock (see `Staging`).
            let inner = FolderLock(first.url)
            defer { inner.release() }
            cleanUp(in: first.url, name: "", target: first.url)
        }
        let target = try check(first.given, inputs: inputs, force: force)
        if mountPoint {
            try moveEntries(of: staging, into: target)
            return
        }
        if !target.exists {
            try rename(staging.url, target.url)
        } else if exchange(staging.url.path, target.url.path) {
            // The old report is now where the staging folder was.
            removeTree(staging.url)
        } else {
            let old = try temporaryName(in: target.parent, prefix: workspacePrefix(target.name, kind: "old"))
            try rename(target.url, old)
            try rename(staging.url, target.url)
            removeTree(old)
        }
    }

    /// A mount point's swap: the old entries aside into a folder inside it, the new ones in.
    static func moveEntries(of staging: Staging, into target: Target) throws(Failure) {
        let fm = FileManager.default
        let aside = try Staging(in: target.url, prefix: workspacePrefix("", kind: "old"), mode: 0o700)
        defer { aside.close(); aside.remove() }
        let old = (try? fm.contentsOfDirectory(atPath: target.url.path)) ?? []
        for name in old where !isOwnWorkspace(name) && name != "lost+found" {
            try rename(target.url.appendingPathComponent(name), aside.url.appendingPathComponent(name))
        }
        let new = (try? fm.contentsOfDirectory(atPath: staging.url.path)) ?? []
        for name in new.sorted(by: { a, _ in a != marker }) {
            try rename(staging.url.appendingPathComponent(name), target.url.appendingPathComponent(name))
        }
        staging.remove()
    }

    // MARK: Staging folders and locks

    /// A staging folder, locked while this process holds it.
    final class Staging {
        let url: URL
        private var descriptor: Int32

        init(in parent: URL, prefix: String, mode: mode_t) throws(Failure) {
            // Made and locked under the parent's lock: `cleanUp`, which holds it too, would
            // otherwise see the new folder between `mkdtemp` and `flock` and remove it as stale.
            let parentLock = FolderLock(parent)
            defer { parentLock.release() }
            url = try OutputFolder.temporaryFolder(in: parent, prefix: prefix)
            descriptor = open(url.path, O_RDONLY | O_DIRECTORY)
            if descriptor >= 0 { _ = flock(descriptor, LOCK_EX | LOCK_NB) }
            chmod(url.path, mode)
        }

        func remove() { OutputFolder.removeTree(url) }

        func close() {
            if descriptor >= 0 { _ = Glibc.close(descriptor) }
            descriptor = -1
        }
    }

    /// An exclusive `flock` on a folder, waited for; a file system without locks gets none.
    struct FolderLock {
        let descriptor: Int32

        init(_ folder: URL) {
            descriptor = open(folder.path, O_RDONLY | O_DIRECTORY)
            if descriptor >= 0 {
                while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
            }
        }

        func release() { if descriptor >= 0 { _ = close(descriptor) } }
    }

    /// The name prefix of this output's staging (`new`) and set-aside (`old`) folders. The
    /// output's name is cut to stay within a file name's 255 bytes; a hash of the whole name
    /// keeps outputs that share a long prefix apart.
    static func workspacePrefix(_ name: String, kind: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        var short = ""
        for character in name where short.utf8.count + character.utf8.count <= 80 { short.append(character) }
        let tag = String(hash, radix: 16)
        return name.isEmpty ? ".gutcheck-\(kind)-" : ".\(short).\(tag).gutcheck-\(kind)-"
    }

    static func isOwnWorkspace(_ entry: String) -> Bool {
        entry.hasPrefix(".gutcheck-new-") || entry.hasPrefix(".gutcheck-old-")
    }

    /// Removes this output's staging folders whose writer is gone (their lock is free), and
    /// puts back an old report a kill left aside between the two renames of the fallback
    /// swap. Runs under the parent's lock, so an `old` folder found here has no live writer.
    static func cleanUp(in parent: URL, name: String, target: URL) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        let newPrefix = workspacePrefix(name, kind: "new"), oldPrefix = workspacePrefix(name, kind: "old")
        for entry in entries.sorted() {
            let url = parent.appendingPathComponent(entry)
            if entry.hasPrefix(newPrefix) {
                let descriptor = open(url.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
                guard descriptor >= 0 else { continue }
                defer { close(descriptor) }
                // Locked: its writer is alive, in this PID namespace or another.
                guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { continue }
                removeTree(url)
            } else if entry.hasPrefix(oldPrefix) {
                if !fm.fileExists(atPath: target.path) && fm.fileExists(atPath: url.appendingPathComponent(marker).path) {
                    try? rename(url, target)
                } else {
                    removeTree(url)
                }
            }
        }
    }

    /// A new folder with a random name, made exclusively (`mkdtemp`).
    static func temporaryFolder(in parent: URL, prefix: String) throws(Failure) -> URL {
        var template = Array(parent.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw Failure.io("could not create a staging folder in \(parent.path): \(String(cString: strerror(errno)))")
        }
        return URL(fileURLWithPath: String(cString: made))
    }

    /// A fresh unused name beside the target (made as a folder, then freed, for `rename`).
    static func temporaryName(in parent: URL, prefix: String) throws(Failure) -> URL {
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

    // MARK: File system steps that name the file and the cause

    /// The umask's folder mode (0777 less the umask), read once.
    static let defaultFolderMode: mode_t = {
        let mask = umask(0o022)
        umask(mask)
        return 0o777 & ~mask
    }()

    static func isSafe(_ path: String) -> Bool {
        !path.isEmpty && !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == ".." || $0 == "." || $0.isEmpty }
            && !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    }

    /// Creates `folder` and its missing parents (the umask applies), stopping at `root`.
    static func makeFolders(_ folder: URL, under root: URL? = nil) throws(Failure) {
        var missing: [URL] = []
        var url = folder.standardizedFileURL
        while url.path != "/" && url.path != root?.path && !FileManager.default.fileExists(atPath: url.path) {
            missing.append(url)
            url = url.deletingLastPathComponent()
        }
        for url in missing.reversed() where mkdir(url.path, 0o777) != 0 && errno != EEXIST {
            throw .io("could not create the folder \(url.path): \(String(cString: strerror(errno)))")
        }
    }

    /// Writes bytes to a new file; an error names the file (as the user will find it) and the cause.
    static func writeFile(_ bytes: [UInt8], to url: URL, shown: String, in given: String) throws(Failure) {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw .io("could not write \(given)/\(shown): \(String(cString: strerror(errno))); nothing was replaced") }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if Glibc.close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 {
            throw .io("could not write \(given)/\(shown): \(String(cString: strerror(failure))); nothing was replaced")
        }
    }

    static func rename(_ from: URL, _ to: URL) throws(Failure) {
        guard Glibc.rename(from.path, to.path) == 0 else {
            throw .io("could not move \(from.path) to \(to.path): \(String(cString: strerror(errno))); nothing was replaced")
        }
    }

    /// Removes a folder and everything in it, read-only folders too; never follows a symlink.
    static func removeTree(_ url: URL) {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR {
            chmod(url.path, 0o700)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] {
                removeTree(url.appendingPathComponent(name))
            }
            rmdir(url.path)
        } else {
            unlink(url.path)
        }
    }
}
