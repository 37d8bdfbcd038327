using BackupTool.Core.Bags;
using BackupTool.Core.Tests.Verification;

namespace BackupTool.Core.Tests.Bags;

/// <summary>Runs every tag-file fragment of the shared suite through its parser.</summary>
public sealed class FragmentTests
{
    public static IEnumerable<object[]> Fragments => BagitSuite.Rows("FRAGMENTS.tsv", 3);

    [SkippableTheory]
    [MemberData(nameof(Fragments))]
    public void Parse_SuiteFragment_AcceptsOrRejects(string path, string expected, string reason)
    {
        Skip.If(BagitSuite.Root is null, BagitSuite.MissingReason);
        var fullPath = Path.Combine(BagitSuite.Root!, path);
        if (expected == "see derived bags")
        {
            // The replacement manifests are installed in bags that the suite's verdict table covers.
            Assert.True(Directory.EnumerateFiles(fullPath).Any(), reason);
            return;
        }

        var errors = path.Contains("/fetchFiles/", StringComparison.Ordinal)
            ? FetchFile.Parse(new StringReader(File.ReadAllText(fullPath)), decodePercent: true).Errors
            : BagInfo.Parse(new StringReader(File.ReadAllText(fullPath)), "bag-info.txt", strict: true).Errors;

        Assert.True(expected is "accept" or "reject", $"unknown expectation '{expected}'");
        Assert.True((expected == "accept") == (errors.Count == 0),
            $"{reason}\nerrors: {string.Join("; ", errors.Select(e => $"line {e.LineNumber}: {e.Message}"))}");
    }

    [SkippableFact]
    public void Parse_LeadingSpacesFragmentIn097_Accepts()
    {
        Skip.If(BagitSuite.Root is null, BagitSuite.MissingReason);
        var text = File.ReadAllText(Path.Combine(BagitSuite.Root!, "bagittools/fragments/bag-infos/invalid-leading-spaces.txt"));

        var lenient = BagInfo.Parse(new StringReader(text), "bag-info.txt", strict: false);
        var strict = BagInfo.Parse(new StringReader(text), "bag-info.txt", strict: true);

        Assert.Empty(lenient.Errors);
        Assert.Equal(3, lenient.Entries.Count);
        Assert.Equal(2, strict.Errors.Count);
    }
}
