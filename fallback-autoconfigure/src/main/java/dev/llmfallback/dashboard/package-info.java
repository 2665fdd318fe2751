/**
 * The live dashboard: a static page fed by server-sent snapshots and routing events.
 */
package dev.llmfallback.dashboard;
