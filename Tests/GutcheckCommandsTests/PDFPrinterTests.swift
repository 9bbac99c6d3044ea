import Foundation
import Testing
@testable import GutcheckCommands

#if canImport(Glibc)
import Glibc
#endif

/// `--pdf` with a browser that hangs and ignores SIGTERM (issue 26, item 11): the run stops
/// at the timeout, the browser and its helpers are gone, and nothing is left in the workspace.
@Suite struct PDFPrinterTests {
    /// Running, not a zombie waiting for a reaper (a container's init may never reap it).
    static func alive(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return !stat[stat.index(close, offsetBy: 2)...].hasPrefix("Z")
    }

    @Test func aHungBrowserThatIgnoresTermIsKilledWithItsHelpers() throws {
        let dir = temporaryFolder()
        let pids = dir.appendingPathComponent("pids")
        let browser = dir.appendingPathComponent("fake-chromium")
        // The browser and one helper both ignore SIGTERM and never finish.
        try """
            #!/bin/sh
            trap '' TERM
            sleep 300 &
            echo "$$ $!" > \(pids.path)
            while :; do sleep 1; done
            """.write(to: browser, atomically: true, encoding: .utf8)
        chmod(browser.path, 0o755)
        let workspace = dir.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        let printer = PDFPrinter(executable: browser)
        let started = Date()
        #expect(throws: PDFPrinter.Failure.self) {
            try printer.print(workspace.appendingPathComponent("x.html"), to: workspace.appendingPathComponent("x.pdf"),
                              workspace: workspace, timeout: 1)
        }
        #expect(Date().timeIntervalSince(started) < 20)
        let running = read(pids).split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(running.count == 2)
        usleep(200_000)
        for pid in running { #expect(!Self.alive(pid), "process \(pid) outlived the timeout") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path).isEmpty)
    }
}
