namespace BackupTool.Core.Bags;

/// <summary>One line of <c>fetch.txt</c>: where a payload file can be downloaded from.</summary>
/// <param name="Url">The absolute URL, as written.</param>
/// <param name="Length">The size in bytes, or null when written as <c>-</c>.</param>
/// <param name="Path">The decoded destination, relative to the bag root, such as <c>data/a.txt</c>.</param>
/// <param name="LineNumber">The 1-based line number.</param>
public sealed record FetchEntry(string Url, long? Length, string Path, int LineNumber);
