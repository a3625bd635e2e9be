/**
 * Model files and data files: safetensors ({@link io.radnet.core.io.Safetensors}, the weights
 * format of PyTorch and the Hugging Face ecosystem), radnet's JSON model format
 * ({@link io.radnet.core.io.ModelJson}), the mapping between networks and PyTorch state-dict
 * tensor names ({@link io.radnet.core.io.StateDict}: radnet's and {@code nn.Sequential}'s; a
 * plain state dict's kind is given, never guessed), the element type written
 * ({@link io.radnet.core.io.Dtype}: F64 exactly or F32 rounded to nearest), the facade that picks a format by file
 * extension ({@link io.radnet.core.io.ModelFiles}), CSV data sets
 * ({@link io.radnet.core.io.CsvData}), atomic file replacement
 * ({@link io.radnet.core.io.AtomicFiles}) and the path rules readers and writers share
 * ({@link io.radnet.core.io.FileChecks}: regular files only, links written through, write
 * protection honoured). Reads validate everything before building anything; writes never leave
 * a truncated file, never replace a special file and keep a replaced file's mode.
 */
package io.radnet.core.io;
