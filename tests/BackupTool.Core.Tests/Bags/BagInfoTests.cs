using BackupTool.Core.Bags;

namespace BackupTool.Core.Tests.Bags;

public sealed class BagInfoTests
{
    [Fact]
    public void Parse_RepeatedLabels_KeepsEveryValueInOrder()
    {
        var info = Parse("Contact-Name: Ann\nContact-Name: Bob\ncontact-name: Cy\n", strict: true);

        Assert.Equal(["Ann", "Bob", "Cy"], info.Values("Contact-Name"));
        Assert.Empty(info.Errors);
    }

    [Fact]
    public void Parse_ContinuationLines_JoinsThemToTheValue()
    {
        var info = Parse("External-Description: first part : with colon\n   second part\n\tthird part\nNext: x", strict: true);

        Assert.Equal("first part : with colon second part third part", Assert.Single(info.Values("External-Description")));
        Assert.Equal("x", Assert.Single(info.Values("Next")));
        Assert.Equal(4, info.Find("Next")!.LineNumber);
    }

    [Theory]
    [InlineData("Label : value")]
    [InlineData("Label    :   value")]
    [InlineData(" Label: value")]
    public void Parse_WhitespaceAroundLabel_AcceptedBefore10Only(string line)
    {
        var lenient = Parse(line + "\n", strict: false);
        var strict = Parse(line + "\n", strict: true);

        Assert.Equal("value", Assert.Single(lenient.Values("Label")));
        Assert.Empty(lenient.Errors);
        Assert.Equal(1, Assert.Single(strict.Errors).LineNumber);
    }

    [Fact]
    public void Parse_LineWithoutColon_ReportsErrorAndKeepsTheRest()
    {
        var info = Parse("Good: yes\nthis line has no separator\nAlso-Good: yes\n", strict: true);

        Assert.Equal(2, Assert.Single(info.Errors).LineNumber);
        Assert.Equal(2, info.Entries.Count);
    }

    [Fact]
    public void Parse_CrlfLines_WarnsOnce()
    {
        var info = Parse("A: 1\r\nB: 2\r\n", strict: true);

        Assert.Equal(2, info.Entries.Count);
        Assert.Contains("CRLF", Assert.Single(info.Warnings).Message);
    }

    [Fact]
    public void Read_OnlyPackageInfo_ReadsLegacyName()
    {
        var fileSystem = new System.IO.Abstractions.TestingHelpers.MockFileSystem();
        fileSystem.AddFile("/bag/package-info.txt", new("Payload-Oxum: 5.1\n"));

        var info = BagInfo.Read(fileSystem, "/bag", BagDeclaration.Current);

        Assert.Equal("package-info.txt", info!.SourceFileName);
        Assert.Equal("5.1", Assert.Single(info.Values("payload-oxum")));
    }

    [Theory]
    [InlineData("5120.3", true, 5120, 3)]
    [InlineData(" 0.0 ", true, 0, 0)]
    [InlineData("5120", false, 0, 0)]
    [InlineData("5120.3.1", false, 0, 0)]
    [InlineData("-1.3", false, 0, 0)]
    [InlineData("a.b", false, 0, 0)]
    public void PayloadOxumTryParse_Value_ParsesOnlyBytesDotFiles(string value, bool valid, long octets, long count)
    {
        var parsed = PayloadOxum.TryParse(value, out var oxum);

        Assert.Equal(valid, parsed);
        Assert.Equal(octets, valid ? oxum.Octets : 0);
        Assert.Equal(count, valid ? oxum.Count : 0);
    }

    private static BagInfo Parse(string text, bool strict) => BagInfo.Parse(new StringReader(text), "bag-info.txt", strict);
}
