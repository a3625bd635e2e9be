package io.radnet.core.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A seeded split of a {@link Dataset} into a training part and a held-out validation part, as
 * scikit-learn's {@code train_test_split}: of n samples, v = ⌈fraction · n⌉ go to validation,
 * chosen as the first v entries of a uniformly random permutation of {0, …, n − 1}
 * (Fisher–Yates with {@code SplittableRandom(seed)}); the others, n − v, form the training part.
 * Both parts keep the samples' original order. The split is a function of (n, fraction, seed)
 * alone, so the same data, fraction and seed always give the same parts.
 *
 * @param training the n − v training samples, in their original order (copies)
 * @param validation the v validation samples, in their original order (copies)
 */
public record ValidationSplit(Dataset training, Dataset validation) {
    /**
     * @throws NullPointerException if a part is null
     */
    public ValidationSplit {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(validation, "validation");
    }

    /**
     * @param data the data set to split; not modified
     * @param fraction the share of samples held out, 0 &lt; fraction &lt; 1
     * @param seed the seed of the permutation
     * @return the two parts
     * @throws IllegalArgumentException if the fraction is outside (0, 1) or leaves a part empty
     *     (naming the sample count)
     */
    public static ValidationSplit of(Dataset data, double fraction, long seed) {
        Objects.requireNonNull(data, "data");
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("the validation fraction must be in (0, 1), got " + fraction);
        }
        int n = data.size();
        long held = (long) Math.ceil(fraction * n);
        if (held >= n) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " holds out " + held + " of the " + n
                    + " samples and leaves none to train on");
        }
        int v = (int) held;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] validationRows = Arrays.copyOf(order, v);
        int[] trainingRows = Arrays.copyOfRange(order, v, n);
        Arrays.sort(validationRows);
        Arrays.sort(trainingRows);
        return new ValidationSplit(data.subset(trainingRows), data.subset(validationRows));
    }
}
