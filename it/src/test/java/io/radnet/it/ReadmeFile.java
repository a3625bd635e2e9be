package io.radnet.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's README.md, which the README tests hold to the program's real output. */
final class ReadmeFile {
    private ReadmeFile() {
    }

    /** @return README.md at the repository's root, with Unix line ends */
    static String text() throws IOException {
        return Files.readString(path(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** README.md at the repository's root, found from the working directory (the module or the root). */
    static Path path() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("experiments"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md beside an experiments folder above "
                + Path.of("").toAbsolutePath());
    }
}
