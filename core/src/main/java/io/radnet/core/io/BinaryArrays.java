package io.radnet.core.io;

import io.radnet.api.Backend;
import io.radnet.api.Tensor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * The data part shared by the binary array readers (IDX, NumPy): a rows × cols array of one
 * element type, row-major, read from a stream into a backend tensor through a
 * {@link TensorRowWriter}, each element checked as it is widened. Every failure is a one-line
 * {@link ModelFileException} naming the file, the byte offset (in the decompressed data for a
 * gzip file) and what was expected; the tensor is then freed.
 */
final class BinaryArrays {
    private BinaryArrays() {
    }

    /**
     * What a reader knows of the array before its data.
     *
     * @param file the file, for the messages
     * @param type the element type
     * @param order the byte order of the elements
     * @param rows the samples, ≥ 1
     * @param cols the values per sample, ≥ 1
     * @param dataOffset the byte offset of the first element in the (decompressed) stream
     * @param shape the shape as the file gives it, e.g. {@code 60000×28×28}, for the messages
     */
    record Layout(Path file, ElementType type, ByteOrder order, int rows, int cols, long dataOffset, String shape) {
        /** @return the bytes of the data: rows · cols · item size */
        long dataBytes() {
            return (long) rows * cols * type.itemSize();
        }

        /** @return e.g. {@code shape 60000×28×28 of uint8 needs 47040000 bytes of data from byte 16} */
        String need() {
            return "shape " + shape + " of " + type.label() + " needs " + dataBytes() + " bytes of data from byte " + dataOffset;
        }
    }

    /**
     * How each value is turned into the tensor's entry.
     *
     * @param divisor every value is divided by it (1 leaves it; 255 scales bytes to [0, 1])
     * @param classes 0, or c ≥ 1 when every value must be a class index 0 … c − 1
     */
    record Values(double divisor, int classes) {
        /** The values as stored. */
        static final Values RAW = new Values(1, 0);
    }

    /**
     * Reads the data and checks that the stream ends with it.
     *
     * @param in the stream, positioned at {@link Layout#dataOffset()}; not closed
     * @param layout the array
     * @param values how values are turned into entries
     * @param backend the backend to hold the tensor
     * @return the rows × cols tensor
     * @throws ModelFileException naming the file and the byte offset: the stream ends early, holds
     *     more bytes than the shape, holds a value that is not finite or exact, or a label that
     *     is not a class index; or gzip data that are corrupt
     * @throws DataTooLargeException if the tensor does not fit in the heap
     */
    static Tensor read(InputStream in, Layout layout, Values values, Backend backend) {
        Path file = layout.file();
        int cols = layout.cols();
        int itemSize = layout.type().itemSize();
        TensorRowWriter writer = TensorRowWriter.allocate(file, backend, layout.rows(), cols);
        boolean complete = false;
        long offset = layout.dataOffset();
        try {
            byte[] bytes = new byte[writer.chunkRows() * cols * itemSize];
            ByteBuffer view = ByteBuffer.wrap(bytes).order(layout.order());
            double[] buffer = writer.buffer();
            while (writer.rowsWritten() < layout.rows()) {
                int rows = Math.min(writer.chunkRows(), layout.rows() - writer.rowsWritten());
                int count = rows * cols;
                int wanted = count * itemSize;
                int got = in.readNBytes(bytes, 0, wanted);
                if (got < wanted) {
                    throw new ModelFileException(file + ": truncated: the data end at byte " + (offset + got) + ", but the "
                            + layout.need() + " (to byte " + (layout.dataOffset() + layout.dataBytes()) + ")");
                }
                long firstElement = (long) writer.rowsWritten() * cols;
                int bad = layout.type().decode(view, buffer, count);
                if (bad >= 0) {
                    throw new ModelFileException(element(layout, firstElement + bad) + " is "
                            + (layout.type().isInteger() ? view.getLong(bad * itemSize)
                            + ", beyond 2^53, where int64 values stop being exact doubles" : buffer[bad]
                            + "; data must be finite"));
                }
                transform(layout, values, buffer, count, firstElement);
                writer.flush(rows);
                offset += wanted;
            }
            if (in.read() >= 0) {
                throw new ModelFileException(file + ": more bytes after the data, at byte " + offset + ": the " + layout.need()
                        + " and nothing after them");
            }
            complete = true;
            return writer.finish();
        } catch (EOFException e) {
            throw new ModelFileException(file + ": truncated gzip data: the compressed stream ends after byte " + offset
                    + " of the data, but the " + layout.need(), e);
        } catch (ZipException e) {
            throw new ModelFileException(file + ": corrupt gzip data after byte " + offset + ": "
                    + FileChecks.reason(e), e);
        } catch (IOException e) {
            throw new ModelFileException(file + ": cannot read at byte " + offset + ": " + FileChecks.reason(e), e);
        } finally {
            if (!complete) {
                writer.abandon();
            }
        }
    }

    private static void transform(Layout layout, Values values, double[] buffer, int count, long firstElement) {
        if (values.classes() > 0) {
            for (int i = 0; i < count; i++) {
                double label = buffer[i];
                if (!(label >= 0 && label < values.classes() && label == Math.rint(label))) {
                    throw new ModelFileException(element(layout, firstElement + i) + " is the label " + label
                            + ", not a class index 0.." + (values.classes() - 1));
                }
            }
        }
        if (values.divisor() != 1) {
            double divisor = values.divisor();
            for (int i = 0; i < count; i++) {
                buffer[i] /= divisor;
            }
        }
    }

    /** @return e.g. {@code FILE: element 785 (row 1, column 1; byte 801)} */
    private static String element(Layout layout, long index) {
        return layout.file() + ": element " + index + " (row " + index / layout.cols() + ", column " + index % layout.cols()
                + "; byte " + (layout.dataOffset() + index * layout.type().itemSize()) + ")";
    }
}
