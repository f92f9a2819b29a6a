namespace Tykky.Builder.Container;

/// <summary>Container files known from a listing of the image (see <see cref="SquashfsListing"/>); file contents come from <c>readText</c> and <c>readStart</c>.</summary>
public sealed class ListedFiles : IContainerFiles
{
    private readonly Dictionary<string, ContainerFile> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _children = new(StringComparer.Ordinal);
    private readonly Func<string, string?> _readText;
    private readonly Func<string, int, byte[]?> _readStart;

    /// <summary>The files <paramref name="entries"/> (absolute paths inside); <paramref name="readText"/> reads one, <paramref name="readStart"/> its first bytes (none can be read when it is null).</summary>
    public ListedFiles(IEnumerable<KeyValuePair<string, ContainerFile>> entries, Func<string, string?> readText, Func<string, int, byte[]?>? readStart = null)
    {
        _readText = readText;
        _readStart = readStart ?? ((_, _) => null);
        foreach (var (path, file) in entries)
        {
            _entries[path] = file;
            if (path != "/")
            {
                var parent = ContainerPaths.Parent(path);
                if (!_children.TryGetValue(parent, out var names))
                {
                    _children[parent] = names = [];
                }
                names.Add(path[(parent.Length == 1 ? 1 : parent.Length + 1)..]);
            }
        }
    }

    /// <summary>How many entries the listing holds (files, directories and links, the root included).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public ContainerFile? Get(string path) => _entries.GetValueOrDefault(path);

    /// <inheritdoc/>
    public IEnumerable<string> Names(string directory) => _children.TryGetValue(directory, out var names) ? names : [];

    /// <inheritdoc/>
    public string? ReadText(string path) => IsFile(path) ? _readText(path) : null;

    /// <inheritdoc/>
    public byte[]? ReadStart(string path, int count) => IsFile(path) ? _readStart(path, count) : null;

    private bool IsFile(string path) => _entries.TryGetValue(path, out var file) && file.Kind == ContainerFileKind.File;
}
