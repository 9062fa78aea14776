#if !NET9_0_OR_GREATER
namespace System.Runtime.CompilerServices;

/// <summary>
/// The C# 13 compiler's overload priority attribute, which the BCL has from .NET 9 on; declared
/// here for net8.0 so that <c>ReceiveData(byte[])</c> keeps choosing the span overload there too.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
internal sealed class OverloadResolutionPriorityAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="priority">Higher wins among applicable overloads; the default is 0.</param>
    public OverloadResolutionPriorityAttribute(int priority) => Priority = priority;

    /// <summary>The priority.</summary>
    public int Priority { get; }
}
#endif
