/**
 * Lucene HNSW index materialised from prism.vectors, search/classify HTTP API (issue #5).
 *
 * <p>Module placeholder: the folder and artifact exist so the build, the dependency direction
 * (see ARCHITECTURE.md) and the packaging are fixed from the start; its code lands with the issue named above.
 */
package dev.prism.indexservice;
