import type { MessageStory, TrackedDelivery, TrackedEvent, TrackedInterchange } from "./api-types.js";

/** `CREATED-AT  STATE  STANDARD  SENDER -> RECEIVER  control C  DOC,TYPES  message M` */
export function formatTrackedLine(interchange: TrackedInterchange): string {
  const reason = interchange.reason ? `  (${interchange.reason})` : "";
  return (
    `${interchange.createdAt}  ${interchange.state}  ${interchange.standard}  ` +
    `${interchange.sender} -> ${interchange.receiver}  control ${interchange.control}  ` +
    `${docTypes(interchange.docTypes)}  message ${interchange.messageId}${reason}`
  );
}

/** A message's timeline: its facts, its interchanges, its deliveries, then every event in order. */
export function formatTimeline(story: MessageStory): string {
  const lines: string[] = [];
  const filename = story.filename ? `  file ${story.filename}` : "";
  lines.push(`message ${story.id}  ${story.state}  ${story.format}  ${story.size} bytes${filename}`);
  lines.push(`received ${story.receivedAt}${story.reason ? `  (${story.reason})` : ""}`);
  if (story.interchanges.length > 0) {
    lines.push("", "interchanges:");
    for (const interchange of story.interchanges) lines.push(`  ${interchangeLine(interchange)}`);
  }
  if (story.deliveries.length > 0) {
    lines.push("", "deliveries:");
    for (const delivery of story.deliveries) lines.push(`  ${deliveryLine(delivery)}`);
  }
  lines.push("", "events:");
  for (const event of story.events) lines.push(`  ${eventLine(event)}`);
  return `${lines.join("\n")}\n`;
}

function interchangeLine(interchange: TrackedInterchange): string {
  const reason = interchange.reason ? `  (${interchange.reason})` : "";
  return (
    `${interchange.id}  ${interchange.state}  ${interchange.standard}  ` +
    `${interchange.sender} -> ${interchange.receiver}  control ${interchange.control}  ` +
    `${docTypes(interchange.docTypes)}${reason}`
  );
}

function deliveryLine(delivery: TrackedDelivery): string {
  const parts = [delivery.id, delivery.state];
  if (delivery.from !== undefined || delivery.to !== undefined) {
    parts.push(`${delivery.from ?? "?"} -> ${delivery.to ?? "?"}`);
  }
  if (delivery.route !== undefined) parts.push(`by ${delivery.route}`);
  if (delivery.pickedUpAt) parts.push(`picked up ${delivery.pickedUpAt}`);
  return parts.join("  ");
}

function eventLine(event: TrackedEvent): string {
  const parts = [event.at, event.type];
  if (event.interchangeId) parts.push(`interchange ${event.interchangeId}`);
  if (event.deliveryId) parts.push(`delivery ${event.deliveryId}`);
  const detail = Object.entries(event.detail ?? {}).filter(([, value]) => !isEmpty(value));
  if (detail.length > 0) parts.push(detail.map(([name, value]) => `${name}=${describe(value)}`).join(" "));
  return parts.join("  ");
}

function docTypes(types: readonly string[]): string {
  return types.length === 0 ? "-" : types.join(",");
}

function describe(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isEmpty(value: unknown): boolean {
  return (
    value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)
  );
}
