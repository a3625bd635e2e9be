package io.radnet.it;

import static io.radnet.it.InProcessRadnet.radnet;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code ./radnet reproduce} outputs of the radial paper's experiments 1 and 2,
 * which are deterministic for their seeds (only experiment 3 reports wall time): the program
 * prints exactly what the README shows, on EJML, except the build's git commit, which the
 * README shows as one commit (40 hexadecimal digits) or {@code unknown}.
 */
class ReadmeReproduceTest {
    /** The commit field of a JSON result, its value being the build's commit or {@code unknown}. */
    private static final String COMMIT_FIELD = "\"radnetCommit\" : \"(?:[0-9a-f]{40}(?:-dirty)?|unknown)\"";
    private static final String ANY_COMMIT = "\"radnetCommit\" : \"COMMIT\"";

    @Test
    void experimentsOneAndTwoPrintTheReadmesTables() throws IOException {
        String out = radnet("reproduce", "--experiment", "1,2", "--backend", "ejml").replace("\r\n", "\n");
        String tables = out.substring(out.indexOf("experiment 1 (Theorem 5)"));
        assertTrue(tables.startsWith("experiment 1 (Theorem 5)") && tables.contains("experiment 2  max projection"),
                out);
        assertTrue(ReadmeFile.text().contains("\n" + tables),
                "README.md's './radnet reproduce' block shows these tables:\n" + tables);
    }

    @Test
    void theJsonExampleIsTheProgramsOutput() throws IOException {
        String out = radnet("reproduce", "--experiment", 1, "--seeds", 2, "--json", "--backend", "ejml")
                .replace("\r\n", "\n");
        assertTrue(out.matches("(?s).*" + COMMIT_FIELD + "\n}\n"), out);
        String readme = ReadmeFile.text().replaceAll(COMMIT_FIELD, ANY_COMMIT);
        assertTrue(readme.contains("$ ./radnet reproduce --experiment 1 --seeds 2 --json\n"
                        + out.replaceAll(COMMIT_FIELD, ANY_COMMIT) + "```\n"),
                "README.md shows this JSON (with any commit):\n" + out);
    }
}
