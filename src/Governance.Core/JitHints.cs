using System.Runtime.CompilerServices;

namespace Governance.Core;

/// <summary>
/// The analyzers run inside short-lived compiler processes (and without the compiler server, one per project), where
/// tiered JIT leaves a method at unoptimised tier 0 for its first calls and delays re-JIT while the compiler keeps
/// JIT-ing. The loops that visit every module of a compilation or every entry of a plan run thousands of times within
/// that window, so they ask for optimised code from the first call. <see cref="MethodImplOptions"/>.AggressiveOptimization (512) exists
/// from .NET Core 3.0; netstandard2.0 lacks the name, so it is cast, as BenchmarkDotNet does; the .NET Framework JIT
/// does not know the bit and ignores it.
/// </summary>
public static class JitHints
{
    public const MethodImplOptions FullyOptimized = (MethodImplOptions)512;
}
