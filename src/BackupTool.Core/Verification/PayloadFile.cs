namespace BackupTool.Core.Verification;

/// <summary>A regular file found under <c>data/</c>.</summary>
/// <param name="Path">The path relative to the bag root, such as <c>data/a.txt</c>.</param>
/// <param name="Length">The size in bytes when it was listed.</param>
internal sealed record PayloadFile(string Path, long Length);
