using BackupTool.Core.Manifests;

namespace BackupTool.Core.Tests.Manifests;

public class ManifestPathTests
{
    [Theory]
    [InlineData("plain.txt", "plain.txt")]
    [InlineData("100%", "100%25")]
    [InlineData("a\nb", "a%0Ab")]
    [InlineData("a\rb", "a%0Db")]
    [InlineData("%0A literal", "%250A literal")]
    [InlineData("back\\slash", "back\\slash")]
    public void Encode_EscapesOnlyPercentCrAndLf(string path, string expected)
    {
        Assert.Equal(expected, ManifestPath.Encode(path));
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("a\nb\r%0A%25")]
    [InlineData("%7E stays")]
    public void Decode_ReversesEncode(string path)
    {
        Assert.Equal(path, ManifestPath.Decode(ManifestPath.Encode(path), decodePercent: true));
    }

    [Fact]
    public void Decode_BeforeVersion1_KeepsPercent25Literal()
    {
        Assert.Equal("a%25b\n", ManifestPath.Decode("a%25b%0a", decodePercent: false));
    }

    [Fact]
    public void Decode_OtherEscape_StaysLiteral()
    {
        Assert.Equal("dir/%7Etest", ManifestPath.Decode("dir/%7Etest", decodePercent: true));
    }
}
