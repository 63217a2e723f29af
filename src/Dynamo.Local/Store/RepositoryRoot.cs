namespace Dynamo.Local.Store;

/// <summary>Finds the checkout that holds Dynamo.sln, where the git-ignored tool and data folders live.</summary>
public static class RepositoryRoot
{
    public static string Find(string? startDirectory = null)
    {
        foreach (var start in new[] { startDirectory, Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = start is null ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Dynamo.sln")))
                    return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("Cannot find the Dynamo checkout (no Dynamo.sln above the current or program directory).");
    }
}
