extension LedgerSchema {
    /// The people who sign in to `relief serve` (migration "v12-users"): a name, a role, the
    /// bank a bank account is bound to, a bcrypt hash of the password (never the password),
    /// the SHA-256 of the current API token (never the token), and whether it is disabled.
    /// SQLite keeps the rules: a bank account names its bank and only a bank account does; a
    /// password hash is a bcrypt string; a token hash is 64 hex digits and unique.
    static let v12Users = """
        CREATE TABLE users (
            name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
            role TEXT NOT NULL CHECK (role = 'bureau' OR role = 'bank' OR role = 'coordinator'),
            bank TEXT CHECK (bank IS NULL OR length(bank) BETWEEN 1 AND 200),
            password_hash TEXT NOT NULL CHECK (substr(password_hash, 1, 1) = '$' AND length(password_hash) = 60),
            token_sha256 TEXT UNIQUE CHECK (token_sha256 IS NULL OR length(token_sha256) = 64),
            disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled = 0 OR disabled = 1),
            created TEXT NOT NULL,
            CHECK ((role = 'bank') = (bank IS NOT NULL))
        );
        """
}
