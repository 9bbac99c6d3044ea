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

    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PDFPrinter {
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

    func print(_ html: URL, to pdf: URL) throws {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("gutcheck-chromium-\(UUID().uuidString)")
        // Chromium's chatter goes to a file, not a pipe: a full pipe would stall the browser
        // until the timeout, since we read only after it exits.
        let log = profile.appendingPathExtension("log")
        defer {
            try? FileManager.default.removeItem(at: profile)
            try? FileManager.default.removeItem(at: log)
        }
        var arguments = [
            "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=\(profile.path)", "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", html.absoluteString,
        ]
        // Chromium will not start as root inside its sandbox (containers, CI runners).
        if geteuid() == 0 { arguments.insert("--no-sandbox", at: 0) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let errors = FileHandle(forWritingAtPath: log.path) else {
            throw Failure(description: "could not create a log file in \(FileManager.default.temporaryDirectory.path)")
        }
        defer { try? errors.close() }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw Failure(description: "could not start \(executable.path): \(error.localizedDescription)")
        }
        let deadline = Date().addingTimeInterval(Self.timeout)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning {
            process.terminate()
            throw Failure(description: "\(executable.lastPathComponent) did not finish printing \(html.lastPathComponent) within \(Int(Self.timeout)) s")
        }
        let chatter = String(decoding: FileManager.default.contents(atPath: log.path) ?? Data(), as: UTF8.self)
        let size = (try? FileManager.default.attributesOfItem(atPath: pdf.path)[.size] as? Int) ?? 0
        guard process.terminationStatus == 0, size > 0 else {
            let last = chatter.split(separator: "\n").suffix(3).joined(separator: " / ")
            throw Failure(description: "\(executable.lastPathComponent) could not print \(html.lastPathComponent) to PDF (exit \(process.terminationStatus))\(last.isEmpty ? "" : ": \(last)")")
        }
    }
}
