import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The Prometheus metrics of one OpenVAN instance, in its own registry (never prom-client's global one). */
export interface OpenVanMetrics {
  readonly registry: Registry;
  /** Messages made durable, by channel and format. */
  readonly messagesReceived: Counter<"channel" | "format">;
  /** Messages refused at the door, by channel and error code. */
  readonly messagesRejected: Counter<"channel" | "code">;
  /** Interchanges (and files) through routing, by the state they reached. */
  readonly interchangesRouted: Counter<"state">;
  readonly httpRequestDuration: Histogram<"method" | "route" | "status">;
  /** SFTP logins, by result (`accepted`, `refused`, `error` when the credentials could not be checked). */
  readonly sftpLogins: Counter<"result">;
  /** SFTP connections open now. */
  readonly sftpConnections: Gauge;
}

export function createOpenVanMetrics(): OpenVanMetrics {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({
    name: "openvan_process_resident_memory_bytes",
    help: "Resident memory of the OpenVAN process.",
    registers,
    collect() {
      this.set(process.memoryUsage().rss);
    },
  });
  return {
    registry,
    messagesReceived: new Counter({
      name: "openvan_messages_received_total",
      help: "Messages made durable (the sender was told received).",
      labelNames: ["channel", "format"],
      registers,
    }),
    messagesRejected: new Counter({
      name: "openvan_messages_rejected_total",
      help: "Messages refused at the door, nothing stored.",
      labelNames: ["channel", "code"],
      registers,
    }),
    interchangesRouted: new Counter({
      name: "openvan_interchanges_routed_total",
      help: "Interchanges and files through routing, by the state they reached.",
      labelNames: ["state"],
      registers,
    }),
    sftpLogins: new Counter({
      name: "openvan_sftp_logins_total",
      help: "SFTP logins, by result: accepted, refused, or error (the credentials could not be checked).",
      labelNames: ["result"],
      registers,
    }),
    sftpConnections: new Gauge({
      name: "openvan_sftp_connections",
      help: "SFTP connections open on this node.",
      registers,
    }),
    httpRequestDuration: new Histogram({
      name: "openvan_http_request_duration_seconds",
      help: "Time to answer HTTP requests.",
      labelNames: ["method", "route", "status"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60],
      registers,
    }),
  };
}
