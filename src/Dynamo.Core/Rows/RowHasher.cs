using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Dynamo.Core.Rows;

/// <summary>
/// SHA-256 of many small inputs in a row (one per row of a request), as its 32 bytes: the item stores a short
/// spelling of them, or the hex of a keyless dataset's key (<see cref="RowHash"/>).
/// </summary>
/// <remarks>
/// On Linux, .NET hashes through OpenSSL's libcrypto, and for a row of a few hundred bytes its wrapper costs
/// more than the hash: each call clears OpenSSL's error queue and counts references on a SafeHandle, and
/// IncrementalHash makes three calls per row (about 0.8 µs a row where the hash takes 0.3). This calls the
/// same libcrypto's EVP interface (OpenSSL 3, not deprecated) on one reused context instead. Where that
/// library is not there (Windows, macOS, another OpenSSL), it is IncrementalHash. One per request: not thread-safe.
/// </remarks>
internal sealed unsafe class RowHasher : IDisposable
{
    private readonly nint _context;
    private readonly IncrementalHash? _fallback;

    private RowHasher(nint context, IncrementalHash? fallback)
    {
        _context = context;
        _fallback = fallback;
    }

    /// <summary>True when rows are hashed straight through libcrypto (for the tests that compare both ways).</summary>
    public bool IsNative => _context != 0;

    public static RowHasher Create() => Create(preferNative: true);

    internal static RowHasher Create(bool preferNative)
    {
        if (preferNative && LibCrypto.Instance is { } lib)
        {
            var context = lib.NewContext();
            if (context != 0) return new RowHasher(context, null);
        }
        return new RowHasher(0, IncrementalHash.CreateHash(HashAlgorithmName.SHA256));
    }

    /// <param name="hash">Receives the <see cref="SHA256.HashSizeInBytes"/> bytes.</param>
    public void Hash(ReadOnlySpan<byte> data, Span<byte> hash)
    {
        if (_fallback is not null)
        {
            _fallback.AppendData(data);
            _fallback.GetHashAndReset(hash);
        }
        else
        {
            LibCrypto.Instance!.Hash(_context, data, hash);
        }
    }

    public void Dispose()
    {
        if (_context != 0) LibCrypto.Instance!.FreeContext(_context);
        _fallback?.Dispose();
    }

    /// <summary>The few libcrypto functions used, found once per process.</summary>
    private sealed class LibCrypto
    {
        private readonly delegate* unmanaged<nint> _newContext;
        private readonly delegate* unmanaged<nint, void> _freeContext;
        private readonly delegate* unmanaged<nint, nint, nint, int> _init;
        private readonly delegate* unmanaged<nint, byte*, nuint, int> _update;
        private readonly delegate* unmanaged<nint, byte*, uint*, int> _final;
        private readonly nint _sha256;

        private LibCrypto(nint library, nint sha256)
        {
            _newContext = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "EVP_MD_CTX_new");
            _freeContext = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_MD_CTX_free");
            _init = (delegate* unmanaged<nint, nint, nint, int>)NativeLibrary.GetExport(library, "EVP_DigestInit_ex");
            _update = (delegate* unmanaged<nint, byte*, nuint, int>)NativeLibrary.GetExport(library, "EVP_DigestUpdate");
            _final = (delegate* unmanaged<nint, byte*, uint*, int>)NativeLibrary.GetExport(library, "EVP_DigestFinal_ex");
            _sha256 = sha256;
        }

        public static LibCrypto? Instance { get; } = Load();

        public nint NewContext() => _newContext();

        public void FreeContext(nint context) => _freeContext(context);

        public void Hash(nint context, ReadOnlySpan<byte> data, Span<byte> hash)
        {
            uint length;
            fixed (byte* input = data)
            fixed (byte* output = hash)
            {
                if (_init(context, _sha256, 0) != 1 || _update(context, input, (nuint)data.Length) != 1 || _final(context, output, &length) != 1
                    || length != SHA256.HashSizeInBytes)
                    throw new CryptographicException("libcrypto failed to compute a SHA-256 hash.");
            }
        }

        private static LibCrypto? Load()
        {
            // OpenSSL 3's soname on Linux: what .NET itself loads on Amazon Linux 2023 and Debian 12.
            if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad("libcrypto.so.3", out var library)) return null;
            string[] functions = ["EVP_MD_fetch", "EVP_MD_CTX_new", "EVP_MD_CTX_free", "EVP_DigestInit_ex", "EVP_DigestUpdate", "EVP_DigestFinal_ex"];
            foreach (var function in functions)
                if (!NativeLibrary.TryGetExport(library, function, out _)) return null;
            // An implementation fetched once: EVP_sha256() would look it up again on every initialisation.
            var fetch = (delegate* unmanaged<nint, byte*, byte*, nint>)NativeLibrary.GetExport(library, "EVP_MD_fetch");
            nint sha256;
            fixed (byte* name = "SHA256\0"u8)
                sha256 = fetch(0, name, null);
            return sha256 == 0 ? null : new LibCrypto(library, sha256);
        }
    }
}
