import GRDB

/// One transaction on the ledger: a consistent snapshot inside `LedgerStore.read`, or the
/// all-or-nothing transaction inside `LedgerStore.write`. The ledger's functions take it where
/// they read or write; what lies behind it (GRDB, SQLite) stays inside this module, so that
/// no front end or workflow writes a line of SQL, and another engine could stand behind it.
public struct LedgerTransaction {
    /// The connection, for this module's own queries.
    let database: Database

    init(_ database: Database) { self.database = database }
}
