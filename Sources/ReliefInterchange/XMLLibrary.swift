import CLibXML2

/// The libxml2 the package runs against, e.g. "20914" for 2.9.14.
public enum XMLLibrary {
    public static var version: String {
        guard let text = clibxml2_version() else { return "unknown" }
        return String(cString: text)
    }
}
