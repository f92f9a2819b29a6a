namespace Tykky.Builder.Steps;

/// <summary>One phase of a build. Steps run in order; any exception stops the build.</summary>
public interface IBuildStep
{
    /// <summary>What the step does, shown as progress ("Creating wrappers").</summary>
    string Description { get; }

    /// <summary>Performs the step.</summary>
    void Run(BuildContext context);
}
