using System.Collections;
using Microsoft.Build.Framework;

namespace Governance.Build.Tests;

/// <summary>A build engine for running a task outside MSBuild: records what the task logs, answers the global
/// properties and warning promotions a test sets, and keeps registered task objects for the "build".</summary>
internal sealed class TestBuildEngine : IBuildEngine8
{
    private readonly Dictionary<object, object> _taskObjects = new();

    public List<BuildErrorEventArgs> Errors { get; } = new();
    public List<BuildWarningEventArgs> Warnings { get; } = new();
    public List<BuildMessageEventArgs> Messages { get; } = new();

    /// <summary>The build's global properties (the command line's -p: values).</summary>
    public Dictionary<string, string> GlobalProperties { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string Describe() => string.Join("\n", Errors.Select(e => "error " + e.Code + ": " + e.Message).Concat(Warnings.Select(w => "warning " + w.Code + ": " + w.Message))
        .Concat(Messages.Where(m => m.Importance == MessageImportance.High).Select(m => "message: " + m.Message)));

    public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
    public void LogWarningEvent(BuildWarningEventArgs e) => Warnings.Add(e);
    public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e);
    public void LogCustomEvent(CustomBuildEventArgs e) { }
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => throw new NotSupportedException();
    public bool ContinueOnError => false;
    public int LineNumberOfTaskNode => 0;
    public int ColumnNumberOfTaskNode => 0;
    public string ProjectFileOfTaskNode => "test.proj";
    public bool IsRunningMultipleNodes => false;
    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs, string toolsVersion) => throw new NotSupportedException();
    public bool BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IDictionary[] targetOutputsPerProject, string[] toolsVersion, bool useResultsCache, bool unloadProjectsOnCompletion) => throw new NotSupportedException();
    public void Yield() { }
    public void Reacquire() { }
    public BuildEngineResult BuildProjectFilesInParallel(string[] projectFileNames, string[] targetNames, IDictionary[] globalProperties, IList<string>[] removeGlobalProperties, string[] toolsVersion, bool returnTargetOutputs) => throw new NotSupportedException();
    public void RegisterTaskObject(object key, object obj, RegisteredTaskObjectLifetime lifetime, bool allowEarlyCollection) => _taskObjects[key] = obj;
    public object? GetRegisteredTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _taskObjects.TryGetValue(key, out var value) ? value : null;
    public object? UnregisterTaskObject(object key, RegisteredTaskObjectLifetime lifetime) => _taskObjects.Remove(key, out var value) ? value : null;
    public void LogTelemetry(string eventName, IDictionary<string, string> properties) { }
    public IReadOnlyDictionary<string, string> GetGlobalProperties() => GlobalProperties;

    /// <summary>Warning codes the "build" turns into errors (WarningsAsErrors).</summary>
    public HashSet<string> PromotedWarnings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool AllowFailureWithoutError { get; set; }
    public bool ShouldTreatWarningAsError(string warningCode) => PromotedWarnings.Contains(warningCode);
}

/// <summary>An item as MSBuild hands it to a task, with the well-known metadata MSBuild computes (FullPath,
/// DefiningProjectFullPath) given by the test: TaskItem derives those and would not take them.</summary>
internal sealed class BuildItem(string itemSpec, Dictionary<string, string> metadata) : ITaskItem
{
    public string ItemSpec { get; set; } = itemSpec;
    public ICollection MetadataNames => metadata.Keys.ToList();
    public int MetadataCount => metadata.Count;
    public string GetMetadata(string metadataName) => metadata.TryGetValue(metadataName, out var value) ? value : string.Empty;
    public void SetMetadata(string metadataName, string metadataValue) => metadata[metadataName] = metadataValue;
    public void RemoveMetadata(string metadataName) => metadata.Remove(metadataName);
    public void CopyMetadataTo(ITaskItem destinationItem) => throw new NotSupportedException();
    public IDictionary CloneCustomMetadata() => new Dictionary<string, string>(metadata);
}
