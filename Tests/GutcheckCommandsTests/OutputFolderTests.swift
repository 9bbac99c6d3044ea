import Foundation
import Testing
@testable import GutcheckCommands

#if canImport(Glibc)
import Glibc
#endif

/// SPEC §14.6 and docs/output-folder.md: nothing outside the output is ever removed, the
/// previous output survives every failure, and writers do not trip over each other.
@Suite struct OutputFolderTests {
    static let plan = """
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30
        currency: USD
        regions:
          - id: europe
            name: Europe
            goals: { revenue: 1200, profit: 100 }
            sources:
              - { id: web, name: Web, revenue: 1200 }
        """
    static let results = "date,region,source,metric,value\n2026-06-05,europe,web,revenue,100\n2026-06-05,europe,web,profit,10\n"

    /// A folder holding plan.yaml and r.csv.
    func inputs() throws -> URL {
        let dir = temporaryFolder()
        try Self.plan.write(to: dir.appendingPathComponent("plan.yaml"), atomically: true, encoding: .utf8)
        try Self.results.write(to: dir.appendingPathComponent("r.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    func report(_ dir: URL, out: String, _ extra: [String] = []) -> (status: Int32, out: String, err: String) {
        gutcheck(["report", "--plan", dir.appendingPathComponent("plan.yaml").path,
                  "--results", dir.appendingPathComponent("r.csv").path, "--out", out, "--quiet", "--format", "md,json"] + extra)
    }

    /// Every path under `root` with its bytes: a refused run must leave this unchanged.
    func snapshot(_ root: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        for entry in OutputFolder.walk(root) {
            result[entry] = entry.hasSuffix("/") ? Data() : FileManager.default.contents(atPath: root.appendingPathComponent(entry).path) ?? Data([0])
        }
        return result
    }

    @Test func anOutThatHoldsOrIsAnInputIsRefusedWithOrWithoutForceAndNothingIsTouched() throws {
        let dir = try inputs()
        let inner = dir.appendingPathComponent("deeper/plan-folder")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        let before = snapshot(dir)
        let cases: [(out: String, message: String)] = [
            (dir.appendingPathComponent("plan.yaml").path, "is the input"),
            (dir.appendingPathComponent("r.csv").path, "is the input"),
            (dir.path, "holds the input"),
            (dir.deletingLastPathComponent().path, "holds the input"),
            (dir.path + "/deeper/..", "holds the input"),
            ("", "--out is empty"),
            ("/", "is the root folder"),
        ]
        for (out, message) in cases {
            for force in [false, true] {
                let run = report(dir, out: out, force ? ["--force"] : [])
                #expect(run.status == 2, "\(out) \(force): \(run.err)")
                #expect(run.err.contains(message), "\(out): \(run.err)")
                #expect(run.err.hasPrefix("error: --out"), "\(run.err)")
            }
        }
        #expect(snapshot(dir) == before)
    }

    @Test func aFileOrAFolderWithOtherContentIsRefusedEvenWithForce() throws {
        let dir = try inputs()
        let file = dir.appendingPathComponent("notes.txt")
        try "mine".write(to: file, atomically: true, encoding: .utf8)
        let foreign = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: foreign.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try "keep".write(to: foreign.appendingPathComponent("sub/keep.md"), atomically: true, encoding: .utf8)
        for force in [false, true] {
            let onFile = report(dir, out: file.path, force ? ["--force"] : [])
            #expect(onFile.status == 2 && onFile.err.contains("is a file"), "\(onFile.err)")
            let onFolder = report(dir, out: foreign.path, force ? ["--force"] : [])
            #expect(onFolder.status == 2 && onFolder.err.contains("holds files gutcheck did not write ('sub/')"), "\(onFolder.err)")
        }
        #expect(read(file) == "mine")
        #expect(read(foreign.appendingPathComponent("sub/keep.md")) == "keep")
    }

    @Test func aPreviousOutputIsReplacedButNotWhenSomethingElseWasPutInIt() throws {
        let dir = try inputs()
        let out = dir.appendingPathComponent("report")
        #expect(report(dir, out: out.path).status == 0)
        let listed = try #require(OutputFolder.manifest(atPath: out.appendingPathComponent(OutputFolder.marker).path))
        #expect(listed.contains("summary.json") && listed.contains("regions/europe.md"))
        #expect(report(dir, out: out.path).status == 0)
        // A leader's notes (or the plan) saved into the report folder: never replaced.
        try "notes".write(to: out.appendingPathComponent("regions/notes.md"), atomically: true, encoding: .utf8)
        for force in [false, true] {
            let run = report(dir, out: out.path, force ? ["--force"] : [])
            #expect(run.status == 2 && run.err.contains("('regions/notes.md')"), "\(run.err)")
        }
        #expect(read(out.appendingPathComponent("regions/notes.md")) == "notes")
        // An empty folder is fine.
        let empty = dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(report(dir, out: empty.path).status == 0)
    }

    @Test func anOlderMarkerWithoutAListNeedsForceOnce() throws {
        let dir = try inputs()
        let out = dir.appendingPathComponent("old-report")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "Written by gutcheck. A folder with this file may be replaced by the next run.\n"
            .write(to: out.appendingPathComponent(OutputFolder.marker), atomically: true, encoding: .utf8)
        try "old".write(to: out.appendingPathComponent("index.md"), atomically: true, encoding: .utf8)
        let refused = report(dir, out: out.path)
        #expect(refused.status == 2 && refused.err.contains("earlier gutcheck"), "\(refused.err)")
        #expect(report(dir, out: out.path, ["--force"]).status == 0)
        #expect(report(dir, out: out.path).status == 0)
    }

    @Test func theFolderTakesThePreviousModeOrTheUmasks() throws {
        let dir = try inputs()
        let out = dir.appendingPathComponent("report")
        #expect(report(dir, out: out.path).status == 0)
        var info = stat()
        stat(out.path, &info)
        #expect(info.st_mode & 0o777 == OutputFolder.defaultFolderMode)
        stat(out.appendingPathComponent("summary.json").path, &info)
        #expect(info.st_mode & 0o777 == 0o666 & OutputFolder.defaultFolderMode)
        chmod(out.path, 0o750)
        #expect(report(dir, out: out.path).status == 0)
        stat(out.path, &info)
        #expect(info.st_mode & 0o777 == 0o750)
    }

    @Test func aLiveWritersStagingFolderIsKeptAndADeadOnesRemoved() throws {
        let dir = try inputs()
        let out = dir.appendingPathComponent("out")
        #expect(report(dir, out: out.path).status == 0)
        let prefix = OutputFolder.workspacePrefix("out", kind: "new")
        // A live writer, maybe in another PID namespace: it holds its folder's lock.
        let live = dir.appendingPathComponent(prefix + "live00")
        let dead = dir.appendingPathComponent(prefix + "dead00")
        for url in [live, dead] { try FileManager.default.createDirectory(at: url.appendingPathComponent("regions"), withIntermediateDirectories: true) }
        let held = open(live.path, O_RDONLY | O_DIRECTORY)
        #expect(flock(held, LOCK_EX | LOCK_NB) == 0)
        defer { close(held) }
        // A kill between the two renames of the fallback swap: the old report aside, none in place.
        let aside = dir.appendingPathComponent(OutputFolder.workspacePrefix("out", kind: "old") + "ghijkl")
        try FileManager.default.moveItem(at: out, to: aside)
        #expect(report(dir, out: out.path).status == 0)
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: live.appendingPathComponent("regions").path))
        #expect(!fm.fileExists(atPath: dead.path) && !fm.fileExists(atPath: aside.path))
        #expect(fm.fileExists(atPath: out.appendingPathComponent("summary.json").path))
    }

