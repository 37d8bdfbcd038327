namespace BackupTool.Core.Restore;

/// <summary>Looks up the manifest digests of payload files during one pass over the tree metadata.</summary>
/// <remarks>Not safe for concurrent use: one pass calls it from one thread at a time.</remarks>
public interface IPayloadIndex : IDisposable
{
    /// <summary>Returns the digests of <paramref name="path"/>, in manifest order, and marks it as claimed.</summary>
    /// <returns>Null when no manifest lists the path.</returns>
    /// <remarks>A streaming index expects paths in ascending <see cref="Manifests.PathComparer"/> order.</remarks>
    string[]? Claim(string path);

    /// <summary>Whether the paths passed to <see cref="Claim"/> came out of order for a streaming index.</summary>
    bool OutOfOrder { get; }

    /// <summary>Problems found while matching, such as a path missing from one of several manifests.</summary>
    IReadOnlyList<string> Problems { get; }

    /// <summary>Returns the listed paths that no call to <see cref="Claim"/> asked for, once the pass ends.</summary>
    IEnumerable<string> Unclaimed();
}
