using BackupTool.Core.Walking;

namespace BackupTool.Core.Tests.Walking;

public class ExcludeFilterTests
{
    [Theory]
    [InlineData("*.tmp", "a/b/c.tmp", false, true)]
    [InlineData("*.tmp", "c.tmpx", false, false)]
    [InlineData("node_modules", "web/node_modules", true, true)]
    [InlineData("build/out", "build/out", true, true)]
    [InlineData("build/out", "x/build/out", true, false)]
    [InlineData("/top.txt", "top.txt", false, true)]
    [InlineData("/top.txt", "sub/top.txt", false, false)]
    [InlineData("cache/", "cache", true, true)]
    [InlineData("cache/", "cache", false, false)]
    [InlineData("docs/**/*.md", "docs/a/b/readme.md", false, true)]
    [InlineData("Secret", "secret", false, false)]
    public void IsExcluded_Pattern_MatchesLikeGitignore(string pattern, string path, bool isDirectory, bool expected)
    {
        var filter = new ExcludeFilter([pattern]);

        Assert.Equal(expected, filter.IsExcluded(path, isDirectory));
    }

    [Fact]
    public void IsExcluded_CommentsAndBlankLines_Ignored()
    {
        var filter = new ExcludeFilter(["# a comment", "", "  "]);

        Assert.False(filter.IsExcluded("# a comment", false));
        Assert.Empty(filter.Patterns);
    }
}
