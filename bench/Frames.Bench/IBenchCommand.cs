namespace FramesNet.Bench;

/// <summary>One benchmark the runner can start by name; each lives in its own file and is found by reflection.</summary>
internal interface IBenchCommand
{
    string Name { get; }

    string Description { get; }

    int Run(string[] args);
}
