import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import ReliefApp
import ReliefLedger
import ReliefServer
import Testing

/// `/api/v1/openapi.json` against the server: it documents exactly the routes the router
/// holds, and every answer of every route fits its documented schema (required keys present,
/// no undocumented key, each value of its type).
@Suite struct OpenAPITests {
    static func document(_ fixture: ScopedAPITests.Fixture) async throws -> [String: Any] {
        let body = try await ScopedAPITests().get(fixture, "/api/v1/openapi.json", token: nil).body
        return try ScopedAPITests.object(body)
    }

    @Test func theDocumentListsExactlyTheRoutesTheRouterHolds() async throws {
        let fixture = try ScopedAPITests.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let document = try await Self.document(fixture)
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let routed = Set(ReliefWebServer.apiRoutes(ledger: fixture.ledger).map { route in
            "\(route.method) " + route.path.split(separator: "/", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
        })
        #expect(routed.count >= 19)
        #expect(documented == routed, "documented only: \(documented.subtracting(routed)); routed only: \(routed.subtracting(documented))")
    }

    /// The problems with `value` against `schema` (a subset of JSON Schema: type, required,
    /// additionalProperties, properties, items).
    static func problems(_ value: Any, _ schema: [String: Any], at path: String = "$") -> [String] {
        var found: [String] = []
        let types: [String] = (schema["type"] as? String).map { [$0] } ?? (schema["type"] as? [String]) ?? []
        func isType(_ type: String) -> Bool {
            switch type {
            case "null": return value is NSNull
            case "string": return value is String
            case "integer": return value is Int && !(value is String)
            case "boolean": return value is Bool
            case "array": return value is [Any]
            case "object": return value is [String: Any]
            default: return false
            }
        }
        if !types.isEmpty, !types.contains(where: isType) { return ["\(path): expected \(types), found \(type(of: value))"] }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil { found.append("\(path): missing required key \(key)") }
            if schema["additionalProperties"] as? Bool == false {
                for key in object.keys where properties[key] == nil { found.append("\(path): undocumented key \(key)") }
            }
            for (key, member) in object {
                if let memberSchema = properties[key] as? [String: Any] { found += problems(member, memberSchema, at: "\(path).\(key)") }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { found += problems(item, items, at: "\(path)[\(index)]") }
        }
        return found
    }

    @Test func everyDocumentedAnswerFitsItsSchema() async throws {
        let fixture = try ScopedAPITests.fixture()
        defer { try? FileManager.default.removeItem(at: fixture.folder) }
        let document = try await Self.document(fixture)
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let loan = "principal=1000000.00&rate=4.35%25&start=2019-07-15&months=12"
        let loanCSV = "loan_id,borrower,credit_code,size,county,bank,principal,rate,start,months,method,applied\n"
            + "W-1,济宁市鲁兴机械有限公司,91350100M000100Y43,small,任城区,济宁银行,500000.00,4.35%,2019-10-15,12,annuity,2020-02-10\n"
        // Each documented route called as someone it admits, with what it needs.
        let calls: [(method: HTTPRequest.Method, path: String, uri: String, token: String?, body: String?, status: HTTPResponse.Status)] = [
            (.get, "/api/v1/programmes", "/api/v1/programmes", nil, nil, .ok),
            (.get, "/api/v1/schedule", "/api/v1/schedule?\(loan)", nil, nil, .ok),
            (.get, "/api/v1/schedule", "/api/v1/schedule?principal=12.345", nil, nil, .badRequest),
            (.get, "/api/v1/defer", "/api/v1/defer?\(loan)&programme=2020", nil, nil, .ok),
            (.get, "/api/v1/estimate", "/api/v1/estimate?\(loan)&bridge_days=4", nil, nil, .ok),
            (.get, "/api/v1/bridge/quote", "/api/v1/bridge/quote?amount=1000000.00&from=2020-03-02&to=2020-03-06", nil, nil, .ok),
            (.get, "/api/v1/loans", "/api/v1/loans?q=JN", fixture.tokens["bureau"], nil, .ok),
            (.get, "/api/v1/loans/{id}", "/api/v1/loans/JN-1", fixture.tokens["jnbank"], nil, .ok),
            (.get, "/api/v1/loans/{id}", "/api/v1/loans/NS-1", fixture.tokens["jnbank"], nil, .notFound),
            (.post, "/api/v1/import", "/api/v1/import?dry_run=true&name=loans.csv", fixture.tokens["jnbank"], loanCSV, .ok),
            (.post, "/api/v1/import", "/api/v1/import?name=loans.csv", fixture.tokens["jnbank"], loanCSV.replacingOccurrences(of: "500000.00", with: "12.345"), .badRequest),
            (.post, "/api/v1/defer", "/api/v1/defer?dry_run=true&programme=2020", fixture.tokens["bureau"], nil, .ok),
            (.post, "/api/v1/reconcile", "/api/v1/reconcile?name=empty.xml", fixture.tokens["bureau"], nil, .badRequest),
            (.get, "/api/v1/bridge/report", "/api/v1/bridge/report?to=2020-12-31", fixture.tokens["bureau"], nil, .ok),
            (.get, "/api/v1/bridge/advances", "/api/v1/bridge/advances", fixture.tokens["bureau"], nil, .ok),
            (.post, "/api/v1/bridge/advance", "/api/v1/bridge/advance", fixture.tokens["bureau"], "{\"id\":\"A-1\",\"amount\":100000}", .badRequest),
            (.post, "/api/v1/bridge/repay", "/api/v1/bridge/repay", fixture.tokens["bureau"], "{\"id\":\"A-1\"}", .badRequest),
            (.get, "/api/v1/ledger/check", "/api/v1/ledger/check", fixture.tokens["bureau"], nil, .ok),
            (.get, "/api/v1/firstloan/report", "/api/v1/firstloan/report?to=2020-12-31&by=bank", fixture.tokens["coord"], nil, .ok),
            (.get, "/api/v1/loans", "/api/v1/loans", fixture.tokens["coord"], nil, .forbidden),
            (.get, "/api/v1/loans", "/api/v1/loans", nil, nil, .unauthorized),
        ]
        // The documented JSON schemas by "method path status", as bytes (the closure below is @Sendable).
        var schemas: [String: Data] = [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                for (status, response) in operation["responses"] as? [String: [String: Any]] ?? [:] {
                    if let schema = (response["content"] as? [String: [String: Any]])?["application/json"]?["schema"] {
                        schemas["\(method) \(path) \(status)"] = try JSONSerialization.data(withJSONObject: schema)
                    }
                }
            }
        }
        let app = Application(router: ReliefWebServer.router(ledger: fixture.ledger))
        try await app.test(.router) { [schemas] client in
            for call in calls {
                var headers = HTTPFields()
                if let token = call.token { headers[.authorization] = "Bearer \(token)" }
                if let body = call.body { headers[.contentType] = body.hasPrefix("{") ? "application/json" : "text/csv" }
                let (status, body) = try await client.execute(uri: call.uri, method: call.method, headers: headers,
                                                              body: call.body.map { ByteBuffer(string: $0) }) { ($0.status, String(buffer: $0.body)) }
                #expect(status == call.status, "\(call.method) \(call.uri): \(body)")
                let key = "\(call.method.rawValue.lowercased()) \(call.path) \(status.code)"
                let schemaData = try #require(schemas[key], "\(key) is documented")
                let schema = try #require(try JSONSerialization.jsonObject(with: schemaData) as? [String: Any])
                let value = try JSONSerialization.jsonObject(with: Data(body.utf8))
                #expect(Self.problems(value, schema) == [], "\(call.method) \(call.uri)")
            }
        }
    }

    @Test func theValidatorCatchesAMissingAnExtraAndAMistypedKey() {
        let schema: [String: Any] = ["type": "object", "required": ["a", "b"], "additionalProperties": false,
                                     "properties": ["a": ["type": "string"], "b": ["type": ["integer", "null"]]]]
        #expect(Self.problems(["a": "x", "b": 1], schema) == [])
        #expect(Self.problems(["a": "x", "b": NSNull()], schema) == [])
        #expect(Self.problems(["a": "x"], schema) == ["$: missing required key b"])
        #expect(Self.problems(["a": "x", "b": 1, "c": 2], schema) == ["$: undocumented key c"])
        #expect(Self.problems(["a": 1, "b": 1], schema).count == 1)
    }
}
