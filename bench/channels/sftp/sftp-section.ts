import { createHash, randomFillSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { freePort, run, waitForPort } from "../../../test/support/local-process.js";
import { startOpenSshServer } from "../../../test/support/openssh-server.js";
import { fixed, textTable } from "../../edi/text-table.js";
import { type ChildServer, startChild, waitFor } from "../../network/child-server.js";
import { loadAverage } from "../../network/proc-status.js";
import { openVanNodeArgs } from "../../openvan-command.js";
import type { BenchContext, BenchSection } from "../bench-section.js";

/**
 * A file uploaded with OpenSSH's `sftp -b` to OpenVAN (`openvan serve`, /outbox/ZZ:GROCERYMART/…: streamed to
 * the blob store, hashed, durable before the close is answered, then checked routed into the recipient's
 * mailbox by size and SHA-256) and to OpenSSH's own sftp-server
 * (sshd with internal-sftp, writing a plain file), alternating, in one run. Both keep every upload until the
 * end, as OpenVAN keeps its messages: a file removed after each run would hand the next one warm page-cache
 * memory that the other server does not get (in a VM, writing into pages touched for the first time took
 * about three times the CPU). Options: `--sftp-gb G` (default 1), `--sftp-runs R` (default 3),
 * `--sftp-cipher NAME` (given to both clients with `-c`; by default they take OpenSSH's first choice,
 * chacha20-poly1305@openssh.com, which both servers offer), `--sftp-node-flags "FLAGS"` (Node options for
 * OpenVAN's server, to try a V8 setting; none by default).
 */
export const sftpSection: BenchSection = { name: "sftp", run: runSftpSection };

const goalRatio = 1;
const goalRssMB = 200;

interface Demo {
  readonly url: string;
  readonly sftpPort: number;
  readonly accounts: readonly { apiKey: string; sftp: { username: string; password: string } }[];
}

async function runSftpSection(c: BenchContext): Promise<boolean> {
  const bytes = Math.round(c.option("--sftp-gb", 1) * 1024 ** 3);
  const runs = c.option("--sftp-runs", 3);
  const cipher = stringOption(c.args, "--sftp-cipher");
  const nodeFlags = stringOption(c.args, "--sftp-node-flags")?.split(/\s+/).filter(Boolean) ?? [];
  const file = join(c.workDir, "upload.bin");
  await writeRandomFile(file, bytes);
  c.log(
    `${fixed(bytes / 1024 ** 3, 2)} GiB of random bytes uploaded with OpenSSH sftp -b, ${runs} run(s) per server, alternating`,
  );
  c.log(
    `cipher (both): ${cipher ?? "chacha20-poly1305@openssh.com (the OpenSSH client's first choice; both servers offer it)"}`,
  );
  if (nodeFlags.length > 0) c.log(`OpenVAN server started with node ${nodeFlags.join(" ")}`);

  const sshd = await startOpenSshServer(join(c.workDir, "sshd"));
  const data = join(c.workDir, "openvan");
  const sftpPort = await freePort();
  const httpPort = await freePort();
  const openvan = startChild(
    openVanNodeArgs(
      [
        "serve",
        "--data",
        data,
        "--host",
        "127.0.0.1",
        "--port",
        String(httpPort),
        "--sftp-port",
        String(sftpPort),
        "--demo",
        "--log-level",
        "warn",
      ],
      nodeFlags,
    ),
  );
  try {
    const demo = await waitFor(
      openvan,
      () => readJson<Demo>(join(data, "demo.json")),
      "openvan serve --demo",
    );
    await waitForPort(sftpPort);
    const [acme, grocer] = demo.accounts;
    if (acme === undefined || grocer === undefined) throw new Error("demo.json lacks the demo companies");
    const knownHosts = join(c.workDir, "known_hosts");
    await writeFile(
      knownHosts,
      (await run("ssh-keyscan", ["-t", "ed25519", "-p", String(sftpPort), "127.0.0.1"])) +
        (await run("ssh-keyscan", ["-t", "ed25519", "-p", String(sshd.port), "127.0.0.1"])),
    );
    const askpass = join(c.workDir, "askpass.sh");
    await writeFile(askpass, `#!/bin/sh\nprintf '%s\\n' '${acme.sftp.password}'\n`, { mode: 0o700 });

    const openVanTimes: number[] = [];
    const openSshTimes: number[] = [];
    let intact = true;
    for (let i = 0; i < runs; i++) {
      // A byte of its own per run, so that no upload is an identical resend of an earlier one.
      const sha256 = await stamp(file, i);
      const name = `upload-${i}.bin`;
      // OpenSSH's server leaves its upload in the page cache, unflushed; the kernel writes it back during
      // whatever comes next. Each timed upload starts with nothing of the other's left to write.
      await run("sync", []);
      openVanTimes.push(
        await timed(() =>
          sftpPut(file, `/outbox/ZZ:GROCERYMART/${name}`, {
            port: sftpPort,
            knownHosts,
            user: acme.sftp.username,
            askpass,
            cipher,
          }),
        ),
      );
      intact = (await inNetwork(demo, acme.apiKey, grocer.apiKey, bytes, sha256)) && intact;
      await run("sync", []);
      openSshTimes.push(
        await timed(() =>
          sftpPut(file, name, {
            port: sshd.port,
            knownHosts,
            user: sshd.username,
            key: sshd.clientKey,
            cipher,
          }),
        ),
      );
      c.log(
        `  run ${i + 1}: OpenVAN ${fixed(openVanTimes[i] ?? 0, 2)} s, OpenSSH ${fixed(openSshTimes[i] ?? 0, 2)} s (load ${loadAverage()})`,
      );
    }
    const rss = openvan.peakRssMB();
    const mbps = (seconds: number): number => bytes / seconds / 1e6;
    const openVanMBps = mbps(median(openVanTimes));
    const openSshMBps = mbps(median(openSshTimes));
    const ratio = openVanMBps / openSshMBps;
    c.log();
    c.log(
      textTable([
        ["Server", "Runs (s)", "Median (s)", "MB/s (median)", "Peak RSS (MB)"],
        [
          "OpenVAN (durable, hashed; then routed)",
          openVanTimes.map((t) => fixed(t, 2)).join(" "),
          fixed(median(openVanTimes), 2),
          fixed(openVanMBps, 1),
          fixed(rss, 0),
        ],
        [
          "OpenSSH sshd internal-sftp (plain file)",
          openSshTimes.map((t) => fixed(t, 2)).join(" "),
          fixed(median(openSshTimes), 2),
          fixed(openSshMBps, 1),
          "–",
        ],
      ]),
    );
    c.log();
    c.log(`OpenVAN / OpenSSH throughput: ${fixed(ratio, 2)}x (goal >= ${goalRatio}x)`);
    c.log(`OpenVAN peak RSS: ${fixed(rss, 0)} MB (goal < ${goalRssMB} MB)`);
    c.log(
      `every upload in the network whole (size and SHA-256 of the stored message): ${intact ? "yes" : "NO"}`,
    );
    return intact && ratio >= goalRatio && rss < goalRssMB;
  } finally {
    await stop(openvan);
    await sshd.stop();
  }
}

interface PutTarget {
  readonly port: number;
  readonly knownHosts: string;
  readonly user: string;
  readonly key?: string;
  readonly askpass?: string;
  readonly cipher?: string | undefined;
}

/** `sftp -b` with one `put`; a password (OpenVAN's demo login) is answered by SSH_ASKPASS. */
async function sftpPut(file: string, remote: string, target: PutTarget): Promise<void> {
  const args = [
    "-q",
    "-F",
    "/dev/null",
    "-P",
    String(target.port),
    "-o",
    `UserKnownHostsFile=${target.knownHosts}`,
  ];
  if (target.cipher !== undefined) args.push("-c", target.cipher);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (target.key !== undefined) args.push("-i", target.key, "-o", "IdentitiesOnly=yes");
  else {
    args.push("-o", "BatchMode=no", "-o", "PubkeyAuthentication=no");
    Object.assign(env, { SSH_ASKPASS: target.askpass, SSH_ASKPASS_REQUIRE: "force", DISPLAY: "none" });
  }
  const batch = `${file}.batch`;
  await writeFile(batch, `put ${file} ${remote}\n`);
  args.push("-b", batch, `${target.user}@127.0.0.1`);
  await run("sftp", args, env);
}

/** The upload is a message of the network: in Grocery Mart's mailbox, with the size and hash sent. */
async function inNetwork(
  demo: Demo,
  senderKey: string,
  recipientKey: string,
  size: number,
  sha256: string,
): Promise<boolean> {
  for (let i = 0; i < 600; i++) {
    const page = (await (
      await fetch(`${demo.url}/api/v1/mailbox?limit=1000`, {
        headers: { authorization: `Bearer ${recipientKey}` },
      })
    ).json()) as { items: { id: string; messageId: string; size: number }[] };
    for (const item of page.items) {
      const story = (await (
        await fetch(`${demo.url}/api/v1/messages/${item.messageId}`, {
          headers: { authorization: `Bearer ${senderKey}` },
        })
      ).json()) as { sha256?: string };
      if (item.size === size && story.sha256 === sha256) {
        await fetch(`${demo.url}/api/v1/mailbox/${item.id}/confirm`, {
          method: "POST",
          headers: { authorization: `Bearer ${recipientKey}` },
        });
        return true;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Writes the run's number into the first bytes; returns the file's SHA-256, for the check. */
async function stamp(file: string, run: number): Promise<string> {
  const handle = await open(file, "r+");
  try {
    const head = Buffer.alloc(8);
    head.writeBigUInt64BE(BigInt(run));
    await handle.write(head, 0, 8, 0);
  } finally {
    await handle.close();
  }
  const hash = createHash("sha256");
  const reader = await open(file, "r");
  try {
    for await (const chunk of reader.createReadStream({ highWaterMark: 4 * 1024 * 1024 })) hash.update(chunk);
  } finally {
    await reader.close();
  }
  return hash.digest("hex");
}

async function writeRandomFile(file: string, bytes: number): Promise<void> {
  const handle = await open(file, "w");
  try {
    const chunk = Buffer.alloc(8 * 1024 * 1024);
    for (let written = 0; written < bytes; written += chunk.length) {
      const part = chunk.subarray(0, Math.min(chunk.length, bytes - written));
      randomFillSync(part);
      await handle.write(part);
    }
  } finally {
    await handle.close();
  }
}

async function timed(work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The value after `name` in the arguments, or undefined. */
function stringOption(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function stop(child: ChildServer): Promise<void> {
  await child.stop();
}
