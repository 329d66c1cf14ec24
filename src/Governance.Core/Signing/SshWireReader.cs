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

    /// <summary>A string that OpenSSH reads as a C string (sshbuf_get_cstring): an embedded NUL makes it invalid.</summary>
    public bool TryReadUtf8(out string value)
    {
        value = string.Empty;
        if (!TryReadString(out var bytes) || Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>An mpint as OpenSSH's sshbuf_get_bignum2 reads it: negative values and more than 16384 bits are
    /// invalid, leading zeros are dropped (so zero is empty). Returns unsigned big-endian bytes.</summary>
    public bool TryReadMpint(out byte[] value)
    {
        const int MaxBignumBytes = 16384 / 8;
        if (!TryReadString(out value))
        {
            return false;
        }

        if ((value.Length != 0 && (value[0] & 0x80) != 0) || value.Length > MaxBignumBytes + 1 || (value.Length == MaxBignumBytes + 1 && value[0] != 0))
        {
            return false;
        }

        var skip = 0;
        while (skip < value.Length && value[skip] == 0)
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

    /// <summary>Writes an unsigned big-endian integer (without leading zeros) as an SSH mpint.</summary>
    public static void WriteMpint(System.IO.Stream stream, byte[] magnitude)
    {
        if (magnitude.Length > 0 && (magnitude[0] & 0x80) != 0)
        {
            var padded = new byte[magnitude.Length + 1];
            Buffer.BlockCopy(magnitude, 0, padded, 1, magnitude.Length);
            magnitude = padded;
        }

        WriteString(stream, magnitude);
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
