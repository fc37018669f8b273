import Foundation
import ReliefPresentation

/// A request the API refuses as a whole before any workflow runs (a body that is not the JSON
/// object of strings SPEC.md asks for): 400 with its problems.
struct RequestProblem: Error {
    let problems: [FieldProblem]
}

/// A POST's JSON body: one object whose values are strings as typed on the command line. A
/// number, a nested value or anything else is refused (SPEC.md: no money travels as a float).
enum JSONFields {
    static func decode(_ text: String) throws -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw RequestProblem(problems: [FieldProblem(field: "body", message: "the body is not a JSON object")])
        }
        var fields: [String: String] = [:]
        var problems: [FieldProblem] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            if let string = value as? String {
                fields[key] = string
            } else {
                problems.append(FieldProblem(field: key, message: "every value is a string as typed on the command line (\"12345.67\", not 12345.67)"))
            }
        }
        guard problems.isEmpty else { throw RequestProblem(problems: problems) }
        return fields
    }
}
