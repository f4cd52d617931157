using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Platform.Grains;

namespace Platform.Api.SignIn;

/// <summary>
/// Data Protection's key ring on a grain, so every Api pod protects and opens cookies and antiforgery tokens with the
/// same keys (no sticky sessions). Data Protection calls this synchronously, rarely (at start and when keys roll over).
/// </summary>
public sealed class GrainXmlRepository(IGrainFactory grains) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. grains.GetDataProtectionKeysGrain().GetAllAsync().GetAwaiter().GetResult().Select(XElement.Parse)];

    public void StoreElement(XElement element, string friendlyName) =>
        grains.GetDataProtectionKeysGrain().StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
}
