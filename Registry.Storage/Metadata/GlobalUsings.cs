// The namespaces nearly every part of the two metadata stores imports, written once for the project instead of at
// the head of each partial file. Driver namespaces (Npgsql, Microsoft.Data.Sqlite) stay in the files that use them.
global using Dapper;
global using Registry.Core.Access;
global using Registry.Core.Artifacts;
global using Registry.Core.Events;
global using Registry.Core.Gc;
global using Registry.Core.Lineage;
global using Registry.Core.Manifests;
global using Registry.Core.Primitives;
global using Registry.Core.Retention;
global using Registry.Core.Storage;
global using Registry.Core.Usage;
global using Registry.Storage.Metadata.Access;
global using Registry.Storage.Metadata.Artifacts;
global using Registry.Storage.Metadata.Catalog;
global using Registry.Storage.Metadata.Events;
global using Registry.Storage.Metadata.Gc;
global using Registry.Storage.Metadata.Mapping;
global using Registry.Storage.Metadata.Retention;
global using Registry.Storage.Metadata.Tags;
