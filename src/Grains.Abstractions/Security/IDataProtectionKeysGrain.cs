namespace Platform.Grains.Security;

/// <summary>
/// The ASP.NET Core Data Protection key ring every Api pod shares (sign-in cookies, antiforgery tokens), so a cookie set
/// by one pod opens on any other. Elements arrive already encrypted with the platform's key ring. Key: <see cref="GrainKeys.Platform"/>.
/// </summary>
[Alias("Platform.IDataProtectionKeysGrain")]
public interface IDataProtectionKeysGrain : IGrainWithStringKey
{
    [Alias("GetAll")]
    Task<IReadOnlyList<string>> GetAllAsync();

    [Alias("Store")]
    Task StoreAsync(string friendlyName, string element);
}
