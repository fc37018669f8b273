/// `table|csv|json`: tables for people, CSV and JSON for machines (amounts as `"1234.50"`
/// strings, never numbers).
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, json
}
