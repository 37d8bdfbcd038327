namespace BackupTool.Core.Verification;

/// <summary>Everything a verification found: problems, warnings, counts and bytes.</summary>
/// <remarks>Problems are sorted by kind, then path, then line; warnings by path, then line.</remarks>
public sealed class VerificationReport
{
    internal VerificationReport(string bagPath, string? bagItVersion, bool fast, VerificationCounts counts,
        IEnumerable<VerificationProblem> problems, IEnumerable<VerificationWarning> warnings)
    {
        BagPath = bagPath;
        BagItVersion = bagItVersion;
        Fast = fast;
        FilesListed = counts.FilesListed;
        FilesVerified = counts.FilesVerified;
        BytesVerified = counts.BytesVerified;
        TagFilesVerified = counts.TagFilesVerified;
        Problems = problems.OrderBy(p => p.Kind).ThenBy(p => p.Path, StringComparer.Ordinal)
            .ThenBy(p => p.Line).ToList();
        Warnings = warnings.OrderBy(w => w.Path ?? "", StringComparer.Ordinal).ThenBy(w => w.Line).ToList();
    }

    /// <summary>The bag folder as given.</summary>
    public string BagPath { get; }

    /// <summary>The declared BagIt version, such as <c>1.0</c>, or null when <c>bagit.txt</c> is unusable.</summary>
    public string? BagItVersion { get; }

    /// <summary>Whether payload files were only checked for presence and size, not hashed.</summary>
    public bool Fast { get; }

    /// <summary>The number of distinct payload paths the manifests list.</summary>
    public long FilesListed { get; }

    /// <summary>The number of listed payload files found intact (present and, unless fast, hash-checked).</summary>
    public long FilesVerified { get; }

    /// <summary>The bytes of the files counted in <see cref="FilesVerified"/>.</summary>
    public long BytesVerified { get; }

    /// <summary>The number of tag files whose digests matched every tag manifest.</summary>
    public long TagFilesVerified { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<VerificationProblem> Problems { get; }

    /// <summary>Accepted deviations from strict form.</summary>
    public IReadOnlyList<VerificationWarning> Warnings { get; }

    /// <summary>Whether the bag is valid, invalid or only waiting for files to fetch.</summary>
    public VerificationVerdict Verdict => Problems.Count == 0 ? VerificationVerdict.Valid
        : Problems.All(p => p.Kind == ProblemKind.FetchPending) ? VerificationVerdict.Incomplete
        : VerificationVerdict.Invalid;

    /// <summary>Whether no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;
}
