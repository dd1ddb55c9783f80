-- The Data Protection key ring (IDataProtectionKeyStore) that console cookies and anti-forgery tokens are protected
-- with, shared by every node. Rows are only ever added; Data Protection marks old keys revoked or expired inside the XML.
CREATE TABLE data_protection_keys (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,
    xml         TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);
