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

    @Option(name: .customLong("previous-results"), help: ArgumentHelp("An earlier snapshot of the deal export (CSV), to show how each region's pipeline moved since; repeat for several files.", valueName: "file.csv"))
    var previousResults: [String] = []

    @Option(name: .customLong("previous-as-of"), help: ArgumentHelp("The earlier snapshot's cut-off (YYYY-MM-DD); by default the --compare summary's as_of.", valueName: "date"))
    var previousAsOf: String?

    @Flag(name: .long, help: "Make identical rows, report footers, months with no rows and regions with no rows errors instead of data notes.")
    var strict = false

    var cutOff: Day? { asOf.flatMap { Day(iso: $0) } }

    /// The files read, for the output folder's check (SPEC §14.6).
    var readFiles: [String] { [plan] + (results + previousResults).map(ResultsArgument.path) }

    func validate() throws {
        if results.filter({ $0 == "-" }).count > 1 { throw ValidationError("--results - (standard input) can be given once") }
        if let asOf, Day(iso: asOf) == nil {
            throw ValidationError("--as-of must be a date written YYYY-MM-DD, found \(Quote.user(asOf))")
        }
        if let previousAsOf, Day(iso: previousAsOf) == nil {
            throw ValidationError("--previous-as-of must be a date written YYYY-MM-DD, found \(Quote.user(previousAsOf))")
        }
        if previousAsOf != nil && previousResults.isEmpty {
            throw ValidationError("--previous-as-of is the cut-off of --previous-results; give the earlier snapshot with --previous-results FILE")
        }
        if previousResults.contains("-") { throw ValidationError("--previous-results takes files; standard input is for --results") }
        if let both = previousResults.first(where: { results.map(ResultsArgument.path).contains($0) }) {
            throw ValidationError("\(Quote.user(both)) is given both as --results and as --previous-results; the earlier snapshot is a different file from this run's export")
        }
    }

    /// The earlier snapshot to follow the pipeline from (SPEC §15.3), its cut-off from
    /// `--previous-as-of` or else `defaultAsOf` (the `--compare` summary's).
    func previous(defaultAsOf: Day? = nil) throws -> Inputs.PreviousSnapshot? {
        guard !previousResults.isEmpty else { return nil }
        guard let asOf = previousAsOf.flatMap({ Day(iso: $0) }) ?? defaultAsOf else {
            throw ValidationError("--previous-results needs the earlier snapshot's cut-off: give --previous-as-of YYYY-MM-DD (or --compare with that run's summary.json)")
        }
        return .init(paths: previousResults, asOf: asOf)
    }

    /// Reads the plan and results, the same for `report` and `check`; a `--region` the plan
    /// does not have is a usage error (exit 2) for both.
    func gather(progress: Progress, previous: Inputs.PreviousSnapshot? = nil, analysed: CompanyAnalysis.Analysed? = nil) throws -> Inputs {
        let inputs = Inputs.load(planPath: plan, resultsPaths: results, asOf: cutOff, regions: region, strict: strict,
                                 previous: try previous ?? self.previous(), progress: progress, analysed: analysed)
        if let plan = inputs.plan {
            let ids = plan.regions.map(\.id)
            for id in region where !ids.contains(Region.ID(id)) {
                throw ValidationError("--region \(Quote.user(id)) is not a region of the plan (regions: \(ids.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        return inputs
    }

    /// Loads everything, printing diagnostics (only errors when `quiet`); throws `InputFailure` on errors.
    func load(quiet: Bool, previous: Inputs.PreviousSnapshot? = nil, analysed: CompanyAnalysis.Analysed? = nil) throws -> Inputs {
        let inputs = try gather(progress: Progress(quiet: quiet), previous: previous, analysed: analysed)
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
