using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Hosting;

namespace Platform.Cluster.Tests.Infrastructure;

/// <summary>
/// A throwaway cluster CA and member certificates signed by it, written as PEM files the way a Kubernetes TLS secret
/// mounts them (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>). ECDSA P-256 keeps generating them quick.
/// </summary>
public sealed class ThrowawayCertificates : IDisposable
{
    private readonly X509Certificate2 authority;
    private readonly string directory = Directory.CreateTempSubdirectory("platform-cluster-tls-").FullName;
    private int issued;

    public ThrowawayCertificates(string authorityName = "Platform test cluster CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={authorityName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        authority = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(2));
        AuthorityPath = Path.Combine(directory, "ca.crt");
        File.WriteAllText(AuthorityPath, authority.ExportCertificatePem());
    }

    public string AuthorityPath { get; }

    /// <summary>A member certificate (server and client authentication) issued by this CA, as TLS options pointing at its files.</summary>
    public ClusterTlsOptions IssueMember(string name = "platform-member")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1", "Server Authentication"), new Oid("1.3.6.1.5.5.7.3.2", "Client Authentication")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(authority, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1), serial);

        var prefix = Path.Combine(directory, $"{name}-{Interlocked.Increment(ref issued)}");
        File.WriteAllText($"{prefix}.crt", certificate.ExportCertificatePem());
        File.WriteAllText($"{prefix}.key", key.ExportPkcs8PrivateKeyPem());
        return new ClusterTlsOptions { CertificatePath = $"{prefix}.crt", KeyPath = $"{prefix}.key", AuthorityPath = AuthorityPath };
    }

    public void Dispose()
    {
        authority.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
