import type { Socket } from "node:net";

/**
 * Sends what is written to `socket` while its incoming bytes are handled in one turn of the event loop with
 * one system call, when that turn is over. An upload's client keeps dozens of WRITE requests under way and
 * each gets a small answer of its own; written one by one (Nagle is off, so every answer is a packet),
 * the answers cost more time in the kernel than the uploaded bytes did. Answers written at any other time
 * (after a file is flushed, say) leave at once, as before.
 */
export function answerPerTurn(socket: Socket): void {
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  socket.prependListener("data", () => {
    if (corked) return;
    corked = true;
    socket.cork();
    setImmediate(uncork);
  });
}
