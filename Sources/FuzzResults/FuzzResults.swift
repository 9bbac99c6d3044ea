// libFuzzer entry point for the results reader. The first byte picks a plan (metric form,
// mapped deal export with US dates, Windows-1252 or UTF-16, semicolons and lenient
// numbers) and a chunk size; the rest is the file. The input is read serially and on two
// threads, and both must agree. Built and run by scripts/fuzz.sh.
import GutcheckCore

let plans: [Plan] = [
    "",
    """
    results:
      deals:
        columns: { date: Close Date, region: Sales Region, source: Lead Source, amount: Amount, profit: Margin, stage: Stage }
        won: [Closed Won]
        lost: [Closed Lost]
        date_format: M/D/YYYY
      encoding: windows-1252
      aliases:
        region: { NE: northeast }
    """,
    """
    results:
      encoding: utf-16
      delimiter: ";"
      numbers: { decimal: ",", thousands: ".", currency_symbols: true, negative_parentheses: true }
      unknown: note
    """,
    """
    results:
      deals:
        columns: { date: date, region: region, amount: amount, stage: stage }
        won: [won]
        date_format: YYYY-MM-DDThh:mm:ssZ
      delimiter: tab
    """,
].map { results in
    let yaml = """
        gutcheck: 1
        fiscal_year: 2026
        currency: USD
        \(results)
        regions:
          - id: northeast
            name: Northeast
            goals: { revenue: 1200, profit: 120 }
            sources:
              - { id: channel, name: Channel partners, revenue: 1000 }
              - { id: web, name: Web, revenue: 200 }
        """
    var diagnostics = Diagnostics()
    return Plan.read(yaml: Array(yaml.utf8), file: "plan.yaml", diagnostics: &diagnostics)!
}

func read(_ bytes: [UInt8], plan: Plan, chunkSize: Int, threads: Int, blocks: Bool = true) -> (Actuals, [Diagnostic]) {
    let ingest = ResultsIngest(plan: plan, calendar: plan.calendar())
    ingest.chunkSize = chunkSize
    ingest.scansInBlocks = blocks
    ingest.threads = threads
    ingest.parallelMinimumSize = 0
    ingest.identicalRowCheckLimit = 2
    ingest.read(bytes, file: "r.csv")
    ingest.finish()
    return (ingest.actuals, ingest.diagnostics.items)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResults(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = Int(data[0])
    let plan = plans[selector % plans.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunkSize = 1 + selector / plans.count % 64
    let (serial, serialErrors) = read(bytes, plan: plan, chunkSize: chunkSize, threads: 1)
    let (split, splitErrors) = read(bytes, plan: plan, chunkSize: chunkSize, threads: 2)
    if serialErrors != splitErrors { fatalError("two-thread reading reports other errors than serial reading") }
    // The whole input in one buffer, so records take the scanner's 64-byte-block path,
    // against the byte-by-byte path: the same errors and the same figures.
    let whole = bytes.count + 1
    let (blocks, blockErrors) = read(bytes, plan: plan, chunkSize: whole, threads: 1)
    let (bytewise, bytewiseErrors) = read(bytes, plan: plan, chunkSize: whole, threads: 1, blocks: false)
    if blockErrors != bytewiseErrors { fatalError("block scanning reports other errors than byte scanning") }
    if blocks.series.keys != bytewise.series.keys || blocks.openDeals != bytewise.openDeals
        || blocks.series.contains(where: { $0.value.current != bytewise.series[$0.key]!.current || $0.value.prior != bytewise.series[$0.key]!.prior }) {
        fatalError("block scanning reads other figures than byte scanning")
    }
    // With errors nothing is reported (and reading stops at the error limit).
    if serialErrors.contains(where: { $0.severity == .error }) { return 0 }
    if serial.series.keys != split.series.keys || serial.openDeals != split.openDeals {
        fatalError("two-thread reading differs from serial reading")
    }
    for (key, series) in serial.series where series.current != split.series[key]!.current || series.prior != split.series[key]!.prior {
        fatalError("two-thread reading differs from serial reading for \(key)")
    }
    return 0
}
