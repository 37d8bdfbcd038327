using System.Text.Json;

namespace BackupTool.Cli.Tests.Support;

/// <summary>Reads the shape of <c>--json</c> output, so that a test can pin names and their order.</summary>
public static class JsonShape
{
    /// <summary>Returns the property names of a JSON object in the order they were written.</summary>
    public static string[] PropertyNames(JsonElement element) =>
        element.EnumerateObject().Select(property => property.Name).ToArray();
}
