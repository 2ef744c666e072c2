// Which adapter stands behind each outbound port, from the configuration: an integration that is not
// configured gets its adapter's "not configured" port, so the rest of the service never checks.
import { confluenceDocumentPorts } from "./adapters/confluence/confluence-document-ports.ts";
import { jiraTicketPorts } from "./adapters/jira/jira-ticket-ports.ts";
import { emailNotifier } from "./adapters/notify/email-notifier.ts";
import { compositeNotifier } from "./adapters/notify/notifier.ts";
import { twilioNotifier } from "./adapters/notify/twilio-notifier.ts";
import { webhookNotifier } from "./adapters/notify/webhook-notifier.ts";
import { outboundGuard } from "./adapters/outbound/outbound-guard.ts";
import { slackChatAdapter } from "./adapters/slack/slack-chat-adapter.ts";
import { slackNotifier } from "./adapters/slack/slack-notifier.ts";
import { statuspageAdapter } from "./adapters/statuspage/statuspage-adapter.ts";
import type { Config } from "./config.ts";
import type { InstallationRepository } from "./ports/installation-repository.ts";

export function integrationPorts(config: Config, installations: InstallationRepository) {
  const tickets = jiraTicketPorts(config.jira, installations);
  const env = config.env;
  const outbound = outboundGuard(config.outboundAllow);
  const notifier = compositeNotifier({
    email: emailNotifier(env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.FIREWATCH_EMAIL_FROM } : null),
    slack: slackNotifier(env.SLACK_BOT_TOKEN ? { token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL } : null),
    webhook: webhookNotifier({ secret: env.FIREWATCH_PAGE_WEBHOOK_SECRET ?? null, outbound }),
    ...twilioChannels(env, `${config.publicUrl}/webhooks/twilio`),
  });
  const chat = slackChatAdapter(env.SLACK_BOT_TOKEN ? { token: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL } : null);
  const statusPage = statuspageAdapter(
    env.STATUSPAGE_API_KEY && env.STATUSPAGE_PAGE_ID
      ? { apiKey: env.STATUSPAGE_API_KEY, pageId: env.STATUSPAGE_PAGE_ID, apiUrl: env.STATUSPAGE_API_URL }
      : null,
  );
  const documents = confluenceDocumentPorts(config.confluence, installations);
  return { tickets, outbound, notifier, chat, statusPage, documents };
}

/**
 * SMS and voice pages through Twilio, when its account, token and sending number are all set. Twilio calls back
 * under `webhooksUrl` (Firewatch's twilio router): delivery reports, and the keys pressed in a page's call.
 */
function twilioChannels(env: Config["env"], webhooksUrl: string) {
  const twilio = twilioNotifier(
    env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM
      ? {
          accountSid: env.TWILIO_ACCOUNT_SID,
          authToken: env.TWILIO_AUTH_TOKEN,
          from: env.TWILIO_FROM,
          apiUrl: env.TWILIO_API_URL,
          statusCallbackUrl: `${webhooksUrl}/status`,
          gatherUrl: `${webhooksUrl}/voice/gather`,
        }
      : null,
  );
  return { sms: twilio, voice: twilio };
}
