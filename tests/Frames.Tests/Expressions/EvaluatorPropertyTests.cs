using FramesNet.Columns;
using FramesNet.Expressions.Binding;
using FramesNet.Expressions.Evaluation;
using FramesNet.Tests.TestSupport;

namespace FramesNet.Tests.Expressions;

public class EvaluatorPropertyTests
{
    [Fact]
    public void Vectorised_evaluation_equals_row_at_a_time_reference()
    {
        var cases = TestTier.Count(400, 5000);
        for (var seed = 0; seed < cases; seed++)
        {
            var random = new RandomExpressions(seed);
            var rows = random.Rows(seed % 97);
            var expr = random.Any(3);
            using var batch = RandomExpressions.ToBatch(rows);
            var bound = Binder.Bind(expr, batch.Schema);
            var column = ExprEvaluator.Evaluate(bound, batch);
            Assert.Equal(rows.Count, column.Length);
            for (var r = 0; r < rows.Count; r++)
            {
                var expected = NaiveEvaluator.Eval(expr, rows[r]);
                var actual = column.GetValue(r);
                if (!Same(expected, actual))
                    Assert.Fail($"seed {seed}, row {r}: {expr}\nrow: {string.Join(", ", rows[r].Select(kv => $"{kv.Key}={kv.Value ?? "null"}"))}\nexpected {expected ?? "null"}, got {actual ?? "null"}");
            }
        }
    }

    [Fact]
    public void Evaluation_of_a_sliced_batch_equals_evaluation_of_the_slice_rows()
    {
        for (var seed = 0; seed < TestTier.Count(100, 1000); seed++)
        {
            var random = new RandomExpressions(seed + 1_000_000);
            var rows = random.Rows(90);
            var expr = random.Any(3);
            using var batch = RandomExpressions.ToBatch(rows);
            var offset = seed % 37;
            using var slice = batch.Slice(offset, 90 - offset - seed % 5);
            var column = ExprEvaluator.Evaluate(Binder.Bind(expr, slice.Schema), slice);
            for (var r = 0; r < slice.Length; r++)
            {
                var expected = NaiveEvaluator.Eval(expr, rows[offset + r]);
                if (!Same(expected, column.GetValue(r)))
                    Assert.Fail($"seed {seed}, offset {offset}, row {r}: {expr}: expected {expected ?? "null"}, got {column.GetValue(r) ?? "null"}");
            }
        }
    }

    private static bool Same(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y) || (double.IsNaN(x) && double.IsNaN(y)),
        (long x, double y) => x == y,
        _ => Equals(expected, actual),
    };
}
