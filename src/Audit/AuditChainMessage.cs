using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Platform.Audit;

/// <summary>
/// The bytes a chain hash covers: each field length-prefixed (big-endian; -1 for null, so null differs from empty) and
/// UTF-8 encoded, in a pooled buffer, so a row is hashed in one call instead of one native call per field.
/// </summary>
internal sealed class AuditChainMessage : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1024);
    private int length;

    public ReadOnlySpan<byte> Bytes => buffer.AsSpan(0, length);

    public void Append(long? value) => Append(value?.ToString(CultureInfo.InvariantCulture));

    public void Append(string? value)
    {
        if (value is null)
        {
            Reserve(sizeof(int));
            WriteLength(-1);
            return;
        }

        Reserve(sizeof(int) + Encoding.UTF8.GetMaxByteCount(value.Length));
        var count = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + sizeof(int)));
        WriteLength(count);
        length += count;
    }

    public void Dispose() => ArrayPool<byte>.Shared.Return(buffer);

    private void WriteLength(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(length), value);
        length += sizeof(int);
    }

    private void Reserve(int bytes)
    {
        if (length + bytes <= buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + bytes));
        Bytes.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}
