using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LiveCommerce.LiveHost.Identity;

/// <summary>The token signing key: from configuration, or a random one for this process only.</summary>
public sealed class SigningKey
{
    public SigningKey(IOptions<AuthOptions> options, ILogger<SigningKey> logger)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrEmpty(configured))
        {
            logger.LogWarning("Auth:SigningKey is not set: using a random key, so tokens die with this process and other hosts reject them");
            Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            var bytes = Encoding.UTF8.GetBytes(configured);
            if (bytes.Length < 32) throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:SigningKey must be at least 32 bytes"]);
            Key = new SymmetricSecurityKey(bytes);
        }
    }

    public SymmetricSecurityKey Key { get; }
}
