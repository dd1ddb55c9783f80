-- The Data Protection key ring (IDataProtectionKeyStore): the PostgreSQL twin of the SQLite script.
CREATE TABLE data_protection_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text COLLATE "C" NOT NULL UNIQUE,
    xml         text NOT NULL,
    created_at  bigint NOT NULL
);
