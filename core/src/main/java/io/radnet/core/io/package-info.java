/**
 * Model files and data files: safetensors ({@link io.radnet.core.io.Safetensors}, the weights
 * format of PyTorch and the Hugging Face ecosystem), radnet's JSON model format
 * ({@link io.radnet.core.io.ModelJson}), the mapping between networks and PyTorch state-dict
 * tensor names ({@link io.radnet.core.io.StateDict}), the facade that picks a format by file
 * extension ({@link io.radnet.core.io.ModelFiles}), CSV data sets
 * ({@link io.radnet.core.io.CsvData}) and atomic file replacement
 * ({@link io.radnet.core.io.AtomicFiles}). Reads validate everything before building anything;
 * writes never leave a truncated file.
 */
package io.radnet.core.io;
