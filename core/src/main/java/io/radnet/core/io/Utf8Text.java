package io.radnet.core.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Strict UTF-8 decoding of file contents: a malformed byte is an error, never replaced. */
final class Utf8Text {
    private Utf8Text() {
    }

    /**
     * @param file the file the bytes come from, for the message
     * @param bytes UTF-8 text
     * @param fileOffset the offset of {@code bytes[0]} in the file
     * @return the text
     * @throws ModelFileException naming the file offset of the first byte that does not
     *     belong to a valid UTF-8 sequence
     */
    static String decode(Path file, byte[] bytes, long fileOffset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new ModelFileException(file + ": not valid UTF-8: byte 0x"
                    + String.format("%02x", bytes[in.position()] & 0xff) + " at file offset " + (fileOffset + in.position())
                    + " is not part of a valid UTF-8 sequence");
        }
        return out.flip().toString();
    }
}
