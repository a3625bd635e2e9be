package io.radnet.cli;

import io.radnet.spark.SparkContexts;

/**
 * Checks a {@code --spark MASTER} value before anything touches Spark: Spark must be on the
 * class path ({@code ./radnet} puts it there only with {@code --spark}) and the value a master
 * URL. It touches radnet-spark only once Spark is found, so commands run without Spark's jars.
 */
final class SparkOption {
    /** The class whose presence says that Spark is on the class path. */
    private static final String SPARK_CONTEXT = "org.apache.spark.SparkContext";

    private SparkOption() {
    }

    /**
     * @param master a {@code --spark} value, or null
     * @return it
     * @throws IllegalArgumentException one line: Spark is not on the class path (and how to get
     *     it), or the value is not a master URL
     */
    static String check(String master) {
        if (master == null) {
            return null;
        }
        try {
            Class.forName(SPARK_CONTEXT, false, SparkOption.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--spark needs Apache Spark on the class path: run radnet through"
                    + " ./radnet, which adds spark/target/radnet-spark.jar and spark/target/spark-home/jars with --spark", e);
        }
        try {
            return SparkContexts.requireMaster(master);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spark: " + e.getMessage(), e);
        }
    }
}
