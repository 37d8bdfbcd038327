using BackupTool.Core.Manifests;

namespace BackupTool.Core.Tests.Manifests;

public class PathComparerTests
{
    [Fact]
    public void Compare_AstralCharacter_SortsAfterPrivateUseArea()
    {
        var paths = new List<string> { "\U0001F600", "\uE000", "a" };

        paths.Sort(PathComparer.Instance);

        Assert.Equal(["a", "\uE000", "\U0001F600"], paths);
    }

    [Fact]
    public void Compare_Prefix_SortsFirst()
    {
        Assert.True(PathComparer.Instance.Compare("a", "a/b") < 0);
        Assert.True(PathComparer.Instance.Compare("a-c", "a/b") < 0);
    }
}
