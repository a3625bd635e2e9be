/**
 * The backend-neutral core of radnet: {@link io.radnet.api.Tensor}, the op set of
 * {@link io.radnet.api.Backend}, the QR contract ({@link io.radnet.api.QrMode},
 * {@link io.radnet.api.QrFactors}), the activation interfaces, and the service-provider
 * interface ({@link io.radnet.api.BackendProvider}, {@link io.radnet.api.Backends}).
 *
 * <p>The SPI is a mandatory core of protected abstract kernels in {@link io.radnet.api.Backend}
 * plus optional capabilities whose defaults, composed from the core, are in
 * {@link io.radnet.api.DefaultKernels}; kernels that backends share on raw storage are in
 * {@code io.radnet.api.kernels}.
 *
 * <p>This package depends on the JDK only. Every shape, ownership and value check lives here,
 * in {@link io.radnet.api.Shapes} and the final methods of {@link io.radnet.api.Backend}, so
 * that every backend rejects a bad argument with the same exception and the same message.
 */
package io.radnet.api;
