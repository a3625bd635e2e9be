/**
 * The {@code radnet} command-line program: {@link io.radnet.cli.RadnetCommand} and its
 * subcommands. Only this package's output layer (picocli's out and err writers, and
 * {@code main}) writes to the terminal; report formatting lives in small classes such as
 * {@link io.radnet.cli.BackendsReport} that return text and never print.
 */
package io.radnet.cli;
