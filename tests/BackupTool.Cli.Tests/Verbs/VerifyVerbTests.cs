using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BackupTool.Cli.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

/// <summary>Runs <c>backup verify</c> as a process on bags built by hand in a temp folder.</summary>
public sealed class VerifyVerbTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Verify_IntactBag_ExitsZeroWithSummary()
    {
        var bag = WriteBag();

        var run = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("3 of 3 files verified, 20 B: OK", run.Output);
        Assert.DoesNotContain("warning:", run.Output);
    }

    [Fact]
    public void Verify_DamagedBag_ExitsOneListingEveryProblemByKindAndPath()
    {
        var bag = WriteBag();
        File.WriteAllText(Path.Combine(bag, "data", "a.txt"), "ALPHA");
        File.Delete(Path.Combine(bag, "data", "sub", "c.txt"));
        File.WriteAllText(Path.Combine(bag, "data", "added.txt"), "added");

        var run = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("modified: data/a.txt: md5 is ", run.Output);
        Assert.Contains("missing: data/sub/c.txt: listed in manifest-md5.txt line 3", run.Output);
        Assert.Contains("unexpected: data/added.txt:", run.Output);
        Assert.Contains("1 of 3 files verified", run.Output);
        Assert.Contains("Payload-Oxum mismatch: bag-info.txt line 1:", run.Output);
        Assert.Contains("FAILED, 4 problems", run.Output);
    }

    [Fact]
    public void Verify_MalformedManifestLine_NamesFileAndLine()
    {
        var bag = WriteBag();
        File.AppendAllText(Path.Combine(bag, "manifest-md5.txt"), "0123  data/short-hash.txt\n");
        WriteTagManifest(bag);

        var run = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("malformed line: manifest-md5.txt line 4: checksum has 4 hex digits, expected 32", run.Output);
    }

    [Fact]
    public void Verify_CrlfManifest_ExitsZeroWithWarningOnStderr()
    {
        var bag = WriteBag();
        var manifest = Path.Combine(bag, "manifest-md5.txt");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\n", "\r\n"));
        WriteTagManifest(bag);

        var run = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("warning: manifest-md5.txt: lines end in CRLF", run.Error);
        Assert.DoesNotContain("warning:", run.Output);
    }

    [Fact]
    public void Verify_Json_PrintsOneObjectWithVerdictCountsAndProblems()
    {
        var bag = WriteBag();
        File.WriteAllText(Path.Combine(bag, "data", "b.txt"), "bravo!");

        var run = BackupProcess.Run(_temp.Path, "verify", bag, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("invalid", root.GetProperty("verdict").GetString());
        Assert.Equal("1.0", root.GetProperty("bagItVersion").GetString());
        Assert.Equal(3, root.GetProperty("filesListed").GetInt64());
        Assert.Equal(2, root.GetProperty("filesVerified").GetInt64());
        Assert.False(root.GetProperty("fast").GetBoolean());
        var kinds = root.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("kind").GetString()).ToList();
        Assert.Contains("modified", kinds);
        Assert.Contains("payload-oxum-mismatch", kinds);
        var modified = root.GetProperty("problems").EnumerateArray().First(p => p.GetProperty("kind").GetString() == "modified");
        Assert.Equal("data/b.txt", modified.GetProperty("path").GetString());
        Assert.Equal(2, modified.GetProperty("line").GetInt32());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public void Verify_Json_PrintsEveryFieldInOrder()
    {
        var bag = WriteBag();
        File.WriteAllText(Path.Combine(bag, "data", "b.txt"), "bravo!");
        File.WriteAllText(Path.Combine(bag, "manifest-md5.txt"),
            File.ReadAllText(Path.Combine(bag, "manifest-md5.txt")).Replace("\n", "\r\n"));
        WriteTagManifest(bag);

        var run = BackupProcess.Run(_temp.Path, "verify", bag, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        string[] fields =
        [
            "bag", "bagItVersion", "verdict", "fast", "filesListed", "filesVerified", "bytesVerified",
            "tagFilesVerified", "problems", "warnings",
        ];
        Assert.Equal(fields, JsonShape.PropertyNames(root));
        Assert.Equal(["kind", "path", "line", "message"], JsonShape.PropertyNames(root.GetProperty("problems")[0]));
        Assert.Equal(["path", "line", "message"], JsonShape.PropertyNames(root.GetProperty("warnings")[0]));
    }

    [Fact]
    public void Verify_QuietAndValid_PrintsNothing()
    {
        var bag = WriteBag();

        var run = BackupProcess.Run(_temp.Path, "verify", bag, "--quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Verify_QuietAndDamaged_PrintsProblemsOnStderr()
    {
        var bag = WriteBag();
        File.Delete(Path.Combine(bag, "data", "a.txt"));

        var run = BackupProcess.Run(_temp.Path, "verify", bag, "--quiet");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("missing: data/a.txt", run.Error);
    }

    [Fact]
    public void Verify_Fast_ReportsSizesOnly()
    {
        var bag = WriteBag();
        File.WriteAllText(Path.Combine(bag, "data", "a.txt"), "ALPHA");

        var fast = BackupProcess.Run(_temp.Path, "verify", bag, "--fast");
        var full = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.True(fast.ExitCode == 0, fast.ToString());
        Assert.Contains("--fast", fast.Output);
        Assert.Equal(1, full.ExitCode);
    }

    [Fact]
    public void Verify_FolderWithoutBag_ExitsTwo()
    {
        Directory.CreateDirectory(_temp.Combine("empty"));

        var empty = BackupProcess.Run(_temp.Path, "verify", "empty");
        var absent = BackupProcess.Run(_temp.Path, "verify", "no-such-folder");

        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("not a snapshot or BagIt bag", empty.Error);
        Assert.Equal(2, absent.ExitCode);
        Assert.Contains("no-such-folder", absent.Error);
    }

    [Fact]
    public void Verify_BagWithoutDeclaration_ExitsOne()
    {
        var bag = WriteBag();
        File.Delete(Path.Combine(bag, "bagit.txt"));
        WriteTagManifest(bag);

        var run = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("invalid declaration: bagit.txt", run.Output);
    }

    [Fact]
    public void Verify_DamagedTagFile_ExitsOneNamingIt()
    {
        var bag = WriteBag();
        File.AppendAllText(Path.Combine(bag, "bag-info.txt"), "Contact-Name: someone else\n");

        var run = BackupProcess.Run(_temp.Path, "verify", bag);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("tag file damaged: bag-info.txt:", run.Output);
    }

    [Fact]
    public void Verify_FilesStillToFetch_ExitsOneAsIncomplete()
    {
        var bag = WriteBag();
        File.Delete(Path.Combine(bag, "data", "b.txt"));
        File.WriteAllText(Path.Combine(bag, "fetch.txt"), "https://example.org/b.txt 5 data/b.txt\n");
        WriteTagManifest(bag);

        var run = BackupProcess.Run(_temp.Path, "verify", bag, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("incomplete", json.RootElement.GetProperty("verdict").GetString());
        Assert.Contains("https://example.org/b.txt", run.Output);
    }

    private string WriteBag()
    {
        var bag = _temp.Combine("bag");
        Directory.CreateDirectory(Path.Combine(bag, "data", "sub"));
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["data/a.txt"] = "alpha",
            ["data/b.txt"] = "bravo",
            ["data/sub/c.txt"] = "charlie-xx",
        };
        foreach (var (path, content) in files)
        {
            File.WriteAllText(Path.Combine(bag, path), content);
        }

        File.WriteAllText(Path.Combine(bag, "bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        File.WriteAllText(Path.Combine(bag, "bag-info.txt"), "Payload-Oxum: 20.3\n");
        File.WriteAllText(Path.Combine(bag, "manifest-md5.txt"),
            string.Concat(files.Select(f => $"{Md5(Encoding.UTF8.GetBytes(f.Value))}  {f.Key}\n")));
        WriteTagManifest(bag);
        return bag;
    }

    private static void WriteTagManifest(string bag)
    {
        var names = new[] { "bagit.txt", "bag-info.txt", "manifest-md5.txt", "fetch.txt" }
            .Where(n => File.Exists(Path.Combine(bag, n)));
        File.WriteAllText(Path.Combine(bag, "tagmanifest-md5.txt"),
            string.Concat(names.Select(n => $"{Md5(File.ReadAllBytes(Path.Combine(bag, n)))}  {n}\n")));
    }

    private static string Md5(byte[] content) => Convert.ToHexStringLower(MD5.HashData(content));

    [SkippableTheory]
    [InlineData("loc-conformance/v0.97/valid/UTF-16-encoded-tag-files", 0)]
    [InlineData("loc-conformance/v0.96/valid/holey-bag", 0)]
    [InlineData("loc-conformance/v0.97/warning/made-with-md5sum-tools", 0)]
    [InlineData("loc-conformance/v0.97/invalid/missing-bagit.txt", 1)]
    [InlineData("loc-conformance/v0.97/linux-only/out-of-scope-file-paths-using-shortcut", 1)]
    [InlineData("bagittools/TestBadFilePathsBag", 1)]
    public void Verify_SuiteBag_ExitsWithVerdictCode(string bag, int exitCode)
    {
        var suite = LocateSuite();
        Skip.If(suite is null, "The BagIt test suite was not found: set BACKUPTOOL_BAGIT_SUITE or place it at shared/bagit-suite in an ancestor folder.");

        var run = BackupProcess.Run(_temp.Path, "verify", Path.Combine(suite!, bag));

        Assert.True(run.ExitCode == exitCode, run.ToString());
    }

    private static string? LocateSuite()
    {
        var configured = Environment.GetEnvironmentVariable("BACKUPTOOL_BAGIT_SUITE");
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
