package io.radnet.it;

import static io.radnet.it.InProcessRadnet.radnet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code ./radnet approximate} session, command by command: every successful
 * command the README shows is run in-process on the default backend (EJML), with its output
 * files in a temporary directory, and prints exactly the lines the README shows under it — all
 * but the build time, which is a measurement.
 */
class ReadmeApproximateSessionTest {
    private static final String PROMPT = "$ ./radnet approximate ";
    private static final Pattern WORD = Pattern.compile("'([^']*)'|(\\S+)");

    @TempDir
    Path dir;

    @Test
    void everyApproximateCommandPrintsWhatTheReadmeShows() throws IOException {
        List<String> readme = ReadmeFile.text().lines().toList();
        int commands = 0;
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (!line.startsWith(PROMPT) || line.contains("; echo")) {
                continue;
            }
            List<String> shown = new ArrayList<>();
            for (int j = i + 1; j < readme.size() && !readme.get(j).isBlank() && !readme.get(j).startsWith("$")
                    && !readme.get(j).startsWith("```"); j++) {
                shown.add(readme.get(j));
            }
            List<String> args = new ArrayList<>(List.of("approximate"));
            Matcher word = WORD.matcher(line.substring(PROMPT.length()));
            while (word.find()) {
                String arg = word.group(1) != null ? word.group(1) : word.group(2);
                args.add(arg.endsWith(".png") || arg.endsWith(".safetensors") || arg.endsWith(".json")
                        ? dir.resolve(arg).toString() : arg);
            }
            List<String> printed = radnet(args.toArray()).replace(dir + "/", "").lines().toList();
            assertEquals(withoutBuildTime(shown), withoutBuildTime(printed), line);
            commands++;
        }
        assertTrue(commands >= 6, "the README shows at least six successful approximate commands: " + commands);
    }

    private static List<String> withoutBuildTime(List<String> lines) {
        return lines.stream().filter(l -> !l.startsWith("build time")).toList();
    }
}
