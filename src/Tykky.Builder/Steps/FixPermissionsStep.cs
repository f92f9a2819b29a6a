namespace Tykky.Builder.Steps;

/// <summary>
/// Makes the image contents world-readable (and executables world-executable), as upstream does, so
/// that another user can update the installation; access is limited by the image file's own mode.
/// Skipped when CW_NO_FIX_PERM is set.
/// </summary>
public sealed class FixPermissionsStep : IBuildStep
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
    private const UnixFileMode AllRead = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <inheritdoc/>
    public string Description => "Making the image contents world-readable";

    /// <inheritdoc/>
    public void Run(BuildContext context)
    {
        if (context.Environment("CW_NO_FIX_PERM") is not null)
        {
            context.Reporter.Info("CW_NO_FIX_PERM is set: permissions inside the image are kept as they are");
            return;
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = false };
        foreach (var entry in new DirectoryInfo(context.InstallTree).EnumerateFileSystemInfos("*", options).Prepend(new DirectoryInfo(context.InstallTree)))
        {
            var mode = entry.UnixFileMode;
            var wanted = mode | AllRead | (entry is DirectoryInfo || (mode & AnyExecute) != 0 ? AnyExecute : 0);
            if (wanted != mode)
            {
                entry.UnixFileMode = wanted;
            }
        }
    }
}
