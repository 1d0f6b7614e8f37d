using FramesNet.Columns;
using FramesNet.Interop;
using A = Apache.Arrow;
using AT = Apache.Arrow.Types;

namespace FramesNet.Formats.Parquet;

/// <summary>
/// The Frames schema of a Parquet file, from the Arrow schema ParquetSharp reads it as: every Frames type as itself;
/// decimals as float64; int96 timestamps as timestamp[ns]. Nested columns (list, struct, map) and types Frames does
/// not hold (time of day, fixed-size binary, float16, decimal256) are refused naming the column and the file.
/// </summary>
internal static class ParquetTypes
{
    public static (Schema Schema, ParquetColumnKind[] Kinds) ToFrames(A.Schema file, string path)
    {
        var fields = new List<Field>(file.FieldsList.Count);
        var kinds = new ParquetColumnKind[file.FieldsList.Count];
        for (var i = 0; i < file.FieldsList.Count; i++)
        {
            var field = file.FieldsList[i];
            switch (field.DataType)
            {
                case AT.Decimal128Type:
                    fields.Add(new Field(field.Name, DataType.Float64, field.IsNullable));
                    kinds[i] = ParquetColumnKind.DecimalAsDouble;
                    break;
                case AT.NestedType or AT.DictionaryType { ValueType: AT.NestedType }:
                    throw new ParquetFormatException(path,
                        $"column '{field.Name}' is nested ({field.DataType.Name}); Frames reads flat columns only — select the columns you need with a tool that flattens it, or leave it out of the file");
                default:
                    try
                    {
                        // A dictionary is a way of storing values (docs/engine.md, "Encodings"): plans see the value type.
                        var type = ApacheArrowTypes.ToFrames(field.DataType, field.Name);
                        fields.Add(new Field(field.Name, type.Id == TypeId.Dictionary ? type.ValueType! : type, field.IsNullable));
                    }
                    catch (NotSupportedException)
                    {
                        throw new ParquetFormatException(path,
                            $"column '{field.Name}' is of type {Describe(field.DataType)}, which Frames does not hold (it holds bool, integers, float32/64, decimal as float64, utf8, binary, date32, timestamps and dictionaries)");
                    }
                    kinds[i] = ParquetColumnKind.Direct;
                    break;
            }
        }
        return (new Schema(fields), kinds);
    }

    private static string Describe(AT.IArrowType type) => type switch
    {
        AT.Time32Type or AT.Time64Type => "time of day",
        AT.Decimal256Type => "decimal256",
        AT.FixedSizeBinaryType f => $"fixed_size_binary[{f.ByteWidth}]",
        AT.HalfFloatType => "float16",
        _ => type.Name,
    };
}
