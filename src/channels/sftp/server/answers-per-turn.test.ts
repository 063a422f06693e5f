import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerPerTurn } from "./answers-per-turn.js";

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe("answerPerTurn", () => {
  it("holds the answers written while incoming bytes are handled, and sends them all after that turn", async () => {
    const corkedWhileHandling: number[] = [];
    const server = createServer((socket: Socket) => {
      socket.on("data", (data) => {
        corkedWhileHandling.push(socket.writableCorked);
        for (const byte of data) socket.write(`ok ${String.fromCharCode(byte)};`);
      });
      answerPerTurn(socket);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    closers.push(() => server.close());
    const client = connect((server.address() as AddressInfo).port, "127.0.0.1");
    closers.push(() => client.destroy());
    let received = "";
    client.on("data", (chunk: Buffer) => {
      received += chunk.toString();
    });
    client.write("abc");
    for (let i = 0; i < 100 && received.length < 15; i++) await new Promise((r) => setTimeout(r, 10));
    expect(received).toBe("ok a;ok b;ok c;");
    expect(corkedWhileHandling.every((corked) => corked === 1)).toBe(true);
  });
});
