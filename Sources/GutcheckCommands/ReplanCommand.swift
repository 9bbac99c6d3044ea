import ArgumentParser
import Foundation
import GutcheckCore
import GutcheckRender

/// `gutcheck replan`: writes the plan with one more revision drafted from today's gut check
/// (SPEC §11.2). The rest of the file stays as written, comments and all; the draft is read
/// back before it is written, and `--out` is never replaced without `--force`.
struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: "Draft a revision of the plan from today's gut check.",
        discussion: """
            Appends a revision dated at the cut-off to the plan's revisions: goals kept (or set to \
            the forecast call with --goal call), each source's rest of the year in proportion to its \
            original rest-of-year plan, the region's phasing for the remaining months, and the \
            changes from midyear.changes. Every drafted number is marked # PLACEHOLDER, which \
            check warns about until it is reviewed.
            """)

    @OptionGroup var input: InputOptions

    @Option(name: .long, help: ArgumentHelp("Where to write the revised plan.", valueName: "plan.yaml"))
    var out: String

    @Option(name: .long, help: ArgumentHelp("keep: keep each region's goal; call: set it to the forecast call.", valueName: "keep|call"))
    var goal: Replan.Goal = .keep

    @Flag(name: .long, help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        // The draft carries placeholders to review: it never replaces an input, even with --force.
        for input in input.readFiles where input != "-" && OutputFolder.resolved(input) == OutputFolder.resolved(out) {
            throw ValidationError("--out \(Quote.user(out)) is the input \(Quote.user(input)); write the draft to a file of its own (for example plan-revised.yaml), review it, then replace the plan")
        }
        if !force, FileManager.default.fileExists(atPath: out) {
            throw ValidationError("\(out) exists; choose another --out or pass --force to replace it")
        }
    }

    func run() throws {
        let console = Console.current
        let inputs = try input.load(quiet: false)
        guard let company = inputs.company, let data = FileManager.default.contents(atPath: input.plan),
            let text = String(data: data, encoding: .utf8)
        else { throw InputFailure() }
        let draft = ReplanYAML.draft(plan: text, Replan(company: company, goal: goal))
        // Read back: the draft must be a plan `check` accepts (its placeholders are warnings).
        var diagnostics = Diagnostics()
        guard Plan.read(yaml: Array(draft.utf8), file: out, diagnostics: &diagnostics) != nil else {
            for d in diagnostics.errors { console.err(d.formatted) }
            console.err("error: the drafted plan does not read back; nothing was written")
            throw InputFailure()
        }
        do {
            try Data(draft.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            console.err("error: could not write \(out): \(error.localizedDescription)")
            throw InputFailure()
        }
        let regions = company.regions.count
        console.err("wrote \(out): a revision dated \(company.calendar.effectiveCutOff) for \(regions) region\(regions == 1 ? "" : "s"); review the values marked PLACEHOLDER, then run gutcheck check")
    }
}

extension Replan.Goal: ExpressibleByArgument {}
