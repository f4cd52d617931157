using System.Security.Cryptography;
using System.Text;

namespace Platform.Database;

/// <summary>
/// A PostgreSQL SCRAM-SHA-256 password verifier (RFC 5802, RFC 7677), computed here so <c>CREATE/ALTER ROLE … PASSWORD</c>
/// carries only the verifier: the password itself never reaches the server, its statement log or its statistics.
/// </summary>
public static class ScramVerifier
{
    private const int Iterations = 4096;
    private const int SaltBytes = 16;

    public static string Create(string password) => Create(password, RandomNumberGenerator.GetBytes(SaltBytes));

    public static string Create(string password, byte[] salt)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(salt);
        var saltedPassword = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var clientKey = HMACSHA256.HashData(saltedPassword, "Client Key"u8);
        var serverKey = HMACSHA256.HashData(saltedPassword, "Server Key"u8);
        return $"SCRAM-SHA-256${Iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(SHA256.HashData(clientKey))}:{Convert.ToBase64String(serverKey)}";
    }
}
