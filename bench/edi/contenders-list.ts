import type { Contender } from "./contender.js";

export const floor: Contender = { name: "floor (indexOf)", script: "floor.js", role: "floor" };
export const openVan: Contender = { name: "OpenVAN EdiReader", script: "openvan.js", role: "openvan" };

export const x12Peers: readonly Contender[] = [
  {
    name: "node-x12 (whole file)",
    script: "node-x12.js",
    role: "peer",
    nodeFlags: ["--max-old-space-size=8192"],
  },
  { name: "x12-parser (stream)", script: "x12-parser.js", role: "peer" },
];

export const edifactPeers: readonly Contender[] = [
  { name: "edifact (event parser)", script: "edifact.js", role: "peer" },
];
