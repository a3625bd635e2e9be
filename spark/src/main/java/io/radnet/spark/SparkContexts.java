package io.radnet.spark;

import java.util.Locale;
import java.util.Objects;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark context radnet starts for a master URL given on its command line.
 */
public final class SparkContexts {
    private SparkContexts() {
    }

    /**
     * Starts a Spark context for radnet: application name {@code radnet}, no web UI; with a
     * {@code local} or {@code local-cluster} master the driver binds to 127.0.0.1 only. Any
     * other setting comes from the usual places ({@code spark.*} system properties,
     * {@code spark-submit}). The caller stops it ({@link JavaSparkContext#close()}).
     *
     * @param master {@code local[N]}, {@code local[*]}, {@code spark://host:port}, … ; null keeps
     *     the master {@code spark-submit} set
     * @return the running context
     * @throws IllegalArgumentException if the master is blank or has no Spark scheme
     */
    public static JavaSparkContext start(String master) {
        SparkConf conf = new SparkConf().setAppName("radnet").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(requireMaster(master));
            if (master.startsWith("local")) {
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
        }
        return new JavaSparkContext(conf);
    }

    /**
     * @param master a Spark master URL
     * @return it, checked
     * @throws IllegalArgumentException naming the forms Spark takes if it is none of them
     */
    public static String requireMaster(String master) {
        Objects.requireNonNull(master, "master");
        String m = master.trim().toLowerCase(Locale.ROOT);
        if (!(m.matches("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?\\])?") || m.matches("local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*\\]")
                || m.matches("(spark|mesos|k8s)://\\S+") || m.equals("yarn"))) {
            throw new IllegalArgumentException("not a Spark master URL: '" + master + "'; use local[N], local[*], "
                    + "spark://HOST:PORT, yarn, k8s://… or mesos://…");
        }
        return master.trim();
    }
}
