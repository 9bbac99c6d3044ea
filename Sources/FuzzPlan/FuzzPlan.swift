// libFuzzer entry point for the plan reader: any bytes must give a plan or diagnostics,
// never a crash or a hang. Built and run by scripts/fuzz.sh.
import GutcheckCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var diagnostics = Diagnostics()
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let plan = Plan.read(yaml: bytes, file: "plan.yaml", diagnostics: &diagnostics) {
        // Whatever reads must also analyse without trapping.
        let calendar = plan.calendar()
        let ingest = ResultsIngest(plan: plan, calendar: calendar)
        ingest.read(Array("date,region,source,metric,value\n".utf8), file: "r.csv")
        ingest.finish()
        _ = CompanyAnalysis(plan: plan, calendar: calendar, actuals: ingest.actuals, notes: ingest.notes)
    }
    return 0
}
