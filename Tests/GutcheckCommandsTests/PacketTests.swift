import Foundation
import Testing

/// The board packet and `--pdf`: what can be checked without a browser. PDF printing is
/// exercised with stand-in "browsers" (shell scripts), so the tests run where Chromium is not
/// installed; scripts/look.sh prints the real thing.
@Suite(.serialized) struct PacketTests {
    static let northwind = ChartTests.samples.appendingPathComponent("northwind")

    func report(_ out: URL, _ extra: [String], environment: [String: String] = [:]) -> (status: Int32, out: String, err: String) {
        gutcheck(["report", "--plan", Self.northwind.appendingPathComponent("plan.yaml").path,
                         "--results", Self.northwind.appendingPathComponent("results-2025.csv").path,
                         "--results", Self.northwind.appendingPathComponent("results-2026.csv").path,
                         "--out", out.path, "--quiet"] + extra, environment: environment)
    }

    @Test func thePacketHoldsTheCoverSummaryEveryRegionAndTheMethods() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let run = report(out, ["--format", "packet", "--paper", "letter"])
        try #require(run.status == 0, "\(run.err)")
        // Only what was asked for.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [".gutcheck-output", "board-packet.html"])
        let html = read(out.appendingPathComponent("board-packet.html"))
        #expect(html.contains("<section class=\"cover\">"))
        #expect(html.contains("<h1>Northwind Instruments</h1>"))
        #expect(html.contains("<dd>30 June 2026 — 6 of 12 months</dd>"))
        // The bottom line on the cover.
        #expect(html.contains("<p class=\"brief\"><strong>At risk.</strong> Revenue $18.0M of $18.8M planned to date (95.8\u{A0}%), $791K behind. Calls the year at $37.6M on last year&#39;s shape"))
        #expect(html.contains("Regions: 1 on track, 2 at risk, 1 off track.</p>"))
        #expect(html.contains("<section class=\"packet-part summary\" id=\"summary\">\n<h2>Executive summary</h2>"))
        for id in ["northeast", "southeast", "central", "west"] {
            // One page per region for the board, then the region's full report in the appendix.
            #expect(html.components(separatedBy: "<section class=\"packet-part region-page\" id=\"region-\(id)\">").count == 2, "\(id)")
            #expect(html.components(separatedBy: "<section class=\"packet-part region-report\" id=\"report-\(id)\">").count == 2, "\(id)")
            #expect(html.contains("<a href=\"#region-\(id)\">"), "\(id) is linked from the summary")
            #expect(html.contains("<a href=\"#report-\(id)\">"), "\(id)'s full report is linked")
            // Each region's charts are inline: compact on its page, full size in its report.
            #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 287\" width=\"360\" height=\"287\" role=\"img\" aria-labelledby=\"page-\(id)-cumulative-title"))
            #expect(html.contains("aria-labelledby=\"page-\(id)-bridge-title"))
            #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 380\" width=\"640\" height=\"380\" role=\"img\" aria-labelledby=\"\(id)-cumulative-title"))
        }
        // One scale for every region's bridge too, so the pages compare side by side.
        let axes = try ["northeast", "southeast", "central", "west"].map { id -> [String] in
            let svg = try #require(html.range(of: "<svg[^>]*aria-labelledby=\"page-\(id)-bridge-title[\\s\\S]*?</svg>", options: .regularExpression).map { String(html[$0]) })
            return svg.matches(of: /<text[^>]*text-anchor="end"[^>]*>([^<]*)<\/text>/).map { String($0.output.1) }
        }
        #expect(axes.allSatisfy { $0 == ["−$2.00M", "−$1.00M", "on plan", "+$1.00M"] }, "\(axes)")
        // Areas of two splits of one gap share dollars: the page says so rather than letting them add up (SPEC §13.4).
        #expect(html.contains("The data's ranking, by dollars at stake: 1. New logos ($302K); 2. Conversion from inquiries to leads ($257K, overlaps #1); 3. Conversion from opportunities to won deals ($158K, overlaps #1)."))
        #expect(html.contains("id=\"methods\">\n<h2>Appendix: how the figures are computed</h2>"))
        // Print layout: the paper asked for, a new page per part, nothing split.
        #expect(html.contains("@page { size: letter;"))
        #expect(html.contains("section.packet-part { break-before: page;"))
        #expect(html.contains("table, figure, blockquote, tr, .cover { break-inside: avoid; }"))
        #expect(html.contains("counter(page) \" of \" counter(pages)"))
        // No script, no network.
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count - 1 == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
    }

    /// Long words everywhere (Fixtures/long-words): each region's page stays bounded — three of
    /// the leader's items, clipped; at most six owed items, off-track commitments first, the
    /// rest counted; the leader's pick clipped in the summary's cell and whole in the report.
    @Test func longWordsStayWithinARegionsPage() throws {
        let plan = here.appendingPathComponent("Fixtures/long-words/plan.yaml")
        let out = temporaryFolder().appendingPathComponent("report")
        let run = gutcheck(["report", "--plan", plan.path, "--results", Self.northwind.appendingPathComponent("results-2026.csv").path,
                            "--out", out.path, "--quiet", "--format", "md,packet", "--paper", "letter"])
        try #require(run.status == 0, "\(run.err)")
        let html = read(out.appendingPathComponent("board-packet.html"))
        let page = try #require(html.components(separatedBy: "<section class=\"packet-part region-page\" id=\"region-central\">").last?
            .components(separatedBy: "</section>").first)
        let leaderCells = page.components(separatedBy: "<tr><td>").dropFirst().filter { !$0.hasPrefix("<strong>") }
            .map { $0.components(separatedBy: "</td>").first ?? "" }
        #expect(leaderCells.count == 3)
        #expect(leaderCells.allSatisfy { $0.count <= 90 })
        let items = page.components(separatedBy: "<li>").count - 1
        #expect((1...6).contains(items))
        #expect(page.contains("more in the full report"))
        // Off-track commitments before causes and answers.
        #expect(!page.contains("owes answers to questions") || items == 13)
        #expect(page.contains("✖\u{00A0}off\u{00A0}track"))
        // The pick: clipped in the summary's cell, whole in the region's report.
        let pick = "Restore the channel by recruiting three new value-added resellers in the upper Midwest before the third quarter ends"
        #expect(html.contains("Restore the channel by recruiting three new value-added… ≠ data: Lead-to-close conversion"))
        #expect(read(out.appendingPathComponent("regions/central.md")).contains(pick))
    }

    /// SPEC §11.1: the packet shows revised goals with the original beside them — on the
    /// summary and on each revised region's page.
    @Test func revisedGoalsStandBesideTheOriginalOnes() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let run = gutcheck(["report"] + RollupTests.inputs("northwind-revised") + ["--out", out.path, "--quiet", "--format", "packet"])
        try #require(run.status == 0, "\(run.err)")
        let html = read(out.appendingPathComponent("board-packet.html"))
        #expect(html.contains("<strong>Revised plans:</strong> Northeast $12.0M (originally $12.0M), since 30 June 2026 "))
        #expect(html.contains("Central $7.20M (originally $8.00M), since 30 June 2026 100.7\u{00A0}% (on track)"))
        let central = try #require(html.components(separatedBy: "id=\"region-central\">").last?.components(separatedBy: "</section>").first)
        #expect(central.contains("<dt>Revised plan</dt><dd>Revision “midyear-review” of 30 June 2026 — Agreed at the July board meeting after the mid-year gut check: goal $7.20M, originally $8.00M."))
        let west = try #require(html.components(separatedBy: "id=\"region-west\">").last?.components(separatedBy: "</section>").first)
        #expect(!west.contains("Revised plan"), "West was not revised")
    }

    @Test func theRunningHeadCannotBreakOutOfTheStyleSheet() throws {
        let dir = temporaryFolder()
        let plan = dir.appendingPathComponent("plan.yaml")
        let yaml = read(Self.northwind.appendingPathComponent("plan.yaml"))
            .replacingOccurrences(of: "company: Northwind Instruments", with: "company: \"Evil \\\" </style><script>x</script>\"")
        try yaml.write(to: plan, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("report")
        let run = gutcheck(["report", "--plan", plan.path, "--results", Self.northwind.appendingPathComponent("results-2026.csv").path,
                            "--out", out.path, "--quiet", "--format", "packet"])
        try #require(run.status == 0, "\(run.err)")
        let html = read(out.appendingPathComponent("board-packet.html"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("content: \"Evil \\22  \\3c \\2f style\\3e \\3c script\\3e x\\3c \\2f script\\3e  \\b7  FY2026"))
    }

    @Test func aMissingBrowserIsAClearErrorAndNothingIsWritten() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        let run = report(out, ["--pdf"], environment: ["GUTCHECK_CHROMIUM": "/nonexistent/chromium"])
        #expect(run.status == 2)
        #expect(run.err.contains("--pdf needs headless Chromium"))
        #expect(run.err.contains("apt-get install chromium"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    /// A stand-in browser: records its arguments and writes a small PDF where asked, or fails.
    func fakeBrowser(failing: Bool, chatter: Bool = false) throws -> (URL, URL) {
        let dir = temporaryFolder()
        let log = dir.appendingPathComponent("arguments.log")
        let script = dir.appendingPathComponent("chromium")
        let body = failing
            ? "echo 'ERROR: could not print' >&2; exit 1"
            : "for a in \"$@\"; do case \"$a\" in --print-to-pdf=*) printf '%%PDF-1.4 fake' > \"${a#--print-to-pdf=}\";; esac; done"
        // Chatty browsers write far more than a pipe holds before they exit.
        let noise = chatter ? "head -c 300000 /dev/zero >&2\n" : ""
        try "#!/bin/sh\necho \"$@\" >> '\(log.path)'\n\(noise)\(body)\n".write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (script, log)
    }

    @Test func pdfsArePrintedBeforeTheFolderMovesIntoPlace() throws {
        let (browser, log) = try fakeBrowser(failing: false)
        let out = temporaryFolder().appendingPathComponent("report")
        let run = report(out, ["--format", "json", "--pdf", "--pdf-regions"], environment: ["GUTCHECK_CHROMIUM": browser.path])
        try #require(run.status == 0, "\(run.err)")
        #expect(read(out.appendingPathComponent("board-packet.pdf")) == "%PDF-1.4 fake")
        for id in ["northeast", "southeast", "central", "west"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("regions/\(id).pdf").path))
        }
        let calls = read(log).split(separator: "\n")
        #expect(calls.count == 5)
        #expect(calls.allSatisfy { $0.contains("--headless") && $0.contains("--no-pdf-header-footer") })
        #expect(calls.contains { $0.hasSuffix("board-packet.html") })
    }

    @Test func aChattyBrowserDoesNotStall() throws {
        let (browser, _) = try fakeBrowser(failing: false, chatter: true)
        let out = temporaryFolder().appendingPathComponent("report")
        let started = Date()
        let run = report(out, ["--format", "json", "--pdf"], environment: ["GUTCHECK_CHROMIUM": browser.path])
        #expect(run.status == 0, "\(run.err)")
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("board-packet.pdf").path))
    }

    @Test func aFailedPrintLeavesThePreviousReportInPlace() throws {
        let out = temporaryFolder().appendingPathComponent("report")
        try #require(report(out, ["--format", "json"]).status == 0)
        let before = read(out.appendingPathComponent("summary.json"))
        let (browser, _) = try fakeBrowser(failing: true)
        let run = report(out, ["--pdf"], environment: ["GUTCHECK_CHROMIUM": browser.path])
        #expect(run.status == 1)
        #expect(run.err.contains("could not print board-packet.html to PDF (exit 1): ERROR: could not print"))
        #expect(read(out.appendingPathComponent("summary.json")) == before)
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("board-packet.html").path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.deletingLastPathComponent().path).filter { $0.contains("gutcheck-new") }
        #expect(leftovers.isEmpty)
    }

    @Test func rollupRefusesThePacket() {
        let run = gutcheck(["rollup", "summary.json", "--format", "packet"])
        #expect(run.status == 2 || run.status == 64)
        #expect(run.err.contains("the board packet and PDFs come from `gutcheck report`"))
        // Help lists only what a command accepts (SPEC §10).
        let help = gutcheck(["rollup", "--help"]).out
        #expect(help.contains("--github-summary") && help.contains("--format"))
        for option in ["--pdf", "--pdf-regions", "--paper", "packet"] { #expect(!help.contains(option), "rollup --help lists \(option)") }
        #expect(gutcheck(["rollup", "summary.json", "--pdf"]).status == 2)
        let reportHelp = gutcheck(["report", "--help"]).out
        for option in ["--pdf", "--pdf-regions", "--paper", "packet"] { #expect(reportHelp.contains(option)) }
    }
}
