namespace FramesNet.Execution.Kernels;

/// <summary>
/// Stable LSD radix sort of row indices by one normalised 64-bit key, eight bits a pass, skipping passes whose
/// byte is the same in every key (common for small integer ranges). Nulls are set apart first or last.
/// </summary>
internal static class RadixSort
{
    public static int[] Indices(ulong[] keys, bool[]? nulls, bool descending, bool nullsFirst)
    {
        var nullRows = new List<int>();
        var count = 0;
        var source = new int[keys.Length];
        var sourceKeys = new ulong[keys.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            if (nulls is not null && nulls[i])
            {
                nullRows.Add(i);
                continue;
            }
            source[count] = i;
            sourceKeys[count] = descending ? ~keys[i] : keys[i];
            count++;
        }
        var target = new int[count];
        var targetKeys = new ulong[count];
        Span<int> histogram = stackalloc int[256];
        for (var shift = 0; shift < 64; shift += 8)
        {
            histogram.Clear();
            for (var i = 0; i < count; i++)
                histogram[(int)(sourceKeys[i] >> shift) & 0xFF]++;
            if (count == 0 || histogram[(int)(sourceKeys[0] >> shift) & 0xFF] == count)
                continue;
            var total = 0;
            for (var b = 0; b < 256; b++)
            {
                var n = histogram[b];
                histogram[b] = total;
                total += n;
            }
            for (var i = 0; i < count; i++)
            {
                var key = sourceKeys[i];
                var position = histogram[(int)(key >> shift) & 0xFF]++;
                target[position] = source[i];
                targetKeys[position] = key;
            }
            (source, target) = (target, source);
            (sourceKeys, targetKeys) = (targetKeys, sourceKeys);
        }
        var result = new int[keys.Length];
        var at = 0;
        if (nullsFirst)
            foreach (var row in nullRows)
                result[at++] = row;
        Array.Copy(source, 0, result, at, count);
        at += count;
        if (!nullsFirst)
            foreach (var row in nullRows)
                result[at++] = row;
        return result;
    }
}
