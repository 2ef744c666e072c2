// What the sandbox says about itself, in the terminal, on /sandbox/ and in tests that wait for it.

/** The line every surface of the sandbox shows. */
export const SANDBOX_NOTICE =
  "This is a sandbox: Jira, Confluence, Slack, Statuspage, Twilio and e-mail are local stand-ins; nothing leaves this machine.";

/** Printed once the sandbox serves everything (the story included); `npm run demo`'s tests wait for it. */
export const READY_LINE = "Firewatch sandbox ready";
