extension LedgerSchema {
    /// Which account made each journal entry (migration "v13-entry-users"): every write made
    /// through the web application records its account; entries made at the command line,
    /// and every entry made before v13, have none (NULL).
    static let v13EntryUsers = """
        ALTER TABLE journal_entries ADD COLUMN user_name TEXT REFERENCES users(name);
        """
}
