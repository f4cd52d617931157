namespace Platform.Api.OAuth;

/// <summary>OpenIddict's stores set one field at a time on an entity that is saved later; this is that setter.</summary>
internal static class StoreFields
{
    public static ValueTask Set(Action assign)
    {
        assign();
        return default;
    }
}
