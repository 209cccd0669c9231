using MathNet.Numerics.Distributions;
namespace ProgressFunctions.Synthetic;

/// <summary>A pupil's standing in each subject (standard normal, correlated through ability), kept for life.</summary>
/// <remarks>
/// Ability is the cohort's Weyl sequence at the pupil's place, so a year group of any size has the national spread;
/// the rest is drawn from a stream of the pupil's own, so the same pupil has the same KS2 results as prior attainment in secondary
/// as they had in Year 6, and the same GCSE options in Year 10 and Year 11. <see cref="Offsets"/> are how far each
/// subject's results sit from the flight path (in grades); <see cref="Choices"/> decide the GCSE options.
/// </remarks>
internal sealed record Academic(double Ability, double Reading, double Writing, double Maths, double Gps, IReadOnlyList<double> Subjects, IReadOnlyList<double> Offsets, IReadOnlyList<double> Choices)
{
    public static Academic Of(int seed, int cohort, int place)
    {
        var random = new Random(Seeds.Of(seed, 6, cohort, place));
        // Stratified like absence (see PersonHabits), with another step so that the two are independent.
        var ability = Normal.InvCDF(0, 1, Seeds.Weyl(place, Seeds.RootTwoStep, seed, 12, cohort));
        double Standing() => Ks2Model.Standing(ability, Normal.Sample(random, 0, 1));
        var (reading, writing, maths, gps) = (Standing(), Standing(), Standing(), Standing());
        var subjects = Enumerable.Range(0, 8).Select(_ => Standing()).ToArray();
        var offsets = Enumerable.Range(0, 8).Select(_ => 0.15 * Normal.Sample(random, 0, 1)).ToArray();
        var choices = Enumerable.Range(0, 4).Select(_ => random.NextDouble()).ToArray();
        return new Academic(ability, reading, writing, maths, gps, subjects, offsets, choices);
    }
}
