namespace BackupTool.Core.Tests.Verification;

/// <summary>Finds the shared folder of BagIt test bags written by other implementations.</summary>
/// <remarks>
/// The folder comes from <c>BACKUPTOOL_BAGIT_SUITE</c>, or from the first ancestor of the test's base
/// folder that contains <c>shared/bagit-suite</c>. A clone outside the project has neither, and the
/// tests that need it skip themselves with <see cref="MissingReason"/>.
/// </remarks>
public static class BagitSuite
{
    public const string EnvironmentVariable = "BACKUPTOOL_BAGIT_SUITE";

    public static string? Root { get; } = Locate();

    public static string MissingReason =>
        $"The BagIt test suite was not found: set {EnvironmentVariable} or place it at shared/bagit-suite in an ancestor folder.";

    /// <summary>Returns the rows of a TSV file of the suite without its header, or one placeholder row when it is absent.</summary>
    public static IEnumerable<object[]> Rows(string fileName, int columns)
    {
        if (Root is null)
        {
            return [Enumerable.Repeat<object>("", columns).ToArray()];
        }

        return File.ReadAllLines(Path.Combine(Root, fileName)).Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t').Take(columns).Cast<object>().ToArray());
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? configured : null;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "shared", "bagit-suite");
            if (File.Exists(Path.Combine(candidate, "EXPECTED.tsv")))
            {
                return candidate;
            }
        }

        return null;
    }
}
