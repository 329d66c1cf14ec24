using System;
using System.Text;

namespace Governance.Core.Signing;

/// <summary>Reads the SSH wire encoding (RFC 4251: uint32, string, mpint) with bounds checks on every length, so a
/// hostile blob fails cleanly instead of allocating gigabytes or reading out of range.</summary>
internal sealed class SshWireReader
{
    private readonly byte[] _data;
    private int _position;

    public SshWireReader(byte[] data) => _data = data;

    public bool AtEnd => _position == _data.Length;

    public bool TryReadBytes(int count, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        if (count < 0 || count > _data.Length - _position)
        {
            return false;
        }

        bytes = new byte[count];
        Buffer.BlockCopy(_data, _position, bytes, 0, count);
        _position += count;
        return true;
    }

    public bool TryReadUInt32(out uint value)
    {
        value = 0;
        if (_data.Length - _position < 4)
        {
            return false;
        }

        value = (uint)(_data[_position] << 24 | _data[_position + 1] << 16 | _data[_position + 2] << 8 | _data[_position + 3]);
        _position += 4;
        return true;
    }

    public bool TryReadString(out byte[] value)
    {
        value = Array.Empty<byte>();
        return TryReadUInt32(out var length) && length <= int.MaxValue && TryReadBytes((int)length, out value);
    }

    public bool TryReadUtf8(out string value)
    {
        value = string.Empty;
        if (!TryReadString(out var bytes))
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>An mpint as unsigned big-endian bytes without the sign-padding zero.</summary>
    public bool TryReadMpint(out byte[] value)
    {
        if (!TryReadString(out value))
        {
            return false;
        }

        var skip = 0;
        while (skip < value.Length - 1 && value[skip] == 0)
        {
            skip++;
        }

        if (skip > 0)
        {
            var trimmed = new byte[value.Length - skip];
            Buffer.BlockCopy(value, skip, trimmed, 0, trimmed.Length);
            value = trimmed;
        }

        return true;
    }

    public static void WriteString(System.IO.Stream stream, byte[] value)
    {
        var length = value.Length;
        stream.WriteByte((byte)(length >> 24));
        stream.WriteByte((byte)(length >> 16));
        stream.WriteByte((byte)(length >> 8));
        stream.WriteByte((byte)length);
        stream.Write(value, 0, value.Length);
    }
}
