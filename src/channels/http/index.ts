export { type AppDeps, buildApp } from "./app.js";
export { createOpenVanMetrics, type OpenVanMetrics } from "./openvan-metrics.js";
export { type ListenOptions, listen } from "./server.js";
