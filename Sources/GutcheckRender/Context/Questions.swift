/// The mid-year gut-check questions, in the order every report answers them (SPEC §1).
public enum Questions {
    public struct Question: Sendable {
        public let number: Int
        public let text: String
        public let answeredBy: String
        /// The `midyear:` key holding the leader's own answer, if the question has one.
        public let wordsKey: String?
    }

    public static let all: [Question] = [
        .init(number: 1, text: "What did we set out to do this year?",
              answeredBy: "the goals, the objectives under each goal and the actions under each objective; objectives that are not SMART and actions tied to no objective are flagged", wordsKey: nil),
        .init(number: 2, text: "What are our goals in dollars and profit dollars?",
              answeredBy: "revenue and profit goals, planned margin, first-half vs second-half split from the phasing", wordsKey: nil),
        .init(number: 3, text: "Where did we expect them to come from?",
              answeredBy: "planned revenue and profit by source with share of total; a flag when sources do not add up to the goal", wordsKey: nil),
        .init(number: 4, text: "How has the region performed through the cut-off against its goals?",
              answeredBy: "plan to date, actual, attainment, gap and status for revenue, profit and each source; year-end forecasts; the monthly rate the rest of the year needs", wordsKey: nil),
        .init(number: 5, text: "What is working (do more)?",
              answeredBy: "sources, objectives and actions in the on-track band, those in dollars first by dollars above plan, then the rest by attainment", wordsKey: "working"),
        .init(number: 6, text: "What did we think would work, has not produced the impact, and should stop?",
              answeredBy: "objectives and actions below the at-risk band (off track), ranked by shortfall, with cost per unit of result; then actions with a cost that nothing measures (sources are never stopped: Q10 weighs them)", wordsKey: "stop"),
        .init(number: 7, text: "What have we learned?",
              answeredBy: "the revenue gap by funnel driver (leads × lead-to-close × deal size, LMDI) and by source", wordsKey: "learned"),
        .init(number: 8, text: "What are the results on the KPIs that drive top-line results?",
              answeredBy: "each KPI's target, actual to date, status and monthly trend; the canary called out", wordsKey: "kpis"),
        .init(number: 9, text: "Has the market shifted — trigger points for new sales, or challenges?",
              answeredBy: "sources whose recent monthly rate moved beyond thresholds.shift against earlier months or last year", wordsKey: "market_shifts"),
        .init(number: 10, text: "What are the three key focus areas for the rest of the year?",
              answeredBy: "the three largest recoverable gaps (sources, funnel drivers, profit) by dollars at stake", wordsKey: "focus_areas"),
        .init(number: 11, text: "If you could pick just one, which?",
              answeredBy: "the top of that ranking, with why, beside the leader's own pick", wordsKey: "the_one"),
    ]
}
