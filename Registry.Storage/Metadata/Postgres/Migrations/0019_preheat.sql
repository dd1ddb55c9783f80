-- Preheat (docs/preheat.md): the edges this registry can ask to prefetch images (another registry of ours with a
-- docker remote over this one: its URL, the remote's key, the account, the password encrypted by the credential
-- protector) and the rules that preheat pushed tags (repository glob, tag expression, edge names comma-separated;
-- empty for every edge).
CREATE TABLE preheat_edges (
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    url         text NOT NULL,
    remote_key  text NOT NULL,
    username    text,
    password    text,
    created_at  bigint NOT NULL,
    created_by  text NOT NULL
);

CREATE TABLE preheat_rules (
    name        text COLLATE "C" NOT NULL PRIMARY KEY,
    repository  text NOT NULL,
    tag_pattern text NOT NULL,
    edges       text NOT NULL,
    created_at  bigint NOT NULL,
    created_by  text NOT NULL
);
