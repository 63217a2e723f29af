using System.Security.Cryptography;
using CsCheck;
using Dynamo.Core.Rows;

namespace Dynamo.Core.Tests.Rows;

public sealed class RowHasherTests
{
    [Fact]
    public void On_linux_rows_are_hashed_straight_through_libcrypto()
    {
        // Lambda and CI run Linux with OpenSSL 3: there the fallback would be a silent slowdown.
        using var hasher = RowHasher.Create();
        Assert.Equal(OperatingSystem.IsLinux(), hasher.IsNative);
    }

    [Fact]
    public void Both_ways_give_sha256_for_inputs_one_after_the_other()
    {
        // A hasher per sample: samples run on several threads, and a hasher serves one request's thread.
        Gen.Byte.Array[0, 2000].Array[1, 20].Sample(inputs =>
        {
            using var native = RowHasher.Create();
            using var fallback = RowHasher.Create(preferNative: false);
            Assert.False(fallback.IsNative);
            foreach (var input in inputs)
            {
                var expected = Convert.ToHexStringLower(SHA256.HashData(input));
                Assert.Equal(expected, HexOf(native, input));
                Assert.Equal(expected, HexOf(fallback, input));
            }
        }, iter: 200);
    }

    private static string HexOf(RowHasher hasher, byte[] input)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        hasher.Hash(input, hash);
        return Convert.ToHexStringLower(hash);
    }
}
