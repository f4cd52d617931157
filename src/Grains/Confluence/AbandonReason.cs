namespace Platform.Grains.Confluence;

/// <summary>Why a tool call stopped waiting for Confluence before it had sent a write.</summary>
public enum AbandonReason
{
    /// <summary>The client cancelled the call or went away.</summary>
    Client,

    /// <summary>Confluence did not answer the call's reads in time.</summary>
    Deadline,
}
