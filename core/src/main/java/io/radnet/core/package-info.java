/**
 * radnet's numerics on top of the backend api: networks and their parameter space
 * ({@code network}), activations ({@code activation}), losses ({@code loss}), optimizers and the
 * trainer ({@code optim}), and data sets ({@code data}). Everything here is written against
 * {@link io.radnet.api} only and runs on any backend.
 */
package io.radnet.core;
