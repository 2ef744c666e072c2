import { AppError } from "../../domain/errors.ts";
import { incidentKey } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { SEVERITIES, type Severity } from "../../domain/severity.ts";
import { STATUS_POST_STATUSES, type StatusPostStatus } from "../../domain/status-post.ts";
import { addNote } from "../incidents/add-note.ts";
import { principalOfChatUser } from "./act-from-chat.ts";
import { changeIncidentStatus } from "../incidents/change-incident-status.ts";
import { declareIncident } from "../incidents/declare-incident.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { createStatusPost } from "../status-page/create-status-post.ts";
import { postStatusUpdate } from "../crisis/status-updates.ts";
import { runPlay } from "../crisis/run-play.ts";

/** A slash command as the chat delivered it. */
export interface ChatCommand {
  readonly userId: string;
  readonly channelId: string;
  readonly text: string;
}

/** The answer: shown to everyone in the channel, or only to the person who typed it. */
export interface ChatReply {
  readonly visibility: "channel" | "private";
  readonly text: string;
}

export const COMMAND_USAGE = [
  "`/incident declare <title> [sev1|sev2|sev3|sev4] [--drill]` — open an incident (you own it); `--drill`: a practice one",
  "`/incident ack` · `/incident resolve` — in an incident channel; anywhere with the incident: `/incident ack INC-42`",
  "`/incident note <text>` — add a note to the timeline",
  "`/incident status [investigating|identified|monitoring|resolved] <text>` — post to the status page",
  "`/incident update <text>` — send a status update to the incident's subscribers (not the public page)",
  "`/incident play <name>` — run a response play",
].join("\n");

const INCIDENT_KEY = /^INC-[1-9][0-9]{0,9}$/i;

const privately = (text: string): ChatReply => ({ visibility: "private", text });

/** Runs `/incident …` for the person behind the chat account; every failure is a private, readable answer. */
export async function runChatCommand(deps: UseCaseDeps, command: ChatCommand): Promise<ChatReply> {
  const [verb = "", ...rest] = command.text.trim().split(/\s+/);
  const args = rest.join(" ");
  if (!verb || verb === "help") return privately(COMMAND_USAGE);
  const by = await principalOfChatUser(deps, command.userId);
  if (!by) {
    return privately(
      `Firewatch does not know your Slack account yet. Ask an admin to add a contact method of kind \`slack\` with your member ID \`${command.userId}\` to your Firewatch user (POST /api/users/{id}/contact-methods).`,
    );
  }
  try {
    if (verb === "declare") return await declare(deps, by, args);
    // Acknowledge and resolve also work anywhere (a DM with the page) when they name the incident: `/incident ack INC-42`.
    const named =
      ["ack", "acknowledge", "resolve"].includes(verb) && INCIDENT_KEY.test(args) ? args.toUpperCase() : null;
    const ref = named ?? (await incidentOfChannel(deps, command.channelId));
    if (!ref)
      return privately(
        `\`/incident ${verb}\` works in an incident channel; this channel belongs to no incident.` +
          (verb === "ack" || verb === "resolve" ? ` Elsewhere, name the incident: \`/incident ${verb} INC-42\`.` : ""),
      );
    switch (verb) {
      case "ack":
      case "acknowledge":
        return said(
          by,
          `acknowledged ${incidentKey(await changeIncidentStatus(deps, by, ref, "acknowledge", "slack"))}`,
        );
      case "resolve":
        return said(by, `resolved ${incidentKey(await changeIncidentStatus(deps, by, ref, "resolve", "slack"))}`);
      case "note":
        if (!args) return privately("Say what to note: `/incident note <text>`.");
        await addNote(deps, by, ref, args, "chat");
        return said(by, `added a note: ${args}`);
      case "status":
        return await statusPost(deps, by, ref, args);
      case "update":
        if (!args) return privately("Say what stakeholders should read: `/incident update <text>`.");
        await postStatusUpdate(deps, by, ref, args, "chat");
        return said(by, `sent a status update to the subscribers: ${args}`);
      case "play":
        return await playByName(deps, by, ref, args);
      default:
        return privately(`Unknown command \`${verb}\`.\n${COMMAND_USAGE}`);
    }
  } catch (error) {
    if (error instanceof AppError) return privately(error.message);
    throw error;
  }
}

const said = (by: Principal, what: string): ChatReply => ({ visibility: "channel", text: `${by.name} ${what}` });

async function declare(deps: UseCaseDeps, by: Principal, args: string): Promise<ChatReply> {
  const all = args.split(" ").filter(Boolean);
  const drill = all.some((w) => w.toLowerCase() === "--drill");
  const words = all.filter((w) => w.toLowerCase() !== "--drill");
  const last = words.at(-1)?.toUpperCase();
  const severity = SEVERITIES.includes(last as Severity) ? (last as Severity) : undefined;
  const title = (severity ? words.slice(0, -1) : words).join(" ");
  if (!title) return privately("Give the incident a title: `/incident declare <title> [sev1|sev2|sev3|sev4]`.");
  const incident = await declareIncident(deps, by, { title, drill, ...(severity ? { severity } : {}) });
  return said(
    by,
    `declared ${drill ? "a drill, " : ""}${incidentKey(incident)} (${incident.severity}): ${incident.title}`,
  );
}

async function statusPost(deps: UseCaseDeps, by: Principal, ref: string, args: string): Promise<ChatReply> {
  const [first = "", ...rest] = args.split(" ");
  const named = STATUS_POST_STATUSES.includes(first.toLowerCase() as StatusPostStatus)
    ? (first.toLowerCase() as StatusPostStatus)
    : null;
  const body = (named ? rest.join(" ") : args).trim();
  if (!body)
    return privately(
      "Say what customers should read: `/incident status [investigating|identified|monitoring|resolved] <text>`.",
    );
  const status = named ?? (await lastStatus(deps, by, ref)) ?? "investigating";
  await createStatusPost(deps, by, ref, { status, body }, "chat");
  return said(by, `posted to the status page (${status}): ${body}`);
}

/** Runs the play whose name matches (any case); with no or no matching name, lists the plays there are. */
async function playByName(deps: UseCaseDeps, by: Principal, ref: string, name: string): Promise<ChatReply> {
  const plays = await deps.uow.run((tx) => tx.crisis.listPlays(by.tenantId));
  const play = plays.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
  if (!play) {
    const names = plays.map((p) => `\`${p.name}\``).join(", ") || "none yet (an admin adds them under Settings)";
    return privately(
      `${name ? `No play is named \`${name}\`. ` : ""}Run one with \`/incident play <name>\`; plays: ${names}.`,
    );
  }
  const { steps } = await runPlay(deps, by, ref, play.id);
  const done = steps.filter((s) => s.outcome === "done").map((s) => s.detail);
  return said(by, `ran the response play "${play.name}": ${done.join("; ") || "every step was done before"}`);
}

async function lastStatus(deps: UseCaseDeps, by: Principal, ref: string): Promise<StatusPostStatus | null> {
  return deps.uow.run(async (tx) => {
    const incident = await tx.incidents.findById(by.tenantId, ref);
    return incident ? ((await tx.statusPosts.listOf(incident.id)).at(-1)?.status ?? null) : null;
  });
}

async function incidentOfChannel(deps: UseCaseDeps, channelId: string): Promise<string | null> {
  return deps.uow.run(async (tx) => (await tx.conversations.channelById(channelId))?.incidentId ?? null);
}
