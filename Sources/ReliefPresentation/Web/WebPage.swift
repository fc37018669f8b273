import ReliefDomain
import ReliefLedger

/// Who is looking at a page and what its forms must carry: the signed-in account (nil for a
/// visitor), the session's CSRF token, and the page's own path (to mark it in the menu).
public struct PageChrome: Sendable {
    public let account: UserLedger.User?
    public let csrfToken: String?
    public let path: String

    public init(account: UserLedger.User?, csrfToken: String?, path: String) {
        self.account = account
        self.csrfToken = csrfToken
        self.path = path
    }

    /// The hidden field every form that POSTs carries (SPEC.md: bound to the session).
    public var csrfField: HTML {
        guard let csrfToken else { return .empty }
        return "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
    }
}

/// The frame of every page: a menu with what the account's role may open, the page's body,
/// and the sign-in or sign-out control. No script, nothing fetched from elsewhere; labels in
/// English and Chinese, as in the report.
public enum WebPage {
    /// One entry of the menu and the roles that see it (nil: everyone).
    struct MenuItem {
        let path: String
        let label: String
        let roles: Set<UserRole>?
    }

    static let menu: [MenuItem] = [
        .init(path: "/estimate", label: "Estimate 测算", roles: nil),
        .init(path: "/schedule", label: "Schedule 还款计划", roles: nil),
        .init(path: "/bridge/quote", label: "Bridge quote 转贷报价", roles: nil),
        .init(path: "/programmes", label: "Programmes 政策", roles: nil),
        .init(path: "/loans", label: "Loans 贷款", roles: [.bank, .bureau]),
        .init(path: "/import", label: "Import 导入", roles: [.bank, .bureau]),
        .init(path: "/defer", label: "Defer 延期", roles: [.bank, .bureau]),
        .init(path: "/export", label: "Export 导出", roles: [.bank, .bureau]),
        .init(path: "/reconcile", label: "Reconcile 对账", roles: [.bank, .bureau]),
        .init(path: "/fund", label: "Bridge fund 转贷基金", roles: [.bureau]),
        .init(path: "/report", label: "Report 报告", roles: [.bureau]),
        .init(path: "/ledger/check", label: "Ledger check 账簿检查", roles: [.bureau]),
        .init(path: "/firstloan", label: "First loans 首贷培植", roles: [.coordinator, .bureau]),
    ]

    static let style = """
        body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;margin:0;color:#1b1b1b;line-height:1.45}
        header{background:#0b3d6e;color:#fff;padding:.6em 1.5em;display:flex;flex-wrap:wrap;align-items:center;gap:1em}
        header a{color:#fff}header .brand{font-weight:bold;font-size:1.15em;text-decoration:none}
        nav a{margin-right:.9em;white-space:nowrap}nav a.current{font-weight:bold;text-decoration:none;border-bottom:2px solid #fff}
        .account{margin-left:auto}.account form{display:inline}.account button{margin-left:.5em}
        main{padding:1em 1.5em 3em;max-width:72em}h1{font-size:1.6em;margin:.4em 0}h2{margin-top:1.6em;border-bottom:1px solid #ccc}
        table{border-collapse:collapse;margin:.8em 0}td,th{border:1px solid #c8c8c8;padding:.25em .6em;vertical-align:top}th{background:#f1f4f8;text-align:left}
        td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        form.fields{display:grid;grid-template-columns:repeat(auto-fill,minmax(15em,1fr));gap:.8em 1.2em;margin:1em 0;align-items:start}
        .field label{display:block;font-weight:bold}.field .hint{display:block;color:#555;font-size:.9em}
        .field input,.field select{width:100%;box-sizing:border-box;padding:.3em;font-size:1em}
        .field.error input,.field.error select{border:2px solid #b10e1e}.field .problem{display:block;color:#b10e1e;font-weight:bold}
        .actions{grid-column:1/-1}button{padding:.4em 1em;font-size:1em}
        .error-summary{border:3px solid #b10e1e;padding:.6em 1em;margin:1em 0}.error-summary h2{margin:0;border:0;font-size:1.1em;color:#b10e1e}
        .notice{border-left:5px solid #0b3d6e;padding:.4em .8em;background:#f1f4f8}.ok{color:#006b2d;font-weight:bold}.bad{color:#b10e1e;font-weight:bold}
        svg{max-width:100%;height:auto}
        """

    /// The whole document around `body`.
    public static func document(title: String, chrome: PageChrome, body: HTML) -> String {
        let role = chrome.account?.role
        let items: [HTML] = menu.filter { item in item.roles.map { roles in role.map(roles.contains) ?? false } ?? true }.map { item in
            let current = chrome.path == item.path || chrome.path.hasPrefix(item.path + "/")
            return current ? "<a class=\"current\" href=\"\(item.path)\" aria-current=\"page\">\(item.label)</a>" : "<a href=\"\(item.path)\">\(item.label)</a>"
        }
        let account: HTML
        if let user = chrome.account {
            let scope = user.bank.map { ", \($0)" } ?? ""
            account = """
                <span class="account">\(user.name) (\(user.role.rawValue)\(scope))<form method="post" action="/signout">\(chrome.csrfField)<button type="submit">Sign out 退出</button></form></span>
                """
        } else {
            account = "<span class=\"account\"><a href=\"/signin?next=\(percentEncoded(chrome.path))\">Sign in 登录</a></span>"
        }
        let page: HTML = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · CreditRelief 信贷纾困</title><style>\(HTML.trusted(style))</style></head>
            <body><header><a class="brand" href="/">CreditRelief 信贷纾困</a><nav>\(items)</nav>\(account)</header>
            <main>\(body)</main></body></html>

            """
        return page.markup
    }

    /// `text` for a query value: unreserved characters kept, everything else percent-encoded.
    public static func percentEncoded(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                encoded += "%"
                encoded.unicodeScalars.append(hex[Int(byte >> 4)])
                encoded.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return encoded
    }

    /// A page that says why it cannot be shown (404, 403), in the frame.
    public static func message(title: String, text: String, chrome: PageChrome) -> String {
        document(title: title, chrome: chrome, body: "<h1>\(title)</h1><p>\(text)</p>")
    }
}
