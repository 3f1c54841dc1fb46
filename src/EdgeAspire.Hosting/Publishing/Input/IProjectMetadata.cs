namespace EdgeAspire.Hosting.Publishing.Input;

/// <summary>A project the AppHost can start, as Aspire's generated <c>Projects.*</c> types describe one.</summary>
internal interface IProjectMetadata
{
    /// <summary>The .csproj, relative to the folder holding EdgeAspire.sln (or absolute).</summary>
    string ProjectPath { get; }

    /// <summary>The built entry assembly's name without <c>.dll</c> (usually the project's name).</summary>
    string AssemblyName { get; }
}
