/// Something in the plan worth fixing (Q1, Q3 lint): shown in the report and by `check`.
public struct PlanFinding: Sendable {
    public var message: String
    public var location: SourceLocation?
    public var diagnostic: Diagnostic { Diagnostic(.warning, message, at: location) }
}
