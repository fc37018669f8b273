/// A problem with one field of a request: `field` is the parameter's name (SPEC.md's 400
/// answer, and the form field the problem is shown beside).
public struct FieldProblem: Equatable, Sendable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// What a form shows: the values as typed (kept when the form comes back with problems) and
/// the problems, each beside its field and all in a summary at the top.
public struct FormState: Sendable {
    public var values: [String: String]
    public var problems: [FieldProblem]

    public init(values: [String: String] = [:], problems: [FieldProblem] = []) {
        self.values = values
        self.problems = problems
    }

    func value(_ field: String) -> String { values[field] ?? "" }

    func problems(for field: String) -> [FieldProblem] { problems.filter { $0.field == field } }
}

/// The pieces of a form, after the GOV.UK patterns: a label that says what to type, a hint, the
/// problem in red above the input, and an error summary linking to each field.
public enum FormView {
    /// The summary at the top of a form with problems; empty without.
    public static func errorSummary(_ problems: [FieldProblem]) -> HTML {
        guard !problems.isEmpty else { return .empty }
        let items: [HTML] = problems.map { "<li><a href=\"#field-\($0.field)\">\($0.field): \($0.message)</a></li>" }
        return """
            <div class="error-summary" role="alert"><h2>There is a problem 请更正以下问题</h2><ul>\(items)</ul></div>
            """
    }

    /// A text input (`type` text, date, password, number-like text) with its label and hint.
    public static func input(_ name: String, label: String, hint: String? = nil, type: String = "text", _ state: FormState,
                             placeholder: String? = nil, autocomplete: String? = nil) -> HTML {
        let problems = state.problems(for: name)
        let problemText: [HTML] = problems.map { "<span class=\"problem\">\($0.message)</span>" }
        let hintText: HTML = hint.map { "<span class=\"hint\">\($0)</span>" } ?? .empty
        let extra: HTML = (placeholder.map { " placeholder=\"\($0)\"" } ?? .empty) + (autocomplete.map { " autocomplete=\"\($0)\"" } ?? .empty)
        let value: HTML = type == "password" ? .empty : " value=\"\(state.value(name))\""
        return """
            <div class="field\(problems.isEmpty ? "" : " error")"><label for="field-\(name)">\(label)</label>\(hintText)\(problemText)<input id="field-\(name)" name="\(name)" type="\(type)"\(value)\(extra)></div>
            """
    }

    /// A choice among `options` (value, label); the typed value is selected.
    public static func select(_ name: String, label: String, hint: String? = nil, options: [(value: String, label: String)], _ state: FormState) -> HTML {
        let problems = state.problems(for: name)
        let chosen = state.value(name)
        let optionTags: [HTML] = options.map { option in
            "<option value=\"\(option.value)\"\(option.value == chosen ? HTML(" selected") : HTML.empty)>\(option.label)</option>"
        }
        let problemText: [HTML] = problems.map { "<span class=\"problem\">\($0.message)</span>" }
        let hintText: HTML = hint.map { "<span class=\"hint\">\($0)</span>" } ?? .empty
        return """
            <div class="field\(problems.isEmpty ? "" : " error")"><label for="field-\(name)">\(label)</label>\(hintText)\(problemText)<select id="field-\(name)" name="\(name)">\(optionTags)</select></div>
            """
    }

    /// A file input.
    public static func file(_ name: String, label: String, hint: String? = nil, _ state: FormState) -> HTML {
        let problems = state.problems(for: name)
        let problemText: [HTML] = problems.map { "<span class=\"problem\">\($0.message)</span>" }
        let hintText: HTML = hint.map { "<span class=\"hint\">\($0)</span>" } ?? .empty
        return """
            <div class="field\(problems.isEmpty ? "" : " error")"><label for="field-\(name)">\(label)</label>\(hintText)\(problemText)<input id="field-\(name)" name="\(name)" type="file"></div>
            """
    }

    /// A hidden field.
    public static func hidden(_ name: String, _ value: String) -> HTML { "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">" }

    /// The submit button row.
    public static func submit(_ label: String, name: String? = nil, value: String? = nil) -> HTML {
        let nameAttribute: HTML = name.map { " name=\"\($0)\" value=\"\(value ?? "")\"" } ?? .empty
        return "<div class=\"actions\"><button type=\"submit\"\(nameAttribute)>\(label)</button></div>"
    }
}
