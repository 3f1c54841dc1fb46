using System.Security.Cryptography;
using System.Text;

namespace EdgeAspire.ServiceDefaults.Security;

/// <summary>
/// The API keys a service accepts as <c>Authorization: Bearer &lt;key&gt;</c>. Each presented key is compared with
/// every configured one in constant time, so the answer's timing says nothing about how much of a key was right.
/// </summary>
public sealed class BearerKeys
{
    private const string Scheme = "Bearer ";

    private readonly byte[][] _keys;

    public BearerKeys(IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = [.. keys.Select(Encoding.UTF8.GetBytes)];
    }

    /// <summary>False when no key is configured: the service is open.</summary>
    public bool AreRequired => _keys.Length > 0;

    /// <summary>A configured key list that would leave a service open without a word (one empty or blank key, as an
    /// unset environment variable gives), or that no client could ever send (a key with spaces around it).</summary>
    public static bool AreMisconfigured(IEnumerable<string> keys) =>
        keys.Any(key => string.IsNullOrWhiteSpace(key) || key.Trim().Length != key.Length);

    public bool Allow(string? authorizationHeader)
    {
        if (!AreRequired)
        {
            return true;
        }
        if (authorizationHeader is null || !authorizationHeader.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var presented = Encoding.UTF8.GetBytes(authorizationHeader[Scheme.Length..].Trim());
        var match = false;
        foreach (var key in _keys)
        {
            match |= CryptographicOperations.FixedTimeEquals(presented, key);
        }
        return match;
    }
}
