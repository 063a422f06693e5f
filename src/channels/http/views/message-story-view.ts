import type { MessageTimeline } from "../../../network/index.js";
import type { DeliveryRecord, EventRecord } from "../../../storage/ports/index.js";
import { ackItemSchema, ackItemView } from "./ack-item-view.js";
import { interchangeSchema, interchangeView } from "./interchange-view.js";

const deliverySchema = {
  type: "object",
  required: ["id", "state", "from", "to", "route"],
  properties: {
    id: { type: "string" },
    interchangeId: { type: ["string", "null"] },
    from: { type: "string" },
    to: { type: "string" },
    route: { type: "string", description: "How it is delivered: `mailbox`." },
    state: {
      type: "string",
      enum: ["in_mailbox", "picked_up", "expired", "pushing", "delivered", "push_failed"],
    },
    createdAt: { type: "string", format: "date-time" },
    pickedUpAt: { type: ["string", "null"], format: "date-time" },
    expiresAt: { type: ["string", "null"], format: "date-time" },
  },
} as const;

const eventSchema = {
  type: "object",
  required: ["type", "at"],
  properties: {
    type: { type: "string", description: "e.g. message.received, interchange.routed, delivery.picked_up." },
    at: { type: "string", format: "date-time" },
    interchangeId: { type: ["string", "null"] },
    deliveryId: { type: ["string", "null"] },
    detail: { type: "object", additionalProperties: true },
  },
} as const;

/** `GET /messages/{id}`: a message's state and whole story. */
export const messageStorySchema = {
  type: "object",
  required: ["id", "state", "format", "size", "receivedAt", "interchanges", "deliveries", "events"],
  properties: {
    id: { type: "string" },
    state: { type: "string", enum: ["received", "routed", "partially_routed", "rejected", "unroutable"] },
    reason: { type: ["string", "null"] },
    format: { type: "string" },
    size: { type: "integer" },
    sha256: { type: "string" },
    channel: { type: "string" },
    filename: { type: ["string", "null"] },
    to: { type: ["string", "null"], description: "The explicit recipient, when the sender named one." },
    receivedAt: { type: "string", format: "date-time" },
    interchanges: { type: "array", items: interchangeSchema },
    deliveries: { type: "array", items: deliverySchema },
    events: { type: "array", items: eventSchema },
    acknowledgments: { type: "array", items: ackItemSchema },
  },
} as const;

export function messageStoryView(timeline: MessageTimeline): Record<string, unknown> {
  const { message } = timeline;
  return {
    id: message.id,
    state: message.state,
    reason: message.reason,
    format: message.format,
    size: message.size,
    sha256: message.sha256,
    channel: message.channel,
    filename: message.filename,
    to: message.toIdentity,
    receivedAt: message.receivedAt,
    interchanges: timeline.interchanges.map(interchangeView),
    deliveries: timeline.deliveries.map(deliveryView),
    events: timeline.events.map(eventView),
    acknowledgments: timeline.acknowledgments.map(ackItemView),
  };
}

function deliveryView(d: DeliveryRecord): Record<string, unknown> {
  return {
    id: d.id,
    interchangeId: d.interchangeId,
    from: d.fromIdentity,
    to: d.toIdentity,
    route: d.route,
    state: d.state,
    createdAt: d.createdAt,
    pickedUpAt: d.pickedUpAt,
    expiresAt: d.expiresAt,
  };
}

function eventView(e: EventRecord): Record<string, unknown> {
  return {
    type: e.type,
    at: e.at,
    interchangeId: e.interchangeId,
    deliveryId: e.deliveryId,
    detail: e.detail,
  };
}
