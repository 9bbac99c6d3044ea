import ArgumentParser
import Foundation
import GutcheckCore

/// Options shared by `report` and `check`: the plan, the results and which of them to read.
struct InputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The plan (YAML).", valueName: "plan.yaml"))
    var plan: String

    @Option(name: .long, help: ArgumentHelp("A results file (CSV), or - for standard input; repeat for several.", valueName: "file.csv"))
    var results: [String] = []

    @Option(name: .customLong("as-of"), help: ArgumentHelp("Cut-off date (YYYY-MM-DD), instead of the plan's as_of.", valueName: "date"))
    var asOf: String?

    @Option(name: .long, help: ArgumentHelp("Only this region (repeatable).", valueName: "id"))
    var region: [String] = []

    @Flag(name: .long, help: "Make identical rows, report footers, months with no rows and regions with no rows errors instead of data notes.")
    var strict = false

    var cutOff: Day? { asOf.flatMap { Day(iso: $0) } }

    /// The files read, for the output folder's check (SPEC §14.6).
    var readFiles: [String] { [plan] + results.map(ResultsArgument.path) }

    func validate() throws {
        if results.filter({ $0 == "-" }).count > 1 { throw ValidationError("--results - (standard input) can be given once") }
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, found \(Quote.user(asOf))")
        }
    }

    /// Reads the plan and results, the same for `report` and `check`; a `--region` the plan
    /// does not have is a usage error (exit 2) for both.
    func gather(analysed: CompanyAnalysis.Analysed? = nil) throws -> Inputs {
        let inputs = Inputs.load(planPath: plan, resultsPaths: results, asOf: cutOff, regions: region, strict: strict, analysed: analysed)
        if let plan = inputs.plan {
            let ids = plan.regions.map(\.id)
            for id in region where !ids.contains(id) {
                throw ValidationError("--region \(Quote.user(id)) is not a region of the plan (regions: \(ids.joined(separator: ", ")))")
            }
        }
        return inputs
    }

    /// Loads everything, printing diagnostics (only errors when `quiet`); throws `InputFailure` on errors.
    func load(quiet: Bool, analysed: CompanyAnalysis.Analysed? = nil) throws -> Inputs {
        if quiet { Progress.enabled = false }
        let inputs = try gather(analysed: analysed)
        let console = Console.current
        for d in inputs.diagnostics.items where d.severity == .error || !quiet { console.err(d.formatted) }
        if inputs.diagnostics.droppedErrors > 0 {
            console.err(Diagnostic(.error, "\(inputs.diagnostics.droppedErrors) more errors not shown", at: nil).formatted)
        }
        if inputs.diagnostics.hasErrors {
            let n = inputs.diagnostics.errorCount
            console.err("\(n) error\(n == 1 ? "" : "s"); nothing was written")
            throw InputFailure()
        }
        return inputs
    }
}
