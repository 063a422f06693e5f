import type { Command } from "commander";
import type { CliIo } from "../cli-io.js";
import { addAckProfileCommands } from "./ack-profile-command.js";
import { addAdminAs2Commands } from "./admin-as2-command.js";
import { addAdminCommand } from "./admin-command.js";
import { addAdminSftpCommands } from "./admin-sftp-command.js";
import { addGuideCommand } from "./guide-command.js";
import { addMailboxCommand } from "./mailbox-command.js";
import { addOutboundCommands } from "./outbound-commands.js";
import { addSendCommand } from "./send-command.js";
import { addTrackCommand } from "./track-command.js";

/**
 * The commands that talk to an OpenVAN server over its REST API: `send`, `mailbox`, `track`, `admin`.
 * Exit codes: 0 done, 1 the server refused (its error is printed), 2 usage, 3 no answer from the server.
 */
export function addClientCommands(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  addSendCommand(program, io, setExitCode);
  addMailboxCommand(program, io, setExitCode);
  addTrackCommand(program, io, setExitCode);
  addAdminCommand(program, io, setExitCode);
  const admin = program.commands.find((c) => c.name() === "admin");
  if (admin !== undefined) addAckProfileCommands(admin, io, setExitCode);
  if (admin !== undefined) addAdminSftpCommands(admin, io, setExitCode);
  if (admin !== undefined) addAdminAs2Commands(admin, io, setExitCode);
  addOutboundCommands(program, io, setExitCode);
  addGuideCommand(program, io, setExitCode);
}