    @Test func aLongOutNameAndAReadOnlyPreviousOutputWork() throws {
        let dir = try inputs()
        let out = dir.appendingPathComponent(String(repeating: "r", count: 240))
        #expect(report(dir, out: out.path).status == 0)
        // A previous output made read-only: replaced, and no copy of it stays behind.
        chmod(out.appendingPathComponent("regions").path, 0o555)
        chmod(out.path, 0o555)
        let run = report(dir, out: out.path)
        #expect(run.status == 0, "\(run.err)")
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("gutcheck-") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func theStagingNameStaysWithinAFileNameAndKeepsLongNamesApart() {
        let long = String(repeating: "é", count: 200)
        let a = OutputFolder.workspacePrefix(long + "a", kind: "new"), b = OutputFolder.workspacePrefix(long + "b", kind: "new")
        #expect(a != b)
        #expect(a.utf8.count + 6 <= 255)
    }

    @Test func rollupCopiesOnlyRegularFilesTheShardWrote() throws {
        let dir = try inputs()
        let shard = dir.appendingPathComponent("shard")
        #expect(report(dir, out: shard.path, ["--region", "europe"]).status == 0)
        let secret = dir.appendingPathComponent("secret.md")
        try "secret".write(to: secret, atomically: true, encoding: .utf8)
        // Planted after the shard was written: a link and a file the shard's list lacks.
        try FileManager.default.createSymbolicLink(atPath: shard.appendingPathComponent("regions/linked.md").path, withDestinationPath: secret.path)
        let out = dir.appendingPathComponent("all")
        // The plant makes the shard a folder with foreign content, but it is only read here.
        let run = gutcheck(["rollup", shard.appendingPathComponent("summary.json").path, "--out", out.path, "--format", "md,json"])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.err.contains("regions/linked.md is not a region report gutcheck wrote"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("regions/linked.md").path))
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("regions/europe.md").path))
    }

    /// A file-size limit: the write fails with its file and cause, the previous output stays
    /// whole and no staging folder is left (the binary, since the limit is per process).
    @Test func aWriteFailureNamesTheFileAndLeavesThePreviousOutput() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gutcheck")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            Issue.record("no built gutcheck at \(binary.path)")
            return
        }
        let dir = try inputs()
        let out = dir.appendingPathComponent("out")
        #expect(report(dir, out: out.path).status == 0)
        let before = snapshot(out)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // 1 block of 512 bytes: summary.json is larger.
        process.arguments = ["-c", "ulimit -f 1; exec \"$0\" report --plan \"$1/plan.yaml\" --results \"$1/r.csv\" --out \"$1/out\" --quiet",
                             binary.path, dir.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(message)")
        #expect(message.contains("could not write \(out.path)/") && message.contains("File too large"), "\(message)")
        #expect(snapshot(out) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("gutcheck-") }
        #expect(left.isEmpty, "\(left)")
    }
}
