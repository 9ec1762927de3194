using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace KeepnetHost.Platform;

/// <summary>Secret tokens (SCIM setting tokens, the admin key): 256 random bits, shown once, stored only as a SHA-256 hash.</summary>
public static class SecretTokens
{
    /// <summary>A new token: 32 random bytes as base64url (43 characters).</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token.Trim()));

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    public static bool Matches(string presented, byte[] storedHash) => CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);
}
