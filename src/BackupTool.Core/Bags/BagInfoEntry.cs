namespace BackupTool.Core.Bags;

/// <summary>One metadata element of <c>bag-info.txt</c>: a label and its value.</summary>
/// <param name="Label">The label as written, such as <c>Contact-Name</c>.</param>
/// <param name="Value">The value, with continuation lines joined by a single space.</param>
/// <param name="LineNumber">The 1-based line the element starts on.</param>
public sealed record BagInfoEntry(string Label, string Value, int LineNumber);
