using System.Reflection;

namespace H2Sharp.Tests.Support;

/// <summary>
/// The types one type uses: its fields, properties, signatures, and every type and member its
/// method bodies name (read from the IL's metadata tokens), nested (compiler-made) types included.
/// </summary>
internal static class TypeReferences
{
    private const BindingFlags All = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;

    // Metadata tables a token in IL may point into: TypeRef, TypeDef, Field, MethodDef, MemberRef, TypeSpec, MethodSpec.
    private static readonly HashSet<int> TokenTables = [0x01, 0x02, 0x04, 0x06, 0x0A, 0x1B, 0x2B];

    public static HashSet<Type> Of(Type type)
    {
        var found = new HashSet<Type>();
        Collect(type, found);
        found.Remove(type);
        return found;
    }

    private static void Collect(Type type, HashSet<Type> found)
    {
        foreach (var field in type.GetFields(All))
        {
            found.Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(All))
        {
            found.Add(property.PropertyType);
        }

        var methods = type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All));
        foreach (var method in methods)
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                found.Add(parameter.ParameterType);
            }

            byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
            for (int i = 0; il is not null && i + 4 <= il.Length; i++)
            {
                int token = BitConverter.ToInt32(il, i);
                if (!TokenTables.Contains(token >>> 24))
                {
                    continue;
                }

                try
                {
                    var member = type.Module.ResolveMember(token);
                    if (member is Type t)
                    {
                        found.Add(t);
                    }
                    else if (member?.DeclaringType is Type declaring)
                    {
                        found.Add(declaring);
                    }
                }
                catch (Exception e) when (e is ArgumentException or BadImageFormatException)
                {
                    // not a token: operand bytes that only look like one
                }
            }
        }

        foreach (var nested in type.GetNestedTypes(All))
        {
            found.Add(nested);
            Collect(nested, found);
        }
    }
}
