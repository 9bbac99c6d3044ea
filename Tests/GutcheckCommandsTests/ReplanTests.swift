import Foundation
import Testing

/// `gutcheck replan` (SPEC §11.2): the draft keeps the plan as written, adds one revision at
/// the cut-off with every drafted number marked, reads back through `check`, and a report on
/// it at a later cut-off measures the region since the revision.
@Suite struct ReplanTests {
    /// North: goal 1,500,000 evenly phased, so 750,000 by 30 June; each source 750,000 (375,000
    /// by June). Actual 50,000 a month per source: 600,000 by June, 80 % — the forecast call
    /// (pace, no prior year) is 1,500,000 × 0.8 = 1,200,000.
    static let plan = """
        # North's plan — this comment must survive the re-plan.
        gutcheck: 1
        fiscal_year: 2026
        as_of: 2026-06-30   # mid-year
        currency: USD
        regions:
          - id: north
            name: North
            goals: { revenue: 1500000, profit: 0 }
            sources:
              - { id: web, name: Web, revenue: 750000 }
              - { id: field, name: Field, revenue: 750000 }
            midyear:
              changes: [Two field reps added in July]

        """

    static var results: String {
        var csv = "date,region,source,metric,value\n"
        for m in 1...8 { csv += "2026-0\(m)-01,north,web,revenue,50000\n2026-0\(m)-01,north,field,revenue,50000\n" }
        return csv
    }

    func files(_ plan: String = plan) throws -> (dir: URL, plan: URL, results: URL) {
        let dir = temporaryFolder()
        let p = dir.appendingPathComponent("plan.yaml"), r = dir.appendingPathComponent("results.csv")
        try plan.write(to: p, atomically: true, encoding: .utf8)
        try Self.results.write(to: r, atomically: true, encoding: .utf8)
        return (dir, p, r)
    }

    @Test func aDraftKeepsThePlanAsWrittenAndReadsBack() throws {
        let (dir, plan, results) = try files()
        let out = dir.appendingPathComponent("revised.yaml")
        let run = gutcheck(["replan", "--plan", plan.path, "--results", results.path, "--out", out.path])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.err.contains("wrote \(out.path): a revision dated 2026-06-30 for 1 region"))
        let draft = read(out)
        // The original, comments included, then the revision.
        #expect(draft.hasPrefix(Self.plan.trimmingCharacters(in: .newlines)))
        #expect(draft.contains("""
            revisions:
              - id: replan-2026-06-30
                date: 2026-06-30
            """))
        // Goals kept; each source: its actual + the rest in proportion to its original rest.
        #expect(draft.contains("        goals: { revenue: 1500000 }  # PLACEHOLDER: kept; the forecast calls 1200000"))
        #expect(draft.contains("          web: 750000  # PLACEHOLDER: 300000 to date + its share of the rest"))
        #expect(draft.contains("        phasing: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]  # PLACEHOLDER"))
        #expect(draft.contains("          - \"Two field reps added in July\""))
        // check accepts it and warns at the placeholders.
        let check = gutcheck(["check", "--plan", out.path, "--results", results.path])
        #expect(check.status == 0, "\(check.out)\(check.err)")
        #expect(check.out.contains("warning: placeholder drafted by gutcheck (kept; the forecast calls 1200000)"))
        // Never over an existing file without --force.
        let again = gutcheck(["replan", "--plan", plan.path, "--results", results.path, "--out", out.path])
        #expect(again.status == 2 && again.err.contains("exists; choose another --out or pass --force to replace it"))
    }

    /// `--goal call`: 1,200,000. Sources: 300,000 each to date + 600,000 × ½ = 600,000. Read on
    /// 31 August: (1,200,000 − 600,000) × 2/6 = 200,000 planned since, 200,000 actual: 100 %.
    @Test func goalCallThenAReportAtALaterCutOff() throws {
        let (dir, plan, results) = try files()
        let out = dir.appendingPathComponent("revised.yaml")
        #expect(gutcheck(["replan", "--plan", plan.path, "--results", results.path, "--out", out.path, "--goal", "call"]).status == 0)
        let draft = read(out)
        #expect(draft.contains("goals: { revenue: 1200000 }  # PLACEHOLDER: the forecast call"))
        #expect(draft.contains("          web: 600000  #"))
        #expect(draft.contains("          field: 600000  #"))
        let report = dir.appendingPathComponent("report")
        let run = gutcheck(["report", "--plan", out.path, "--results", results.path, "--as-of", "2026-08-31",
                            "--out", report.path, "--format", "md,json", "--quiet"])
        try #require(run.status == 0, "\(run.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report.appendingPathComponent("summary.json"))) as? [String: Any])
        let north = try #require((json["regions"] as? [[String: Any]])?.first)
        let revision = try #require(north["revision"] as? [String: Any])
        // The keys §11.1 names, and the call and coverage read against the revised goal (§13.7).
        #expect(Set(revision.keys) == ["id", "date", "goal", "plan_since", "actual_since", "attainment_since", "gap_since", "status_since",
                                       "outlook", "pipeline_coverage"])
        #expect(["ahead", "short", "open"].contains(revision["outlook"] as? String ?? ""))
        #expect(revision["id"] as? String == "replan-2026-06-30" && revision["date"] as? String == "2026-06-30")
        #expect((revision["goal"] as? NSNumber)?.intValue == 1_200_000)
        #expect((revision["plan_since"] as? NSNumber)?.doubleValue == 200_000)
        #expect((revision["actual_since"] as? NSNumber)?.doubleValue == 200_000)
        #expect((revision["attainment_since"] as? NSNumber)?.doubleValue == 1)
        #expect(revision["status_since"] as? String == "on_track")
        let md = read(report.appendingPathComponent("regions/north.md"))
        #expect(md.contains("**Against the revised plan.** Revision “replan-2026-06-30” of 30 June 2026"))
        #expect(md.contains("goal $1.20M, originally $1.50M. Since 30 June 2026: $200K of $200K planned (100.0\u{00A0}%), exactly on plan — on track."))
        #expect(md.contains("| Web | 600,000 | 750,000 | 100,000 | 100,000 | 100.0\u{00A0}% |"))
    }

    /// A second re-plan joins the list with the items' own indentation and a new id.
    @Test func aSecondRevisionJoinsTheList() throws {
        let existing = Self.plan + """
            revisions:
            - id: replan-2026-06-30
              date: 2026-03-31
              note: Early look
              regions: { north: { goals: { revenue: 1400000 } } }
            # kept comment
            """
        let (dir, plan, results) = try files(existing)
        let out = dir.appendingPathComponent("revised.yaml")
        let run = gutcheck(["replan", "--plan", plan.path, "--results", results.path, "--out", out.path])
        #expect(run.status == 0, "\(run.err)")
        let draft = read(out)
        #expect(draft.contains("  regions: { north: { goals: { revenue: 1400000 } } }\n- id: replan-2026-06-30-2\n  date: 2026-06-30"))
        #expect(draft.hasSuffix("# kept comment\n"))
        // Kept: the goal in force, the March revision's 1,400,000.
        #expect(draft.contains("goals: { revenue: 1400000 }  # PLACEHOLDER: kept"))
        #expect(gutcheck(["check", "--plan", out.path, "--results", results.path]).status == 0)
    }
}
