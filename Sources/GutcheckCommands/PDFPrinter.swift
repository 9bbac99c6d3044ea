import Foundation

/// Prints an HTML file to PDF with headless Chromium (`--print-to-pdf`). Chromium honours the
/// page's `@page` rules (paper size, margins, page-number boxes), so the PDF is the print
/// layout a browser shows. We drive the browser rather than bundle a PDF writer: no
/// maintained Swift library lays out HTML and CSS for print.
struct PDFPrinter {
    /// Names tried on the PATH, in order; `GUTCHECK_CHROMIUM` (a path or name) wins.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let timeout: TimeInterval = 180

    let executable: URL

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func find(environment: [String: String] = Console.current.environment) throws -> PDFPrinter {
        let names = environment["GUTCHECK_CHROMIUM"].map { [$0] } ?? candidates
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            if name.contains("/") {
                if FileManager.default.isExecutableFile(atPath: name) { return PDFPrinter(executable: URL(fileURLWithPath: name)) }
                continue
            }
            for folder in folders {
                let path = (folder as NSString).appendingPathComponent(name)
                if FileManager.default.isExecutableFile(atPath: path) { return PDFPrinter(executable: URL(fileURLWithPath: path)) }
            }
        }
        throw Failure(description: """
            --pdf needs headless Chromium, and none was found on the PATH (looked for \(names.joined(separator: ", "))). \
            Install it (Debian/Ubuntu: sudo apt-get install chromium) or set GUTCHECK_CHROMIUM to the browser's path; \
            nothing was written
            """)
    }

    /// Prints `html` to `pdf`. The browser's profile and log live in `workspace` (the staging
    /// folder), so a run killed mid-print leaves them only where the next run clears stale
    /// staging folders. The browser runs in its own process group: past the timeout the whole
    /// group gets SIGTERM, then SIGKILL, so no helper process outlives the run.
    func print(_ html: URL, to pdf: URL, workspace: URL, timeout: TimeInterval = Self.timeout) throws {
        let profile = workspace.appendingPathComponent(".gutcheck-chromium-\(UUID().uuidString)")
        let log = profile.appendingPathExtension("log")
        defer {
            OutputFolder.removeTree(profile)
            unlink(log.path)
        }
        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString,
        ]
        // Chromium will not start as root inside its sandbox (containers, CI runners).
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        let pid = try spawn(arguments, log: log)
        let deadline = Date().addingTimeInterval(timeout)
        var status: Int32 = 0
        var exited = false
        while Date() < deadline {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno != EINTR) { exited = true; break }
            usleep(50_000)
        }
        if !exited {
            stopGroup(pid)
            throw Failure(description: "\(executable.lastPathComponent) did not finish printing \(html.lastPathComponent) within \(Int(timeout)) s")
        }
        // Helpers the browser left behind (it is done with them).
        kill(-pid, SIGKILL)
        let chatter = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard code == 0, size > 0 else {
            let last = chatter.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw Failure(description: "\(executable.lastPathComponent) could not print \(html.lastPathComponent) to PDF (exit \(code))\(last.isEmpty ? "" : ": \(last)")")
        }
    }

    /// Starts the browser in a process group of its own, its chatter into `log` (a file, not a
    /// pipe: a full pipe would stall the browser until the timeout).
    private func spawn(_ arguments: [String], log: URL) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable.path, &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw Failure(description: "could not start \(executable.path): \(String(cString: strerror(result)))")
        }
        return pid
    }

    /// SIGTERM to the browser's group, then SIGKILL if it has not gone in five seconds.
    private func stopGroup(_ pid: pid_t) {
        kill(-pid, SIGTERM)
        var status: Int32 = 0
        for _ in 0..<100 {
            if waitpid(pid, &status, WNOHANG) == pid { kill(-pid, SIGKILL); return }
            usleep(50_000)
        }
        kill(-pid, SIGKILL)
        waitpid(pid, &status, 0)
    }
}
