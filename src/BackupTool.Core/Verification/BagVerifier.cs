using System.IO.Abstractions;
using BackupTool.Core.Bags;
using BackupTool.Core.Posix;
using BackupTool.Core.Snapshots;
using Serilog;

namespace BackupTool.Core.Verification;

/// <summary>Validates a BagIt bag (versions 0.93 to 1.0): this tool's snapshots and bags other tools wrote.</summary>
/// <remarks>
/// Pipeline: read <c>bagit.txt</c>; check every tag file against the tag manifests; read
/// <c>bag-info.txt</c> and <c>fetch.txt</c>; scan each payload manifest for malformed lines; merge
/// the sorted manifests with a sorted walk of <c>data/</c>, hashing each listed file once for all
/// algorithms, in parallel; match what is left over by Unicode normalization and case; compare the
/// Payload-Oxum. Every problem is collected, none stops the check. Nothing outside the bag is read
/// and nothing is written. Instances hold no state between calls, so concurrent calls are safe.
/// </remarks>
/// <param name="fileSystem">Reads the bag.</param>
/// <param name="logger">Receives diagnostics.</param>
/// <param name="posix">
/// Lists <c>data/</c> as stored bytes; when null, <see cref="PosixFileSystem"/> for the real file system
/// on Linux, and otherwise an <see cref="EmulatedPosixFileSystem"/> over <paramref name="fileSystem"/>.
/// </param>
public sealed partial class BagVerifier(IFileSystem fileSystem, ILogger logger, IPosixFileSystem? posix = null)
{
    private readonly ILogger _logger = logger.ForContext<BagVerifier>();

    private readonly IPosixFileSystem _posix = posix
        ?? (fileSystem is FileSystem && PosixFileSystem.IsSupported
            ? new PosixFileSystem() : new EmulatedPosixFileSystem(fileSystem));

    /// <summary>Verifies the tag files and every payload file of the bag at <paramref name="bagPath"/>.</summary>
    /// <exception cref="InvalidInputException">The folder does not exist or contains nothing of a bag.</exception>
    /// <exception cref="IOException">A manifest or tag file could not be read, so the check could not finish.</exception>
    public async Task<VerificationReport> VerifyAsync(
        string bagPath, VerificationOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= new VerificationOptions();
        EnsureBag(bagPath);
        _logger.Information("Verifying {BagPath}", bagPath);

        // An absolute root spares the runtime from resolving the working folder again for every file.
        var root = fileSystem.Path.GetFullPath(bagPath);
        var findings = new VerificationFindings();
        var declaration = ReadDeclaration(root, findings);
        await VerifyTagManifestsAsync(root, declaration, findings, cancellation);
        var bagInfo = ReadBagInfo(root, declaration, findings);
        var fetch = ReadFetchFile(root, declaration, findings);
        var walk = await VerifyPayloadAsync(root, declaration, bagInfo, fetch, options, findings, cancellation);
        new TreeShapeChecker(fileSystem, findings).Check(root, walk);

        var report = BuildReport(bagPath, declaration, options.Fast, findings);
        _logger.Information("Verified {BagPath}: {Verdict} with {ProblemCount} problems and {WarningCount} warnings",
            bagPath, report.Verdict, report.Problems.Count, report.Warnings.Count);
        return report;
    }

    /// <summary>Verifies only <c>bagit.txt</c> and the tag files listed in the tag manifests.</summary>
    /// <remarks>
    /// Reads no payload file, so it is cheap enough to run before restoring: a valid result means the
    /// manifests and metadata that the restore relies on are intact.
    /// </remarks>
    /// <exception cref="InvalidInputException">The folder does not exist or contains nothing of a bag.</exception>
    public async Task<VerificationReport> VerifyTagFilesAsync(string bagPath, CancellationToken cancellation = default)
    {
        EnsureBag(bagPath);
        var root = fileSystem.Path.GetFullPath(bagPath);
        var findings = new VerificationFindings();
        var declaration = ReadDeclaration(root, findings);
        await VerifyTagManifestsAsync(root, declaration, findings, cancellation);
        return BuildReport(bagPath, declaration, fast: true, findings);
    }

