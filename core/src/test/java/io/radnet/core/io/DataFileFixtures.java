package io.radnet.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Small IDX and npy files built byte by byte, valid and corrupt, for the reader tests of core
 * and the command tests of cli.
 */
public final class DataFileFixtures {
    /** The IDX type code of unsigned bytes. */
    public static final int IDX_UINT8 = 0x08;

    private DataFileFixtures() {
    }

    /**
     * @param typeCode the IDX element type code (0x08 uint8 … 0x0E float64)
     * @param dimensions the sizes written in the header
     * @param data the element bytes (big-endian), written as given
     * @return the file's bytes: 00 00 type rank, the sizes, the data
     */
    public static byte[] idx(int typeCode, int[] dimensions, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dimensions.length + data.length).order(ByteOrder.BIG_ENDIAN);
        b.put((byte) 0).put((byte) 0).put((byte) typeCode).put((byte) dimensions.length);
        for (int d : dimensions) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    /**
     * @param images the pixel bytes, n images of rows × cols
     * @param n the number of images
     * @param rows pixel rows per image
     * @param cols pixel columns per image
     * @return an IDX uint8 file of shape n × rows × cols
     */
    public static byte[] idxImages(byte[] images, int n, int rows, int cols) {
        return idx(IDX_UINT8, new int[] {n, rows, cols}, images);
    }

    /**
     * @param labels the labels, each written as one unsigned byte
     * @return an IDX uint8 file of shape n
     */
    public static byte[] idxLabels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int k = 0; k < labels.length; k++) {
            data[k] = (byte) labels[k];
        }
        return idx(IDX_UINT8, new int[] {labels.length}, data);
    }

    /**
     * @param bytes any bytes
     * @return them gzip-compressed
     */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * @param header the dict literal, e.g. {@code {'descr': '<f8', 'fortran_order': False,
     *     'shape': (2, 3), }}, padded here to numpy's 64-byte alignment
     * @param data the element bytes, written as given
     * @return an npy file of format 1.0
     */
    public static byte[] npy(String header, byte[] data) {
        int unpadded = 10 + header.length() + 1;
        String padded = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + padded.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) padded.length()).put(padded.getBytes(StandardCharsets.ISO_8859_1));
        return b.put(data).array();
    }

    /**
     * @param values the values, little-endian float64
     * @return their bytes
     */
    public static byte[] float64(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }
}
