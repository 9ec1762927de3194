using System.Security.Cryptography;

namespace KeepnetHost.Data;

/// <summary>The platform's 12-character resource ids (e.g. <c>xC5kfGz7w2Nz</c>).</summary>
public static class ResourceIds
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 12);
}