    private void EnsureBag(string bagPath)
    {
        if (!fileSystem.Directory.Exists(bagPath))
        {
            throw new InvalidInputException(
                $"'{bagPath}' is not a folder. Pass a snapshot folder or BagIt bag, such as backups/src-backup-20260130-181500.");
        }

        var hasBagParts = fileSystem.File.Exists(fileSystem.Path.Combine(bagPath, BagDeclaration.FileName))
            || fileSystem.Directory.Exists(fileSystem.Path.Combine(bagPath, SnapshotLayout.DataFolder))
            || fileSystem.Directory.EnumerateFiles(bagPath, "manifest-*.txt").Any();
        if (!hasBagParts)
        {
            throw new InvalidInputException(
                $"'{bagPath}' is not a snapshot or BagIt bag: it has no {BagDeclaration.FileName}, no data/ folder "
                + "and no manifest. Pass the snapshot folder itself, such as backups/src-backup-20260130-181500.");
        }
    }

    private BagDeclaration? ReadDeclaration(string bagPath, VerificationFindings findings)
    {
        var path = fileSystem.Path.Combine(bagPath, BagDeclaration.FileName);
        if (!fileSystem.File.Exists(path))
        {
            findings.Problem(ProblemKind.InvalidDeclaration, BagDeclaration.FileName, null,
                "the bag declaration is missing; the rest was checked as BagIt 1.0 with UTF-8 tag files");
            return null;
        }

        try
        {
            var declaration = BagDeclaration.Parse(fileSystem.File.ReadAllBytes(path));
            if (!declaration.IsKnownVersion)
            {
                findings.Warning(BagDeclaration.FileName, 1,
                    $"BagIt-Version {declaration.Version} is not one of 0.93 to 0.97 or 1.0; checked by the 1.0 rules");
            }

            return declaration;
        }
        catch (BagFormatException exception)
        {
            findings.Problem(ProblemKind.InvalidDeclaration, BagDeclaration.FileName, exception.LineNumber,
                exception.Reason + "; the rest was checked as BagIt 1.0 with UTF-8 tag files");
            return null;
        }
    }

    private BagInfo? ReadBagInfo(string bagPath, BagDeclaration? declaration, VerificationFindings findings)
    {
        var bagInfo = BagInfo.Read(fileSystem, bagPath, declaration ?? BagDeclaration.Current);
        if (bagInfo is null)
        {
            return null;
        }

        foreach (var error in bagInfo.Errors)
        {
            findings.Problem(ProblemKind.InvalidMetadata, error.FileName, error.LineNumber, error.Message);
        }

        foreach (var warning in bagInfo.Warnings)
        {
            findings.Warning(warning.FileName, warning.LineNumber, warning.Message);
        }

        if (bagInfo.Find(SnapshotLayout.IncompleteLabel) is { } incomplete
            && string.Equals(incomplete.Value, "true", StringComparison.OrdinalIgnoreCase))
        {
            findings.Warning(bagInfo.SourceFileName, incomplete.LineNumber,
                $"the snapshot is marked incomplete: {bagInfo.Values(SnapshotLayout.SkippedPathLabel).Count()} source "
                + $"entries were skipped when it was created (see the {SnapshotLayout.SkippedPathLabel} lines)");
        }

        return bagInfo;
    }

    private FetchFile? ReadFetchFile(string bagPath, BagDeclaration? declaration, VerificationFindings findings)
    {
        var fetch = FetchFile.Read(fileSystem, bagPath, declaration ?? BagDeclaration.Current);
        if (fetch is null)
        {
            return null;
        }

        foreach (var error in fetch.Errors)
        {
            var kind = error.Message.Contains("leaves the bag", StringComparison.Ordinal)
                ? ProblemKind.PathOutsideBag : ProblemKind.InvalidMetadata;
            findings.Problem(kind, error.FileName, error.LineNumber, error.Message);
        }

        foreach (var warning in fetch.Warnings)
        {
            findings.Warning(warning.FileName, warning.LineNumber, warning.Message);
        }

        foreach (var entry in fetch.Entries.Where(e => !e.Path.StartsWith("data/", StringComparison.Ordinal)))
        {
            findings.Problem(ProblemKind.PathOutsideBag, FetchFile.FileName, entry.LineNumber,
                $"destination '{entry.Path}' is not a payload path under data/");
        }

        return fetch;
    }

    private static VerificationReport BuildReport(
        string bagPath, BagDeclaration? declaration, bool fast, VerificationFindings findings) =>
        new(bagPath, declaration?.Version, fast, findings.Counts, findings.Problems, findings.Warnings);
}
