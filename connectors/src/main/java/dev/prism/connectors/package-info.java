/**
 * Wire formats, never-throwing Kafka serdes, DLQ records, source/sink builders, embedded Kafka broker (issue #3).
 *
 * <p>Module placeholder: the folder and artifact exist so the build, the dependency direction
 * (see ARCHITECTURE.md) and the packaging are fixed from the start; its code lands with the issue named above.
 */
package dev.prism.connectors;
