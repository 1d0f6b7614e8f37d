namespace FramesNet.Package.Tests;

/// <summary>The package tests and the notebook tests share one packed feed (packing takes minutes) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
