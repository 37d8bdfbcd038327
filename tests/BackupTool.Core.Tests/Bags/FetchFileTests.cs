using BackupTool.Core.Bags;

namespace BackupTool.Core.Tests.Bags;

public sealed class FetchFileTests
{
    [Fact]
    public void Parse_ValidLines_ReturnsEntries()
    {
        var fetch = Parse("https://example.org/a 12 data/a.txt\nftp://example.org/b - data/dir/b with space.txt\n", true);

        Assert.Empty(fetch.Errors);
        Assert.Equal(2, fetch.Entries.Count);
        Assert.Equal(12, fetch.Entries[0].Length);
        Assert.Null(fetch.Entries[1].Length);
        Assert.Equal("data/dir/b with space.txt", fetch.Entries[1].Path);
        Assert.Equal(2, fetch.Entries[1].LineNumber);
    }

    [Theory]
    [InlineData("data/a%0Ab.txt", "data/a\nb.txt")]
    [InlineData("data/a%25b.txt", "data/a%b.txt")]
    [InlineData("data/a%250Ab.txt", "data/a%0Ab.txt")]
    public void Parse_PercentEncodedPathIn10_DecodesOnce(string raw, string decoded)
    {
        var fetch = Parse($"https://example.org/x - {raw}\n", true);

        Assert.Equal(decoded, Assert.Single(fetch.Entries).Path);
    }

    [Theory]
    [InlineData("https://example.org/x lots data/a.txt", "length")]
    [InlineData("https://example.org/x -12 data/a.txt", "length")]
    [InlineData("not-a-url 1 data/a.txt", "URL")]
    [InlineData("https://example.org/x 1", "URL LENGTH FILEPATH")]
    [InlineData("https://example.org/x 1 data/a%2Fb.txt", "%")]
    [InlineData("https://example.org/x 1 data/../../etc/passwd", "leaves the bag")]
    [InlineData("https://example.org/x 1 /etc/passwd", "leaves the bag")]
    [InlineData("https://example.org/x 1 ~/x", "leaves the bag")]
    public void Parse_BadLine_ReportsErrorWithLine(string line, string reason)
    {
        var fetch = Parse("https://example.org/ok - data/ok.txt\n" + line + "\n", true);

        var error = Assert.Single(fetch.Errors);
        Assert.Equal(2, error.LineNumber);
        Assert.Contains(reason, error.Message);
        Assert.Single(fetch.Entries);
    }

    [Fact]
    public void Parse_LiteralPercentBefore10_IsKept()
    {
        var fetch = Parse("https://example.org/x - data/a%7Eb.txt\n", false);

        Assert.Equal("data/a%7Eb.txt", Assert.Single(fetch.Entries).Path);
    }

    private static FetchFile Parse(string text, bool decodePercent) => FetchFile.Parse(new StringReader(text), decodePercent);
}
