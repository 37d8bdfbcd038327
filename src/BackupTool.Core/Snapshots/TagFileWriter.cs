using System.Globalization;
using System.IO.Abstractions;
using System.Reflection;
using System.Text;
using BackupTool.Core.Bags;
using BackupTool.Core.Hashing;

namespace BackupTool.Core.Snapshots;

/// <summary>Writes a snapshot's tag files once its payload is complete: declaration, bag-info, README, tag manifests.</summary>
internal sealed class TagFileWriter(IFileSystem fileSystem, SnapshotPlan plan, TimeProvider clock)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The software name and version written as Bag-Software-Agent.</summary>
    public static string SoftwareAgent { get; } =
        "BackupTool " + (typeof(TagFileWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    /// <summary>Writes every tag file into the partial folder.</summary>
    public void Write(SnapshotContents contents)
    {
        WriteText(BagDeclaration.FileName, "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n");
        WriteText(SnapshotLayout.BagInfoFile, BagInfo(contents));
        WriteText(SnapshotLayout.ReadmeFile, SnapshotReadme.Render(plan, contents));
        WriteTagManifests();
    }

    private string BagInfo(SnapshotContents contents)
    {
        var now = clock.GetLocalNow();
        var info = new StringBuilder();
        AppendLabel(info, "Bagging-Date", now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        AppendLabel(info, "Bag-Software-Agent", SoftwareAgent);
        AppendLabel(info, "Payload-Oxum", $"{contents.Bytes}.{contents.Files}");
        AppendLabel(info, SnapshotLayout.SourcePathLabel, plan.SourcePath);
        AppendLabel(info, SnapshotLayout.SourceHostLabel, Environment.MachineName);
        AppendLabel(info, "Backup-Started", plan.StartedAt.ToString("o", CultureInfo.InvariantCulture));
        AppendLabel(info, "Backup-Durable", plan.Durable ? "true" : "false");
        if (contents.Skipped.Count > 0)
        {
            AppendLabel(info, SnapshotLayout.IncompleteLabel, "true");
            foreach (var skipped in contents.Skipped)
            {
                AppendLabel(info, SnapshotLayout.SkippedPathLabel, skipped.Path);
            }
        }

        return info.ToString();
    }

    private static void AppendLabel(StringBuilder info, string label, string value)
    {
        // bag-info values are one line each; CR, LF and % in paths are percent-encoded.
        info.Append(label).Append(": ").Append(TreeMetadataFormat.EncodeField(value).Replace("\t", "%09")).Append('\n');
    }

    private void WriteTagManifests()
    {
        var tagFiles = new List<string> { BagDeclaration.FileName, SnapshotLayout.BagInfoFile, TreeMetadataFormat.FileName,
            SnapshotLayout.ReadmeFile };
        tagFiles.AddRange(plan.Algorithms.Select(SnapshotLayout.ManifestFile));
        tagFiles.Sort(StringComparer.Ordinal);

        var copier = new HashingCopier(fileSystem, plan.Algorithms);
        var digests = tagFiles.ToDictionary(f => f, f => copier.Hash(Path(f), CancellationToken.None).Digests);
        for (var i = 0; i < plan.Algorithms.Count; i++)
        {
            var lines = tagFiles.Select(f => $"{digests[f][i]}  {f}\n");
            WriteText(SnapshotLayout.TagManifestFile(plan.Algorithms[i]), string.Concat(lines));
        }
    }

    private void WriteText(string name, string text) =>
        fileSystem.File.WriteAllText(Path(name), text, Utf8);

    private string Path(string name) => fileSystem.Path.Combine(plan.PartialPath, name);
}
