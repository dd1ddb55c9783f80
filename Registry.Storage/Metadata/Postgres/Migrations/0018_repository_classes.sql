-- Remote and virtual repositories (docs/remotes.md): every keyed repository has a class (0 local, 1 remote,
-- 2 virtual) and, for remote and virtual ones, its settings as JSON (RepositorySettingsJson): the upstream URL,
-- user, encrypted password and cache periods, or the members and the deployment repository. Package type 2 is docker.
ALTER TABLE artifact_repositories ADD COLUMN rclass integer NOT NULL DEFAULT 0;
ALTER TABLE artifact_repositories ADD COLUMN settings text;
