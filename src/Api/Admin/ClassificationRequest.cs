using Platform.Grains.Governance;

namespace Platform.Api.Admin;

public sealed record ClassificationRequest(DefaultToolClassification? Classification);
