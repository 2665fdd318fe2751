/**
 * Auto-configuration of the router's metrics, health and actuator endpoint.
 */
package dev.llmfallback.autoconfigure.actuate;
