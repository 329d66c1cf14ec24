namespace System.Runtime.CompilerServices;

/// <summary>Lets this netstandard2.0 library declare records (their init accessors name this type; .NET 5 and later
/// define it, netstandard2.0 does not). The compiler needs only its name.</summary>
internal static class IsExternalInit
{
}
