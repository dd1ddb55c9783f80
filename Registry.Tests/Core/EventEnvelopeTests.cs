using System.Text;
using System.Text.Json;
using Registry.Core.Events;

namespace Registry.Tests.Core;

/// <summary>The JSON of events: Distribution's field names exactly, absent fields left out, UTC timestamps with a Z.</summary>
public sealed class EventEnvelopeTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, 123, TimeSpan.FromHours(2));

    private static RegistryEvent Sample(EventTarget target) => new(
        "01a1fef3-1239-7533-9a0b-abd0f8bc6ad1",
        At,
        EventActions.Push,
        target,
        new EventRequest("0HN:00000001", "192.0.2.1:5123", "registry.example.com", "PUT", "docker/27.0"),
        new EventActor("alice"),
        new EventSource("node-1:5000", "node-1/42/abc"));

    [Fact]
    public void Serialize_PushEvent_UsesDistributionsFieldNames()
    {
        var target = new EventTarget("application/vnd.oci.image.manifest.v1+json", "sha256:aa", 708, 708, "team/app",
            Url: "https://registry.example.com/v2/team/app/manifests/sha256:aa", Tag: "1.0",
            References: [new EventDescriptor("application/vnd.oci.image.config.v1+json", "sha256:bb", 7)]);

        string json = EventEnvelope.Serialize(Sample(target));

        string expected = string.Concat(
            "{'id':'01a1fef3-1239-7533-9a0b-abd0f8bc6ad1','timestamp':'2026-03-01T10:00:00.1230000Z','action':'push',",
            "'target':{'mediaType':'application/vnd.oci.image.manifest.v1+json','digest':'sha256:aa','size':708,'length':708,",
            "'repository':'team/app','url':'https://registry.example.com/v2/team/app/manifests/sha256:aa','tag':'1.0',",
            "'references':[{'mediaType':'application/vnd.oci.image.config.v1+json','digest':'sha256:bb','size':7}]},",
            "'request':{'id':'0HN:00000001','addr':'192.0.2.1:5123','host':'registry.example.com','method':'PUT','useragent':'docker/27.0'},",
            "'actor':{'name':'alice'},'source':{'addr':'node-1:5000','instanceID':'node-1/42/abc'}}").Replace('\'', '"');
        Assert.Equal(expected, json);
    }

    [Fact]
    public void Serialize_DeleteEvent_LeavesAbsentFieldsOut_AndAnonymousActorEmpty()
    {
        RegistryEvent e = Sample(new EventTarget(null, "sha256:aa", null, null, "team/app")) with { Action = EventActions.Delete, Actor = new EventActor(null) };

        using JsonDocument json = JsonDocument.Parse(EventEnvelope.Serialize(e));

        Assert.Equal("""{"digest":"sha256:aa","repository":"team/app"}""", json.RootElement.GetProperty("target").GetRawText());
        Assert.Equal("{}", json.RootElement.GetProperty("actor").GetRawText());
    }

    [Fact]
    public void Wrap_MakesTheEnvelope_AroundTheStoredEvents_AndTheyReadBack()
    {
        RegistryEvent e = Sample(new EventTarget(null, null, null, null, "a"));
        string one = EventEnvelope.Serialize(e);

        byte[] body = EventEnvelope.Wrap([one, one]);

        Assert.Equal("{\"events\":[" + one + "," + one + "]}", Encoding.UTF8.GetString(body));
        Assert.Equal(e.Timestamp, EventEnvelope.Deserialize(one)!.Timestamp);
        Assert.Equal("application/vnd.docker.distribution.events.v1+json", EventEnvelope.MediaType);
    }
}
