package io.radnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.radnet.api.Backend;
import io.radnet.api.Backends;
import io.radnet.core.loss.MeanSquaredError;
import io.radnet.core.network.RadialNetwork;
import io.radnet.core.optim.GradientDescent;
import io.radnet.experiments.ExperimentListener;
import io.radnet.experiments.RadialExperiment2;
import io.radnet.experiments.Sweeps;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.launcher.JavaModuleOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * A real multi-process Spark cluster on 127.0.0.1: a standalone master and two workers, each a
 * JVM started from the SPARK_HOME the build assembles under target/ (its jars/ from the Maven
 * dependencies), one core and one executor per worker; this JVM is the driver. A sweep with one
 * worker killed halfway, and a training run, both equal to local runs. Everything is stopped at
 * the end; nothing listens beyond the loopback address.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {
    private static final String LOOPBACK = "127.0.0.1";
    private static final Backend EJML = Backends.get("ejml");

    /** The daemons' logs and work directories, kept after the test for a look at a failure. */
    private static final Path directory = Path.of("target", "standalone-cluster").toAbsolutePath();

    private static final List<Process> daemons = new ArrayList<>();
    private static Process master;
    private static Process doomedWorker;
    private static JavaSparkContext spark;

    @BeforeAll
    static void startCluster() throws Exception {
        Path sparkHome = Path.of(System.getenv("SPARK_HOME"));
        Files.createDirectories(directory);
        assertTrue(Files.isDirectory(sparkHome.resolve("jars")), "the build assembles SPARK_HOME/jars under target/");
        int port = freePort();
        String masterUrl = "spark://" + LOOPBACK + ":" + port;
        master = daemon(sparkHome, "master", "org.apache.spark.deploy.master.Master", "--host", LOOPBACK, "--port",
                Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitPort(port);
        for (int w = 0; w < 2; w++) {
            Path work = Files.createDirectories(directory.resolve("worker" + w));
            Process worker = daemon(sparkHome, "worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", LOOPBACK,
                    "--webui-port", Integer.toString(freePort()), "--cores", "1", "--memory", "768m",
                    "--work-dir", work.toString(), masterUrl);
            if (w == 0) {
                doomedWorker = worker;
            }
        }
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        spark = new JavaSparkContext(new SparkConf().setMaster(masterUrl).setAppName("radnet-cluster-test")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", LOOPBACK).set("spark.driver.bindAddress", LOOPBACK)
                .set("spark.executor.memory", "512m")
                .set("spark.executor.extraClassPath", classPath)
                .set("spark.executor.extraJavaOptions", "-Dradnet.backend=ejml"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (spark.sc().getExecutorMemoryStatus().size() < 3) {
            assertTrue(System.nanoTime() < deadline, "two executors register within 90 s (driver + executors: "
                    + spark.sc().getExecutorMemoryStatus().size() + ")");
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (spark != null) {
            spark.close();
        }
        for (Process daemon : daemons) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
        }
        for (Process daemon : daemons) {
            assertTrue(daemon.waitFor(20, TimeUnit.SECONDS), "every daemon of the cluster stops");
        }
    }

    @Test
    @Order(1)
    void aSweepSurvivesAKilledWorkerWithTheLocalRunsNumbers() {
        RadialExperiment2.Settings settings = new RadialExperiment2.Settings(6, 300);
        AtomicBoolean killed = new AtomicBoolean();
        ExperimentListener killAfterTheFirstRun = (name, total) -> new ExperimentListener.Task() {
            @Override
            public void stepTo(long done, String message) {
                if (done >= 1 && killed.compareAndSet(false, true)) {
                    doomedWorker.descendants().forEach(ProcessHandle::destroyForcibly);
                    doomedWorker.destroyForcibly();
                }
            }

            @Override
            public void finish(long done, String message) {
            }

            @Override
            public void close() {
            }
        };
        RadialExperiment2.Result distributed = SparkSweep.run(spark, "ejml", Sweeps.EXPERIMENT2, settings,
                killAfterTheFirstRun);
        assertTrue(killed.get(), "a worker was killed while the sweep ran");
        assertTrue(!doomedWorker.isAlive(), "the killed worker is gone");
        assertEquals(SparkTestData.withoutTimings(new RadialExperiment2(EJML, ExperimentListener.NONE).run(settings)),
                SparkTestData.withoutTimings(distributed));
    }

    /** Runs last: it stops the cluster's context to start a local one (one context per JVM). */
    @Test
    @Order(2)
    void trainingOnTheClusterEqualsLocalTwoBitwise() {
        Path csv = SparkTestData.experiment3Csv(EJML, directory);
        CsvShards shards = CsvShards.regression(csv, EJML, 2, 2);
        RadialNetwork onCluster = SparkTestData.experiment3Network(EJML);
        DataParallelTrainer.builder(spark, shards, 3, SparkTestData::experiment3Network, MeanSquaredError::new)
                .maxEpochs(5).build().train(onCluster, new GradientDescent(0.01));
        spark.close();
        spark = null;
        RadialNetwork onLocal = SparkTestData.experiment3Network(EJML);
        try (JavaSparkContext local = new JavaSparkContext(new SparkConf().setMaster("local[2]")
                .setAppName("radnet-local").set("spark.ui.enabled", "false")
                .set("spark.driver.host", LOOPBACK).set("spark.driver.bindAddress", LOOPBACK))) {
            DataParallelTrainer.builder(local, shards, 3, SparkTestData::experiment3Network, MeanSquaredError::new)
                    .backend("ejml").maxEpochs(5).build().train(onLocal, new GradientDescent(0.01));
        }
        assertArrayEquals(onLocal.parameters().flatten(), onCluster.parameters().flatten(), 0.0,
                "the same partitions give bitwise the same parameters on local[2] and on the cluster");
    }

    private static Process daemon(Path sparkHome, String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(List.of(JavaModuleOptions.defaultModuleOptions().split(" ")));
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + File.separator + "*");
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_LOCAL_IP", LOOPBACK);
        Process process = builder.start();
        daemons.add(process);
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
                return;
            } catch (IOException notYet) {
                assertTrue(System.nanoTime() < deadline, "the master listens within 60 s");
                Thread.sleep(200);
            }
        }
    }
}
