namespace Platform.Grains.Governance;

/// <summary>
/// Brings a tenant's catalog in line with the tools this release offers and the scopes the integration grants: new
/// tools start as the default classification says, a changed approved tool needs re-review (an approval never covers
/// another definition), withdrawn tools leave the catalog, every other decision stays.
/// </summary>
internal static class CatalogReconciler
{
    /// <summary>Applies <paramref name="offered"/> and <paramref name="grantedScopes"/> to <paramref name="state"/>; true when anything changed.</summary>
    public static bool Reconcile(GovernanceState state, IReadOnlyList<ToolDescriptor> offered, IReadOnlyList<string> grantedScopes)
    {
        var changed = state.GrantedScopes is null || !state.GrantedScopes.SequenceEqual(grantedScopes, StringComparer.Ordinal);
        var byName = offered.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var withdrawn in state.Tools.Keys.Where(name => !byName.ContainsKey(name)).ToList())
        {
            state.Tools.Remove(withdrawn);
            changed = true;
        }

        foreach (var tool in byName.Values)
        {
            changed |= Apply(state, tool);
        }

        if (changed)
        {
            state.GrantedScopes = [.. grantedScopes];
        }

        return changed;
    }

    private static bool Apply(GovernanceState state, ToolDescriptor tool)
    {
        var changed = false;
        if (!state.Tools.Remove(tool.Name, out var governed))
        {
            var approved = state.Classification == DefaultToolClassification.AutoApproveAll
                || (state.Classification == DefaultToolClassification.AutoApproveReadOnly && tool.ReadOnly);
            governed = new GovernedTool
            {
                Approval = approved ? ToolApproval.Approved : ToolApproval.PendingReview,
                ApprovedDefinitionHash = approved ? tool.DefinitionHash : null,
            };
            changed = true;
        }
        else if (governed.DefinitionHash != tool.DefinitionHash)
        {
            if (governed.Approval == ToolApproval.Approved)
            {
                governed.Approval = ToolApproval.PendingReReview;
            }

            changed = true;
        }

        changed |= governed.Title != tool.Title || governed.ReadOnly != tool.ReadOnly || !governed.Scopes.SequenceEqual(tool.Scopes);
        // The descriptor's own name, strings and list replace the stored copies: every tenant in the process shares
        // them (a tenant's 57 copies cost about 13 KB). The descriptor is immutable, so sharing cannot leak a change.
        (governed.Title, governed.ReadOnly, governed.Scopes, governed.DefinitionHash) = (tool.Title, tool.ReadOnly, tool.Scopes, tool.DefinitionHash);
        if (governed.ApprovedDefinitionHash == tool.DefinitionHash)
        {
            governed.ApprovedDefinitionHash = tool.DefinitionHash;
        }

        state.Tools[tool.Name] = governed;
        return changed;
    }
}
