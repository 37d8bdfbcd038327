using System.Text;
using BackupTool.Core.Bags;

namespace BackupTool.Core.Tests.Bags;

public sealed class BagDeclarationTests
{
    [Theory]
    [InlineData("0.93", 0, 93)]
    [InlineData("0.96", 0, 96)]
    [InlineData("0.97", 0, 97)]
    [InlineData("1.0", 1, 0)]
    public void Parse_KnownVersion_ReturnsIt(string version, int major, int minor)
    {
        var declaration = Parse($"BagIt-Version: {version}\nTag-File-Character-Encoding: UTF-8\n");

        Assert.Equal(major, declaration.Major);
        Assert.Equal(minor, declaration.Minor);
        Assert.Equal(version, declaration.Version);
        Assert.True(declaration.IsKnownVersion);
        Assert.Equal(major >= 1, declaration.DecodesPercent);
    }

    [Fact]
    public void Parse_UnknownButWellFormedVersion_IsNotKnown()
    {
        var declaration = Parse("BagIt-Version: 2.1\nTag-File-Character-Encoding: UTF-8\n");

        Assert.False(declaration.IsKnownVersion);
    }

    [Theory]
    [InlineData("UTF-8", "utf-8")]
    [InlineData("UTF-16", "utf-16")]
    [InlineData("ISO-8859-1", "iso-8859-1")]
    [InlineData("windows-1252", "windows-1252")]
    [InlineData("utf-8", "utf-8")]
    public void Parse_Encoding_ResolvesIt(string name, string webName)
    {
        var declaration = Parse($"BagIt-Version: 0.97\nTag-File-Character-Encoding: {name}\n");

        Assert.Equal(webName, declaration.Encoding.WebName);
        Assert.Equal(name, declaration.EncodingName);
    }

    [Theory]
    [InlineData("BagIt-Version: 1.0\r\nTag-File-Character-Encoding: UTF-8\r\n")]
    [InlineData("BagIt-Version: 1.0\rTag-File-Character-Encoding: UTF-8\r")]
    [InlineData("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8")]
    [InlineData("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n\n")]
    public void Parse_AllowedLayout_Succeeds(string text)
    {
        var declaration = Parse(text);

        Assert.Equal("1.0", declaration.Version);
    }

    [Theory]
    [InlineData("\uFEFFBagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version : 1.0\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version: 1.0 \nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version:  1.0\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("bagit-version: 1.0\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version: .97\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version: 1\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version: 1.0.1\nTag-File-Character-Encoding: UTF-8\n", 1)]
    [InlineData("BagIt-Version: 1.0\n", 2)]
    [InlineData("BagIt-Version: 1.0\nTag-File-Character-Encoding: no-such-charset\n", 2)]
    [InlineData("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\nContact-Name: x\n", 3)]
    public void Parse_MalformedDeclaration_ThrowsWithLine(string text, int line)
    {
        var exception = Assert.Throws<BagFormatException>(() => Parse(text));

        Assert.Equal(line, exception.LineNumber);
        Assert.Equal("bagit.txt", exception.FileName);
    }

    [Fact]
    public void Parse_InvalidUtf8_ThrowsBagFormatException()
    {
        var bytes = Encoding.UTF8.GetBytes("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").Append((byte)0xFF).ToArray();

        Assert.Throws<BagFormatException>(() => BagDeclaration.Parse(bytes));
    }

    private static BagDeclaration Parse(string text) => BagDeclaration.Parse(Encoding.UTF8.GetBytes(text));
}
