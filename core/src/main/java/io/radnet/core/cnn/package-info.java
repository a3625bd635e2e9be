/**
 * Convolutional networks on the backend API: PyTorch's {@code Conv2d}, {@code MaxPool2d},
 * {@code BatchNorm1d}/{@code BatchNorm2d}, {@code Dropout}, {@code Flatten}, {@code ReLU} and
 * {@code Linear} as {@link io.radnet.core.cnn.Layer}s of a
 * {@link io.radnet.core.cnn.SequentialNetwork} grouped into named blocks, trained by the
 * optimizers of {@code core.optim}; convolution runs as gemm over the backends' im2col.
 */
package io.radnet.core.cnn;
