import Hummingbird
import ReliefPresentation

/// The API's answers: the CLI's JSON, and 400 with every problem of the request.
enum APIResponse {
    static let jsonContentType = "application/json; charset=utf-8"

    /// 200 with `text` (a rendering of the CLI's `--format json`).
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: jsonContentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// 400 `{"problems":[{"file","line","field","message"}]}`: a bad parameter has no file and
    /// no line, and its field is its name (SPEC.md).
    static func problems(_ problems: [FieldProblem], status: HTTPResponse.Status = .badRequest) -> Response {
        json(JSONValue.object([("problems", .array(problems.map { problem in
            .object([("file", .null), ("line", .null), ("field", .string(problem.field)), ("message", .string(problem.message))])
        }))]).rendered(), status: status)
    }
}
