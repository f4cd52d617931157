namespace Platform.Mcp.Tests.Infrastructure;

/// <summary>A gateway of its own that allows a client address only <see cref="Limit"/> refused credentials per minute.</summary>
public sealed class AuthenticationLimitFixture : GatewayFixture
{
    public const int Limit = 4;

    protected override IEnumerable<string> ExtraArguments => ["--AuthenticationFailures:Limit", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture)];
}

[CollectionDefinition(Name)]
public sealed class AuthenticationLimitCollection : ICollectionFixture<AuthenticationLimitFixture>
{
    public const string Name = "Authentication limit";
}
