import type { DatasetSpec } from "./dataset.js";
import { generateEdifact } from "./generate-edifact.js";
import { generateX12 } from "./generate-x12.js";

export const x12Orders: DatasetSpec = {
  label: "X12 850",
  fileName: "x12-850-50mb.x12",
  targetBytes: 50e6,
  seed: 850,
  generate: generateX12,
};

export const edifactOrders: DatasetSpec = {
  label: "EDIFACT ORDERS D96A",
  fileName: "edifact-orders-50mb.edi",
  targetBytes: 50e6,
  seed: 96,
  generate: generateEdifact,
};

export const x12OrdersBig: DatasetSpec = {
  label: "X12 850, 1 GB",
  fileName: "x12-850-1gb.x12",
  targetBytes: 1e9,
  seed: 8501,
  generate: generateX12,
};
