import { readFileSync } from "node:fs";
import { join } from "node:path";
import { openVanNodeArgs } from "../openvan-command.js";
import { type ChildServer, freePort, startChild, waitFor } from "./child-server.js";

/** What `openvan serve --demo` writes to DATA/demo.json. */
export interface DemoFile {
  readonly url: string;
  readonly accounts: readonly {
    readonly name: string;
    readonly identities: string[];
    readonly apiKey: string;
  }[];
}

export interface OpenVanServer {
  readonly child: ChildServer;
  readonly demo: DemoFile;
  /** The node's SQLite database. */
  readonly databasePath: string;
}

/** Starts `openvan serve --demo` on the embedded default in `dataDir` and waits for its demo.json. */
export async function startOpenVan(
  dataDir: string,
  nodeFlags: readonly string[] = [],
): Promise<OpenVanServer> {
  const port = await freePort();
  const child = startChild(
    openVanNodeArgs(
      [
        "serve",
        "--data",
        dataDir,
        "--port",
        String(port),
        "--host",
        "127.0.0.1",
        "--demo",
        "--sftp-port",
        "0",
        "--log-level",
        "warn",
      ],
      nodeFlags,
    ),
  );
  const demo = await waitFor(child, () => readDemo(join(dataDir, "demo.json")), "openvan serve --demo");
  return { child, demo, databasePath: join(dataDir, "openvan.db") };
}

function readDemo(file: string): DemoFile | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as DemoFile;
  } catch {
    return null;
  }
}
