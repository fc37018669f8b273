import ReliefDomain
import Testing

/// Shorthands for test literals; a malformed literal fails the test that uses it.
func date(_ text: String) throws -> CivilDate { try CivilDate(parsing: text) }
func money(_ text: String) throws -> Money { try Money(parsing: text) }
func rate(_ text: String) throws -> Rate { try Rate(parsing: text) }
