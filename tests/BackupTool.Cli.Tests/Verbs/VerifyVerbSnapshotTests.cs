using System.Text.Json;
using BackupTool.Cli.Tests.Support;

namespace BackupTool.Cli.Tests.Verbs;

/// <summary>Creates snapshots with <c>backup create</c> and checks them with <c>backup verify</c>, both as processes.</summary>
public sealed class VerifyVerbSnapshotTests : IDisposable
{
    private static readonly string[] OddNames =
    [
        "with space.txt", "100%.txt", "%25 literal.txt", "line\nbreak.txt", "carriage\rreturn.txt", "tab\tname.txt",
        "back\\slash.txt", "-leading-dash.txt", " leading space.txt", "trailing space .txt", "*star.txt",
        "Ünïcödé 名前.txt", "Nu\u0301n\u0303ez.txt", "N\u00fa\u00f1ez.txt", "Case.txt", "CASE.txt", "emoji 😀.txt",
    ];

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("md5")]
    [InlineData("sha256")]
    public void Verify_CreatedSnapshotWithOddNames_ExitsZero(string algorithm)
    {
        var snapshot = CreateSnapshot(algorithm);

        var run = BackupProcess.Run(_temp.Path, "verify", snapshot);

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = OddNames.Length + 2;
        Assert.Contains($"{files} of {files} files verified", run.Output);
        Assert.EndsWith(": OK", run.Output.TrimEnd());
    }

    [Fact]
    public void Verify_CreatedSha256Snapshot_WarnsOnlyAboutTwinNames()
    {
        var snapshot = CreateSnapshot("sha256");

        var run = BackupProcess.Run(_temp.Path, "verify", snapshot, "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("valid", json.RootElement.GetProperty("verdict").GetString());
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray()
            .Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("differ only in case: 'data/CASE.txt', 'data/Case.txt'"));
        Assert.Contains(warnings, w => w.Contains("differ only in Unicode normalization"));
        Assert.Equal(OddNames.Length + 2, json.RootElement.GetProperty("filesVerified").GetInt64());
    }

    [Theory]
    [InlineData("line\nbreak.txt")]
    [InlineData("100%.txt")]
    [InlineData("Nu\u0301n\u0303ez.txt")]
    public void Verify_CreatedSnapshotWithOddNameDamaged_ExitsOneNamingIt(string name)
    {
        var snapshot = CreateSnapshot("md5");
        File.AppendAllText(Path.Combine(snapshot, "data", name), "!");

        var run = BackupProcess.Run(_temp.Path, "verify", snapshot, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var problems = json.RootElement.GetProperty("problems").EnumerateArray().ToList();
        Assert.Contains(problems, p => p.GetProperty("kind").GetString() == "modified"
            && p.GetProperty("path").GetString() == "data/" + name);
    }

    [Fact]
    public void Verify_DamagedNameWithLineBreak_PrintsOneEscapedLine()
    {
        var snapshot = CreateSnapshot("md5");
        File.AppendAllText(Path.Combine(snapshot, "data", "line\nbreak.txt"), "!");

        var run = BackupProcess.Run(_temp.Path, "verify", snapshot);

        Assert.Equal(1, run.ExitCode);
        var problem = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("modified:", StringComparison.Ordinal));
        Assert.StartsWith("modified: \"data/line\\nbreak.txt\": md5 is ", problem);
    }

    [Fact]
    public void Verify_CreatedSnapshotWithTagManifestDeleted_ExitsOne()
    {
        var snapshot = CreateSnapshot("md5");
        File.Delete(Path.Combine(snapshot, "tagmanifest-md5.txt"));

        var run = BackupProcess.Run(_temp.Path, "verify", snapshot);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("tag manifest missing", run.Output);
    }

    [Fact]
    public void VerifyFast_CreatedSnapshot_ComparesEachFileSize()
    {
        var snapshot = CreateSnapshot("md5");

        var intact = BackupProcess.Run(_temp.Path, "verify", snapshot, "--fast");
        File.WriteAllText(Path.Combine(snapshot, "data", "nested", "small.txt"), "SMALL");
        var sameSize = BackupProcess.Run(_temp.Path, "verify", snapshot, "--fast");
        File.WriteAllText(Path.Combine(snapshot, "data", "nested", "small.txt"), "smal");
        File.AppendAllText(Path.Combine(snapshot, "data", "with space.txt"), "!");
        var swapped = BackupProcess.Run(_temp.Path, "verify", snapshot, "--fast");

        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.True(sameSize.ExitCode == 0, sameSize.ToString());
        Assert.Equal(1, swapped.ExitCode);
        Assert.Contains("modified: data/nested/small.txt: the size is 4 bytes", swapped.Output);
        Assert.Contains("modified: data/with space.txt:", swapped.Output);
        Assert.DoesNotContain("Payload-Oxum", swapped.Output);
    }

    [SkippableFact]
    public void Verify_CreatedSnapshot_AgreesWithMd5sum()
    {
        Skip.IfNot(File.Exists("/usr/bin/md5sum") || File.Exists("/bin/md5sum"), "md5sum is not installed.");
        var snapshot = CreateSnapshot("md5");
        var manifest = File.ReadAllLines(Path.Combine(snapshot, "manifest-md5.txt"));
        var checkable = manifest.Where(l => !l.Contains('%')).ToList();
        File.WriteAllLines(Path.Combine(_temp.Path, "checkable.txt"), checkable);

        var md5sum = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("md5sum",
            ["-c", "--quiet", Path.Combine(_temp.Path, "checkable.txt")]) { WorkingDirectory = snapshot })!;
        md5sum.WaitForExit();
        var run = BackupProcess.Run(_temp.Path, "verify", snapshot);

        Assert.Equal(0, md5sum.ExitCode);
        Assert.Equal(0, run.ExitCode);
        Assert.True(checkable.Count > 5);
    }

    private string CreateSnapshot(string algorithm)
    {
        var source = _temp.Combine("source");
        Directory.CreateDirectory(Path.Combine(source, "nested", "empty"));
        foreach (var name in OddNames)
        {
            File.WriteAllText(Path.Combine(source, name), "content of " + name);
        }

        File.WriteAllBytes(Path.Combine(source, "nested", "big.bin"), Enumerable.Range(0, 3_000_000).Select(i => (byte)i).ToArray());
        File.WriteAllText(Path.Combine(source, "nested", "small.txt"), "small");
        File.CreateSymbolicLink(Path.Combine(source, "link-to-small"), "nested/small.txt");

        var create = BackupProcess.Run(_temp.Path, "create", source, "--dest", _temp.Combine("backups"), "--name", "snap",
            "--algorithm", algorithm, "--no-fsync", "--quiet");
        Assert.True(create.ExitCode == 0, create.ToString());
        return _temp.Combine("backups", "snap");
    }
}
