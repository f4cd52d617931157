using Microsoft.AspNetCore.Components;
using Platform.Grains.Identity;

namespace Platform.Api.WebConsole;

/// <summary>A page of one tenant (<c>/console/t/{tenant}/…</c>); its policy has checked the caller may open it.</summary>
public abstract class TenantPage : ConsolePage
{
    [Parameter]
    public string Tenant { get; set; } = "";

    /// <summary>The route's tenant; the policy refused the request already if it does not parse.</summary>
    protected TenantId TenantId => TenantId.Parse(Tenant);

    protected string Path(string page = "") => page.Length == 0 ? $"/console/t/{Tenant}" : $"/console/t/{Tenant}/{page}";
}
