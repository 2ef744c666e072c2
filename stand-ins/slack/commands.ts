// Slash command requests: an application/x-www-form-urlencoded POST, signed like every request from Slack.
// Fields: https://docs.slack.dev/interactivity/implementing-slash-commands (also
// https://api.slack.com/interactivity/slash-commands#app_command_handling): token, team_id,
// team_domain, enterprise_id/enterprise_name on Enterprise Grid only, channel_id, channel_name, user_id, user_name,
// command, text, api_app_id, is_enterprise_install, response_url, trigger_id. The documented example body is
// test/fixtures/slack/slash-command.txt.
import { signSlackRequest, type SignedHeaders } from "./signing.ts";

export interface SlashCommandFields {
  token: string;
  teamId: string;
  teamDomain: string;
  channelId: string;
  /** "directmessage" in a DM, "privategroup" in a private channel (as Slack sends them). */
  channelName: string;
  userId: string;
  userName: string;
  /** e.g. "/firewatch" */
  command: string;
  text: string;
  apiAppId: string;
  responseUrl: string;
  triggerId: string;
}

export interface SignedForm {
  body: string;
  headers: SignedHeaders & { "Content-Type": "application/x-www-form-urlencoded" };
}

/** The form body of a slash command, signed with `signingSecret` at `timestamp` (unix seconds, default now). */
export function slashCommand(
  fields: SlashCommandFields,
  signing: { signingSecret: string; timestamp?: number },
): SignedForm {
  const body = new URLSearchParams({
    token: fields.token,
    team_id: fields.teamId,
    team_domain: fields.teamDomain,
    channel_id: fields.channelId,
    channel_name: fields.channelName,
    user_id: fields.userId,
    user_name: fields.userName,
    command: fields.command,
    text: fields.text,
    api_app_id: fields.apiAppId,
    is_enterprise_install: "false",
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
  return {
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...signSlackRequest(signing.signingSecret, body, signing.timestamp ?? Date.now() / 1000),
    },
  };
}
