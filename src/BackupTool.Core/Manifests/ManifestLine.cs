namespace BackupTool.Core.Manifests;

/// <summary>One parsed line of a manifest: a digest and the path it covers, or why the line is malformed.</summary>
/// <param name="LineNumber">1-based line number in the manifest file.</param>
/// <param name="Digest">The digest in lowercase hex; null when the line is malformed.</param>
/// <param name="Path">The decoded path relative to the bag root, such as <c>data/a.txt</c>; null when malformed.</param>
/// <param name="LenientPath">
/// The path with leading whitespace removed when the separator was ambiguous (three or more spaces
/// or a tab), to try when <paramref name="Path"/> does not exist; otherwise null.
/// </param>
/// <param name="Error">Why the line is malformed; null when it parsed.</param>
/// <param name="Warnings">Deviations from strict RFC 8493 form that were accepted.</param>
public sealed record ManifestLine(
    int LineNumber,
    string? Digest,
    string? Path,
    string? LenientPath,
    string? Error,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Whether the line parsed into a digest and a path.</summary>
    public bool IsValid => Error is null;
}
