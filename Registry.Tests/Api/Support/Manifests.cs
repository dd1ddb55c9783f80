using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Tests.Api;

/// <summary>Builds manifest and index bodies as UTF-8 JSON, exactly the bytes a client would push.</summary>
public static class Manifests
{
    public static byte[] OciImage(Descriptor config, IEnumerable<Descriptor> layers, Descriptor? subject = null,
        string? artifactType = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciManifest,
        };
        if (artifactType is not null)
        {
            json["artifactType"] = artifactType;
        }

        json["config"] = config.ToJson();
        json["layers"] = new JsonArray([.. layers.Select(l => (JsonNode?)l.ToJson())]);
        AddSubjectAndAnnotations(json, subject, annotations);
        return Encode(json);
    }

    public static byte[] OciIndex(IEnumerable<Descriptor> manifests, Descriptor? subject = null,
        string? artifactType = null, IReadOnlyDictionary<string, string>? annotations = null)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.OciIndex,
        };
        if (artifactType is not null)
        {
            json["artifactType"] = artifactType;
        }

        json["manifests"] = new JsonArray([.. manifests.Select(m => (JsonNode?)m.ToJson())]);
        AddSubjectAndAnnotations(json, subject, annotations);
        return Encode(json);
    }

    public static byte[] DockerImage(Descriptor config, IEnumerable<Descriptor> layers)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.DockerManifest,
            ["config"] = config.ToJson(),
            ["layers"] = new JsonArray([.. layers.Select(l => (JsonNode?)l.ToJson())]),
        };
        return Encode(json);
    }

    public static byte[] DockerList(IEnumerable<Descriptor> manifests)
    {
        var json = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = MediaTypes.DockerManifestList,
            ["manifests"] = new JsonArray([.. manifests.Select(m => (JsonNode?)m.ToJson())]),
        };
        return Encode(json);
    }

    /// <summary>A small, unique image config (unique so tests never share content by accident).</summary>
    public static byte[] Config()
        => Encode(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray() },
            ["config"] = new JsonObject { ["Labels"] = new JsonObject { ["test"] = Guid.NewGuid().ToString("N") } },
        });

    public static JsonObject ToJson(IReadOnlyDictionary<string, string> map)
    {
        var json = new JsonObject();
        foreach ((string key, string value) in map)
        {
            json[key] = value;
        }

        return json;
    }

    public static byte[] Encode(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    private static void AddSubjectAndAnnotations(JsonObject json, Descriptor? subject, IReadOnlyDictionary<string, string>? annotations)
    {
        if (subject is not null)
        {
            json["subject"] = subject.ToJson();
        }

        if (annotations is not null)
        {
            json["annotations"] = ToJson(annotations);
        }
    }
}
