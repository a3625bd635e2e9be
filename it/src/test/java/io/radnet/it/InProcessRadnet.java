package io.radnet.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.radnet.cli.RadnetCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the {@code radnet} program inside the test JVM, as the README's sessions do on a terminal. */
final class InProcessRadnet {
    private InProcessRadnet() {
    }

    /**
     * @param args the command line, each argument turned into a string
     * @return what the program wrote to out; asserts that it succeeded and wrote nothing to err
     */
    static String radnet(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = RadnetCommand.commandLine(new RadnetCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int code = line.execute(Stream.of(args).map(String::valueOf).toArray(String[]::new));
        assertEquals(0, code, err.toString());
        assertEquals("", err.toString());
        return out.toString();
    }
}
