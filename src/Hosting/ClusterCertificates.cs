using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace Platform.Hosting;

/// <summary>
/// This member's certificate and the cluster CA it trusts, loaded once at start from <see cref="ClusterTlsOptions"/>.
/// A peer is trusted when its certificate chains to that CA alone (the machine's root store plays no part); host names
/// are not checked because silos are addressed by IP. Certificates are read at start: rotating them is a rolling restart.
/// </summary>
public sealed class ClusterCertificates : IDisposable
{
    private readonly X509Certificate2Collection authorities;

    private ClusterCertificates(X509Certificate2 local, X509Certificate2Collection authorities)
    {
        Local = local;
        this.authorities = authorities;
    }

    /// <summary>The certificate this member presents, as server (silo) and as client.</summary>
    public X509Certificate2 Local { get; }

    /// <summary>Loads and cross-checks the configured files; a problem is one clear exception at start, never a secret in it.</summary>
    public static ClusterCertificates Load(ClusterTlsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var local = LoadLocal(options);
        var authorities = LoadAuthorities(options);
        var certificates = new ClusterCertificates(local, authorities);
        if (!local.HasPrivateKey)
        {
            throw new InvalidOperationException($"Hosting:Tls: the certificate {Describe(local)} has no private key.");
        }

        if (!certificates.ChainsToAuthority(local, presented: null))
        {
            throw new InvalidOperationException(
                $"Hosting:Tls: the certificate {Describe(local)} is not issued by the configured authority, or is expired or not yet valid; "
                + "peers would refuse it.");
        }

        return certificates;
    }

    /// <summary>Mutual TLS: both sides must present a certificate, and each accepts only one issued by the cluster CA.</summary>
    public void Apply(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        tls.LocalCertificate = Local;
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = IsTrusted;
    }

    /// <summary>Whether a peer's certificate, with the intermediates it presented, chains to the cluster CA.</summary>
    public bool IsTrusted(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors) =>
        !errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) && ChainsToAuthority(certificate, presented);

    public void Dispose()
    {
        Local.Dispose();
        foreach (var authority in authorities)
        {
            authority.Dispose();
        }
    }

    private bool ChainsToAuthority(X509Certificate2 certificate, X509Chain? presented)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        // A private cluster CA publishes no revocation lists; revoking a member means rotating the CA.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        foreach (var element in presented?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        return chain.Build(certificate);
    }

    private static X509Certificate2 LoadLocal(ClusterTlsOptions options)
    {
        var password = string.IsNullOrEmpty(options.CertificatePassword) ? null : options.CertificatePassword;
        try
        {
            if (!string.IsNullOrWhiteSpace(options.CertificateBase64))
            {
                return X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(options.CertificateBase64), password);
            }

            var path = options.CertificatePath!;
            if (options.IsPkcs12Path)
            {
                return X509CertificateLoader.LoadPkcs12FromFile(path, password);
            }

            return password is null
                ? X509Certificate2.CreateFromPemFile(path, options.KeyPath)
                : X509Certificate2.CreateFromEncryptedPemFile(path, password, options.KeyPath);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or FormatException or UnauthorizedAccessException)
        {
            var source = string.IsNullOrWhiteSpace(options.CertificateBase64) ? $"'{options.CertificatePath}'" : "from CertificateBase64";
            throw new InvalidOperationException($"Hosting:Tls: cannot load the certificate {source}: {exception.Message}", exception);
        }
    }

    private static X509Certificate2Collection LoadAuthorities(ClusterTlsOptions options)
    {
        var authorities = new X509Certificate2Collection();
        try
        {
            if (!string.IsNullOrWhiteSpace(options.AuthorityBase64))
            {
                authorities.ImportFromPem(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(options.AuthorityBase64)));
            }
            else
            {
                authorities.ImportFromPemFile(options.AuthorityPath!);
            }
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or FormatException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Hosting:Tls: cannot load the authority: {exception.Message}", exception);
        }

        return authorities.Count > 0
            ? authorities
            : throw new InvalidOperationException("Hosting:Tls: the authority holds no PEM certificate.");
    }

    private static string Describe(X509Certificate2 certificate) => $"'{certificate.Subject}' ({certificate.Thumbprint})";
}
