using Registry.Core.Tags;

namespace Registry.Tests.Core.Tags;

public sealed class FloatingTagPlannerTests
{
    private static readonly FloatingTagSettings On = new(true, false);
    private static readonly FloatingTagSettings WithLatest = new(true, true);

    [Fact]
    public void Plan_FirstRelease_MovesMajorAndMinor()
    {
        Assert.Equal(["17", "17.0"], FloatingTagPlanner.Plan("17.0.1", ["17.0.1"], On));
    }

    [Fact]
    public void Plan_HighestPatch_MovesMajorAndMinor()
    {
        Assert.Equal(["17", "17.0"], FloatingTagPlanner.Plan("17.0.12", ["17.0.1", "17.0.12", "17", "17.0"], On));
    }

    [Fact]
    public void Plan_PatchOfAnOlderMinor_MovesOnlyItsMinor()
    {
        Assert.Equal(["17.0"], FloatingTagPlanner.Plan("17.0.13", ["17.0.1", "17.0.12", "17.1.0", "17", "17.0", "17.1"], On));
    }

    [Fact]
    public void Plan_OlderPatchThanTheMinorsNewest_MovesNothing()
    {
        Assert.Empty(FloatingTagPlanner.Plan("17.0.5", ["17.0.12", "17.0.5"], WithLatest));
    }

    [Fact]
    public void Plan_NewMajor_MovesItsLinesButNotTheOldOnes()
    {
        Assert.Equal(["18", "18.0"], FloatingTagPlanner.Plan("18.0.0", ["17.1.0", "17", "17.1", "18.0.0"], On));
    }

    [Theory]
    [InlineData("18.0.0-rc1")]
    [InlineData("17")]
    [InlineData("17.0")]
    [InlineData("latest")]
    [InlineData("main")]
    public void Plan_PreReleasesLinesAndOtherTags_NeverFloat(string pushed)
    {
        Assert.Empty(FloatingTagPlanner.Plan(pushed, ["17.0.1", pushed], WithLatest));
    }

    [Fact]
    public void Plan_IgnoresPreReleasesAboveThePushedRelease()
    {
        Assert.Equal(["17", "17.0", "latest"], FloatingTagPlanner.Plan("17.0.2", ["17.0.2", "17.0.3-rc1", "18.0.0-rc1"], WithLatest));
    }

    [Fact]
    public void Plan_Latest_MovesOnlyForTheHighestReleaseOfTheRepository()
    {
        Assert.Equal(["18", "18.0", "latest"], FloatingTagPlanner.Plan("18.0.0", ["17.1.0", "18.0.0"], WithLatest));
        Assert.Equal(["17", "17.1"], FloatingTagPlanner.Plan("17.1.1", ["17.1.1", "18.0.0"], WithLatest));
    }

    [Fact]
    public void Plan_WhenOff_MovesNothing()
    {
        Assert.Empty(FloatingTagPlanner.Plan("1.0.0", [], FloatingTagSettings.Off));
        Assert.Empty(FloatingTagPlanner.Plan("1.0.0", [], new FloatingTagSettings(false, true)));
    }

    [Fact]
    public void Plan_VPrefixedRelease_MovesPrefixedLines_AndComparesWithinItsSpelling()
    {
        Assert.Equal(["v2", "v2.1"], FloatingTagPlanner.Plan("v2.1.0", ["v2.1.0", "2.5.0", "v2.0.3"], On));
        Assert.Equal(["v2", "v2.1"], FloatingTagPlanner.Plan("v2.1.0", ["v2.1.0", "2.5.0"], WithLatest));
    }

    [Fact]
    public void Plan_RepushOfTheSameVersion_StillFloats()
    {
        Assert.Equal(["1", "1.2", "latest"], FloatingTagPlanner.Plan("1.2.3", ["1.2.3", "v1.2.3", "1.2.3-rc.1"], WithLatest));
    }

    [Fact]
    public void Plan_ComparesNumerically_NotByName()
    {
        Assert.Equal(["1", "1.10"], FloatingTagPlanner.Plan("1.10.0", ["1.9.2", "1.10.0"], On));
        Assert.Equal(["1.9"], FloatingTagPlanner.Plan("1.9.3", ["1.9.2", "1.10.0"], On));
    }
}
