using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Orleans.Storage;

namespace Platform.Hosting;

/// <summary>
/// Embedded mode's grain state in memory: the cluster's JSON (<see cref="GrainStateSerializer"/>), Brotli-compressed
/// when that saves bytes. Embedded storage is the process's own memory, held for every tenant and user for the life of
/// the process; a tenant's governance repeats tool names, scopes and keys (a test tenant's 13 KB of JSON compress to
/// 4 KB). A compressed state starts with <see cref="Marker"/>, which no JSON text starts with, then the JSON's length;
/// anything else is plain JSON.
/// </summary>
public sealed class CompressedGrainStateSerializer(IGrainStorageSerializer json) : IGrainStorageSerializer
{
    private const byte Marker = 0xB1;
    private const int HeaderLength = 1 + sizeof(int);

    // Brotli's fastest setting: states are written on admin changes and token refreshes, read on activation.
    private const int Quality = 1;
    private const int Window = 22;

    /// <summary>Below this a state is stored as it is: a key or a small counter does not shrink.</summary>
    private const int SmallestCompressed = 256;

    public BinaryData Serialize<T>(T? input)
    {
        var plain = json.Serialize(input);
        var bytes = plain.ToMemory().Span;
        if (bytes.Length < SmallestCompressed)
        {
            return plain;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(HeaderLength + BrotliEncoder.GetMaxCompressedLength(bytes.Length));
        try
        {
            if (!BrotliEncoder.TryCompress(bytes, buffer.AsSpan(HeaderLength), out var written, Quality, Window)
                || HeaderLength + written >= bytes.Length)
            {
                return plain;
            }

            buffer[0] = Marker;
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(1), bytes.Length);
            return BinaryData.FromBytes(buffer.AsSpan(0, HeaderLength + written).ToArray());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public T? Deserialize<T>(BinaryData input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var stored = input.ToMemory().Span;
        if (stored.Length < HeaderLength || stored[0] != Marker)
        {
            return json.Deserialize<T>(input);
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(stored[1..]);
        if (length < SmallestCompressed)
        {
            throw new InvalidDataException("A compressed grain state records a length no compressed state has.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            if (!BrotliDecoder.TryDecompress(stored[HeaderLength..], buffer, out var written) || written != length)
            {
                throw new InvalidDataException("A compressed grain state does not decompress to its recorded length.");
            }

            return json.Deserialize<T>(BinaryData.FromBytes(buffer.AsMemory(0, length)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
