namespace BackupTool.Core.Bags;

/// <summary>A problem or deviation found on one line of a tag file.</summary>
/// <param name="FileName">The tag file, relative to the bag root, such as <c>bag-info.txt</c>.</param>
/// <param name="LineNumber">The 1-based line number, or 0 when the issue concerns the whole file.</param>
/// <param name="Message">What is wrong, in a plain sentence.</param>
public sealed record TagFileIssue(string FileName, int LineNumber, string Message);
