namespace BackupTool.Core;

/// <summary>The caller's input cannot be used: a missing source, an existing snapshot name, a folder that is no bag.</summary>
/// <remarks>The message names the value and says what to do instead. Nothing has been written when it is thrown.</remarks>
public sealed class InvalidInputException(string message) : Exception(message);
